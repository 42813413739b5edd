;; Result forms of the Wasm 3.0 scripts: `either` (one of several allowed
;; results, as relaxed SIMD has) and nulls without a heap type or of the
;; bottom types.
(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "pair") (result i32 f32) (i32.const 2) (f32.const nan:0x400000))
  (func (export "null-func") (result funcref) (ref.null func))
  (func (export "null-extern") (result externref) (ref.null extern)))

(assert_return (invoke "one") (either (i32.const 0) (i32.const 1)))
(assert_return (invoke "one") (either (i32.const 1) (i32.const 0)))
(assert_return (invoke "pair") (either (i32.const 2)) (either (f32.const 0) (f32.const nan:canonical)))
(assert_return (invoke "null-func") (ref.null))
(assert_return (invoke "null-func") (ref.null nofunc))
(assert_return (invoke "null-extern") (ref.null))
(assert_return (invoke "null-extern") (ref.null noextern))
