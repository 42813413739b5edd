;; Calls: every function first compares its frame address with the thread's
;; limit (call stack exhausted, 10); a direct call goes straight to the
;; callee; an imported function is called through its funcref, with the
;; funcref's own vmctx. Calls are notail, so runaway recursion exhausts the
;; stack and traps instead of looping.
(module
  (import "env" "f" (func $imp (param i32) (result i32)))
  (func $callee (param i32) (result i32) (local.get 0))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.2(ptr %vmctx, i32 %0)
  ;; CHECK: %frame = call ptr @llvm.frameaddress.p0(i32 0)
  ;; CHECK: %stack.limit = load i64
  ;; CHECK: icmp ult i64 %{{[0-9]+}}, %stack.limit
  ;; CHECK: %funcref0 = load ptr
  ;; CHECK: %code = load ptr, ptr
  ;; CHECK: %callee.vmctx = load ptr, ptr
  ;; CHECK: %[[R:[0-9]+]] = notail call tailcc i32 %code(ptr %callee.vmctx, i32
  ;; CHECK: notail call tailcc i32 @wasm.func.1(ptr %vmctx, i32 %[[R]])
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 10)
  (func (param i32) (result i32) (call $callee (call $imp (local.get 0))))
)
