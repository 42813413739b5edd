;; Invalid: the function promises an i32 but leaves an f64 on the stack.
;; Assembled with `wat2wasm --no-check`, which skips validation.
(module
  (func (result i32)
    (f64.const 1)))
