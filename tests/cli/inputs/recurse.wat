;; Recursion as deep as asked: "depth" calls itself N times, with a frame
;; the optimizer cannot drop (the call's result is used).
(module
  (func $down (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
  (func (export "_start") (drop (call $down (i32.const -1)))))
