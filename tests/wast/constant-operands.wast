;; Operations whose operands are all constants, next to ones that are not.
;; Lowering leaves such operands as LLVM constant expressions; at -O0
;; nothing folds them before instruction selection, which miscompiled some
;; (differential test, seed 81: a bitmask of a v128.const, compared).

(module
  (memory 1)
  (data (i32.const 0) "\01\00\00\00")
  (func (export "ge_u-bitmask-i32x4") (result i32)
    (i32.ge_u
      (f32.ne (f32.const -nan:0x1) (f32.load (i32.const 4)))
      (i32x4.bitmask (v128.const i32x4 0x1f94ffdd 0xdb69bcaa 0x00000000 0x43e00000))))
  (func (export "lt_u-bitmask-i8x16") (result i32)
    (i32.lt_u
      (i32.load (i32.const 0))
      (i8x16.bitmask (v128.const i8x16 0 -1 0 -1 0 0 0 0 -1 0 0 0 0 0 0 -1))))
  (func (export "sub-bitmask-i16x8") (result i32)
    (i32.sub
      (i32.load (i32.const 0))
      (i16x8.bitmask (v128.const i16x8 -1 0 0 -1 0 0 0 0))))
  (func (export "add-bitmask-i64x2") (result i32)
    (i32.add
      (i32.load (i32.const 0))
      (i64x2.bitmask (v128.const i64x2 0 -1))))
  (func (export "eq-all_true-i32x4") (result i32)
    (i32.eq
      (i32.load (i32.const 0))
      (i32x4.all_true (v128.const i32x4 1 2 3 0))))
  (func (export "ne-any_true") (result i32)
    (i32.ne
      (i32.load (i32.const 0))
      (v128.any_true (v128.const i64x2 0 0x100))))
  (func (export "mul-extract-lane") (result i32)
    (i32.mul
      (i32.load (i32.const 0))
      (i8x16.extract_lane_s 3 (v128.const i8x16 0 0 0 -7 0 0 0 0 0 0 0 0 0 0 0 0))))
)

(assert_return (invoke "ge_u-bitmask-i32x4") (i32.const 0))
(assert_return (invoke "lt_u-bitmask-i8x16") (i32.const 1))
(assert_return (invoke "sub-bitmask-i16x8") (i32.const -8))
(assert_return (invoke "add-bitmask-i64x2") (i32.const 3))
(assert_return (invoke "eq-all_true-i32x4") (i32.const 0))
(assert_return (invoke "ne-any_true") (i32.const 0))
(assert_return (invoke "mul-extract-lane") (i32.const -7))
