;; Integer division traps on zero and on signed overflow; rem_s sidesteps the
;; hardware's overflow; shifts take the count modulo the width; rotates and
;; nearest uses the intrinsic; min is spelled out (NaN in, quiet NaN out;
;; -0 below +0); float arithmetic results are marked for the NaN-quieting pass
;; (lowering/NanQuieting.h), since LLVM may fold them to a signaling operand.
(module
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(ptr %vmctx, i32 %0, i32 %1)
  ;; CHECK: %[[Z:[0-9]+]] = icmp eq i32 %[[D:[0-9]+]], 0
  ;; CHECK-NEXT: br i1 %[[Z]], label %[[TRAPZ:trap[0-9]+]], label
  ;; CHECK: icmp eq i32 %[[D]], -1
  ;; CHECK: icmp eq i32 %{{[0-9]+}}, -2147483648
  ;; CHECK: br i1 %{{[0-9]+}}, label %[[TRAPO:trap[0-9]+]], label
  ;; CHECK: [[TRAPZ]]:
  ;; CHECK-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 7)
  ;; CHECK: sdiv i32 %{{[0-9]+}}, %[[D]]
  ;; CHECK: [[TRAPO]]:
  ;; CHECK-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 8)
  (func (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.1(
  ;; CHECK: select i1 %{{.*}}, i32 1, i32
  ;; CHECK: srem i32
  (func (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal tailcc i64 @wasm.func.2(
  ;; CHECK: and i64 %{{.*}}, 63
  ;; CHECK: shl i64
  (func (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.3(
  ;; CHECK: call i32 @llvm.fshl.i32(i32 %[[X:.*]], i32 %[[X]],
  (func (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal tailcc float @wasm.func.4(
  ;; CHECK: or i32
  ;; CHECK: fcmp olt float
  ;; CHECK: fcmp oeq float
  ;; CHECK: fcmp uno float
  ;; CHECK: fadd float
  (func (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))

  ;; CHECK-LABEL: define internal tailcc double @wasm.func.5(
  ;; CHECK: call double @llvm.roundeven.f64
  (func (param f64) (result f64) (f64.nearest (local.get 0)))

  ;; NaN payloads survive constants: the bits go through an integer.
  ;; CHECK-LABEL: define internal tailcc float @wasm.func.6(
  ;; CHECK: phi float [ 0x7FF4000000000000,
  (func (result f32) (f32.const nan:0x200000))

  ;; CHECK-LABEL: define internal tailcc double @wasm.func.7(
  ;; CHECK: %[[M:[0-9]+]] = fmul double %{{[0-9]+}}, 1.0
  ;; CHECK-NEXT: call double @llvm.arithmetic.fence.f64(double %[[M]])
  (func (param f64) (result f64) (f64.mul (local.get 0) (f64.const 1)))
)
