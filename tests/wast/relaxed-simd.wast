;; Relaxed SIMD gives one result of those the spec allows, the same on every
;; target (docs/Proposals.md): these are the exact ones wasmaot promises,
;; where the spec's own scripts accept any alternative.
(module
  (func (export "swizzle") (param v128 v128) (result v128)
    (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
  (func (export "trunc-s") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
  (func (export "trunc-u-zero") (param v128) (result v128)
    (i32x4.relaxed_trunc_f64x2_u_zero (local.get 0)))
  (func (export "madd") (param v128 v128 v128) (result v128)
    (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "nmadd64") (param v128 v128 v128) (result v128)
    (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "laneselect") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "min") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1)))
  (func (export "max64") (param v128 v128) (result v128) (f64x2.relaxed_max (local.get 0) (local.get 1)))
  (func (export "q15") (param v128 v128) (result v128) (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
  (func (export "dot") (param v128 v128) (result v128)
    (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
  (func (export "dot-add") (param v128 v128 v128) (result v128)
    (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2))))

;; Indices of 16 and more select 0.
(assert_return (invoke "swizzle" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
                                 (v128.const i8x16 0 15 16 255 128 1 0 0 0 0 0 0 0 0 0 31))
               (v128.const i8x16 1 16 0 0 0 2 1 1 1 1 1 1 1 1 1 0))
;; Truncation saturates, NaN is 0.
(assert_return (invoke "trunc-s" (v128.const f32x4 nan 3e9 -3e9 -1.5))
               (v128.const i32x4 0 0x7fffffff 0x80000000 -1))
(assert_return (invoke "trunc-u-zero" (v128.const f64x2 -1 5e9))
               (v128.const i32x4 0 0xffffffff 0 0))
;; Rounded twice: 0, where a fused multiply-add gives 0x1p-37.
(assert_return (invoke "madd" (v128.const f32x4 0x1.000004p+0 1 1 0x1.fffffep+127)
                              (v128.const f32x4 0x1.0002p+0 1 1 2)
                              (v128.const f32x4 -0x1.000204p+0 2 -1 -0x1.fffffep+127))
               (v128.const f32x4 0 3 0 inf))
(assert_return (invoke "nmadd64" (v128.const f64x2 2 -0x1.00000004p+0)
                                 (v128.const f64x2 3 0x1.000002p+0)
                                 (v128.const f64x2 1 -0x1.00000204p+0))
               (v128.const f64x2 -5 0))
;; Bitwise selection, not per lane by the mask's top bit.
(assert_return (invoke "laneselect" (v128.const i32x4 0xffffffff 0xffffffff 0 0)
                                    (v128.const i32x4 0 0 0xffffffff 0xffffffff)
                                    (v128.const i32x4 0x0000ffff 0x80000000 0x0000ffff 0x80000000))
               (v128.const i32x4 0x0000ffff 0x80000000 0xffff0000 0x7fffffff))
;; min and max as the deterministic ones: NaN wins, -0 < +0.
(assert_return (invoke "min" (v128.const f32x4 nan 0 -0 1) (v128.const f32x4 1 -0 0 nan))
               (v128.const f32x4 nan:canonical -0 -0 nan:canonical))
(assert_return (invoke "max64" (v128.const f64x2 -0 2) (v128.const f64x2 0 1))
               (v128.const f64x2 0 2))
;; -1 * -1 in Q15 saturates.
(assert_return (invoke "q15" (v128.const i16x8 -32768 16384 0 0 0 0 0 0)
                             (v128.const i16x8 -32768 16384 0 0 0 0 0 0))
               (v128.const i16x8 32767 8192 0 0 0 0 0 0))
;; Both operands signed; pair sums wrap in 16 bits.
(assert_return (invoke "dot" (v128.const i8x16 -128 -128 -128 -128 1 2 0 0 0 0 0 0 0 0 0 0)
                             (v128.const i8x16 -128 -128 -127 -127 -1 100 0 0 0 0 0 0 0 0 0 0))
               (v128.const i16x8 -32768 32512 199 0 0 0 0 0))
(assert_return (invoke "dot-add" (v128.const i8x16 -128 -128 -128 -128 1 1 1 1 0 0 0 0 0 0 0 0)
                                 (v128.const i8x16 -128 -128 -128 -128 -1 -1 -1 -1 0 0 0 0 0 0 0 0)
                                 (v128.const i32x4 1 2 3 4))
               (v128.const i32x4 -65535 -2 3 4))
