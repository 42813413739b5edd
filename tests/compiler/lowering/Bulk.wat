;; Bulk memory and table operations call the runtime, which checks the whole
;; range before writing; a non-zero answer traps with the family's
;; out-of-bounds kind (memory 2, table 3), whatever the bounds strategy.
(module
  (memory 1)
  (table 1 funcref)
  (data "abc")
  (elem func 0)

  ;; CHECK-LABEL: define internal tailcc void @wasm.func.0(
  ;; CHECK: %[[R:[0-9]+]] = call i32 @wasmaot_rt_memory_copy(ptr %vmctx, i32 0, i32 0, i64 %{{[0-9]+}}, i64 %{{[0-9]+}}, i64 %{{[0-9]+}})
  ;; CHECK-NEXT: %[[F:[0-9]+]] = icmp ne i32 %[[R]], 0
  ;; CHECK-NEXT: br i1 %[[F]], label %[[T:trap[0-9]*]],
  ;; CHECK: [[T]]:
  ;; CHECK-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 2)
  (func (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))

  ;; CHECK-LABEL: define internal tailcc void @wasm.func.1(
  ;; CHECK: call i32 @wasmaot_rt_memory_init(ptr %vmctx, i32 0,
  ;; CHECK: call void @wasmaot_rt_data_drop(ptr %vmctx, i32 0)
  (func (param i32 i32 i32)
    (memory.init 0 (local.get 0) (local.get 1) (local.get 2))
    (data.drop 0))

  ;; CHECK-LABEL: define internal tailcc void @wasm.func.2(
  ;; CHECK: call i32 @wasmaot_rt_table_init(ptr %vmctx, i32 0, i32 0,
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 3)
  (func (param i32 i32 i32) (table.init 0 0 (local.get 0) (local.get 1) (local.get 2)))

  ;; CHECK-LABEL: define internal tailcc void @wasm.func.3(
  ;; CHECK: call i32 @wasmaot_rt_memory_fill(ptr %vmctx,
  (func (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
)
