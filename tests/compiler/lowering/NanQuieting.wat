;; Arithmetic NaNs after optimization (lowering/NanQuieting.h): a float
;; operation that LLVM folds to a signaling operand is quieted where the fold
;; happened, and only there; operations the hardware performs keep no mark
;; and get no select.
(module
  (memory 1)
  (func $one (result f32) (f32.const 1))

  ;; x * 1 after inlining: the multiplication is gone, x is quieted.
  ;; CHECK-LABEL: define internal tailcc float @wasm.func.1(ptr %vmctx, float %0)
  ;; CHECK-NOT: fmul
  ;; CHECK: %[[B:[0-9]+]] = bitcast float %0 to i32
  ;; CHECK: or i32 %[[B]], 4194304
  ;; CHECK: fcmp uno float %0, {{%0|0.000000e\+00}}
  ;; CHECK: select i1
  ;; CHECK-NOT: arithmetic.fence
  ;; CHECK: ret float
  (func (param f32) (result f32) (f32.mul (local.get 0) (call $one)))

  ;; A NaN constant operand: the result is a quiet constant.
  ;; CHECK-LABEL: define internal tailcc float @wasm.func.2(
  ;; CHECK-NOT: fsub
  ;; CHECK: ret float 0xFFFC6986C0000000
  (func (param f32) (result f32) (f32.sub (f32.const -nan:0x234c36) (local.get 0)))

  ;; Nothing folds: no quieting (the loop's range check selects integers).
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.3(
  ;; CHECK-NOT: select {{.*}}float
  ;; CHECK-NOT: arithmetic.fence
  ;; CHECK: fmul float %{{[0-9a-z.]+}}, 3.0
  ;; CHECK-NOT: select {{.*}}float
  ;; CHECK-NOT: arithmetic.fence
  ;; CHECK: ret void
  (func (param $n i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store offset=4096 (i32.shl (local.get $i) (i32.const 2))
          (f32.mul (f32.load (i32.shl (local.get $i) (i32.const 2))) (f32.const 3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
)
