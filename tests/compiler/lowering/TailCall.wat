;; return_call to a function of the caller's own type is a musttail call,
;; which LLVM guarantees to run in constant stack space; to another type a
;; tail call (a jump where the arguments fit, else a call). Either is
;; followed by the return of its result, nothing else.
(module
  (type $ii (func (param i64) (result i32)))
  (table 1 funcref)

  ;; CHECK-LABEL: define internal i32 @wasm.func.0(ptr %vmctx, i64 %0)
  ;; CHECK: %[[R:[0-9]+]] = musttail call i32 @wasm.func.1(ptr %vmctx, i64 %{{[0-9]+}})
  ;; CHECK-NEXT: ret i32 %[[R]]
  (func $even (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))

  ;; CHECK-LABEL: define internal i32 @wasm.func.2(ptr %vmctx)
  ;; CHECK: %[[T:[0-9]+]] = tail call i32 @wasm.func.0(ptr %vmctx, i64 7)
  ;; CHECK-NEXT: ret i32 %[[T]]
  (func (result i32) (return_call $even (i64.const 7)))

  ;; return_call_indirect: the usual checks, then the tail call.
  ;; CHECK-LABEL: define internal i32 @wasm.func.3(ptr %vmctx, i64 %0)
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 4)
  ;; CHECK: %[[I:[0-9]+]] = musttail call i32 %code(ptr %callee.vmctx, i64 %{{[0-9]+}})
  ;; CHECK-NEXT: ret i32 %[[I]]
  (func (type $ii) (return_call_indirect (type $ii) (local.get 0) (i32.const 0)))
)
