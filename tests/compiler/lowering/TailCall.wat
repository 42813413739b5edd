;; Wasm functions are tailcc, and every tail call is a musttail call, which
;; LLVM guarantees to run in constant stack space whatever the two types,
;; followed by the return of its result and nothing else.
(module
  (type $ii (func (param i64) (result i32)))
  (table 1 funcref)

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(ptr %vmctx, i64 %0)
  ;; CHECK: %[[R:[0-9]+]] = musttail call tailcc i32 @wasm.func.1(ptr %vmctx, i64 %{{[0-9]+}})
  ;; CHECK-NEXT: ret i32 %[[R]]
  (func $even (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))

  ;; Another type: musttail too.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.2(ptr %vmctx)
  ;; CHECK: %[[T:[0-9]+]] = musttail call tailcc i32 @wasm.func.0(ptr %vmctx, i64 7)
  ;; CHECK-NEXT: ret i32 %[[T]]
  (func (result i32) (return_call $even (i64.const 7)))

  ;; return_call_indirect: the usual checks, then the tail call.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.3(ptr %vmctx, i64 %0)
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 4)
  ;; CHECK: %[[I:[0-9]+]] = musttail call tailcc i32 %code(ptr %callee.vmctx, i64 %{{[0-9]+}})
  ;; CHECK-NEXT: ret i32 %[[I]]
  (func (type $ii) (return_call_indirect (type $ii) (local.get 0) (i32.const 0)))

  ;; Three results take more than two registers: they go to a results area,
  ;; the last parameter, which a tail call passes on and a call allocates.
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.4(ptr %vmctx, i32 %0, ptr %1)
  ;; CHECK: musttail call tailcc void @wasm.func.5(ptr %vmctx, i32 %{{[0-9]+}}, i64 2, ptr %1)
  ;; CHECK-NEXT: ret void
  (func $three (param i32) (result i32 i64 f64)
    (if (result i32 i64 f64) (local.get 0)
      (then (return_call $three-more (local.get 0) (i64.const 2)))
      (else (i32.const 1) (i64.const 2) (f64.const 3))))
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.5(ptr %vmctx, i32 %0, i64 %1, ptr %2)
  (func $three-more (param i32 i64) (result i32 i64 f64)
    (return_call $three (i32.const 0)))
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.6(ptr %vmctx)
  ;; CHECK: %results = alloca { i32, i64, double }
  ;; CHECK: call void @llvm.lifetime.start.p0(i64 -1, ptr %results)
  ;; CHECK: notail call tailcc void @wasm.func.4(ptr %vmctx, i32 1, ptr %results)
  ;; CHECK: getelementptr inbounds { i32, i64, double }, ptr %results, i32 0, i32 2
  ;; CHECK: call void @llvm.lifetime.end.p0(i64 -1, ptr %results)
  (func (result i32) (call $three (i32.const 1)) (drop) (drop))
)
