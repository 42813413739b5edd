;; Trapping truncations check NaN first (invalid conversion), then the range
;; (integer overflow); saturating ones use LLVM's saturating intrinsics.
(module
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(ptr %vmctx, float %0)
  ;; CHECK: fcmp uno float %[[X:[0-9]+]], %[[X]]
  ;; CHECK: fcmp oge float %[[X]], 0xC1E0000000000000
  ;; CHECK: fcmp olt float %[[X]], 0x41E0000000000000
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 9)
  ;; CHECK: fptosi float %[[X]] to i32
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 8)
  (func (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))

  ;; -2^31 - 1 is exact in f64, so the lower bound is exclusive.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.1(
  ;; CHECK: fcmp ogt double %{{[0-9]+}}, 0xC1E0000000200000
  (func (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc i64 @wasm.func.2(
  ;; CHECK: fcmp ogt double %{{[0-9]+}}, -1.000000e+00
  ;; CHECK: fcmp olt double %{{[0-9]+}}, 0x43F0000000000000
  ;; CHECK: fptoui double
  (func (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.3(
  ;; CHECK: call i32 @llvm.fptoui.sat.i32.f32
  (func (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc i64 @wasm.func.4(
  ;; CHECK: trunc i64 %{{[0-9]+}} to i8
  ;; CHECK: sext i8 %{{[0-9]+}} to i64
  (func (param i64) (result i64) (i64.extend8_s (local.get 0)))
)
