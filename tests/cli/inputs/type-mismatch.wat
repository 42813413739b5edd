;; Invalid: the function promises an i32 but leaves an f64 on the stack.
;; Assembled with wasmaot-wat2wasm, which does not validate.
(module
  (func (result i32)
    (f64.const 1)))
