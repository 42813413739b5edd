;; Tables and references: call_indirect traps on an index past the table's
;; size (undefined element, 4), a null entry (uninitialized element, 5) and a
;; type whose canonical id differs (indirect call type mismatch, 6), then
;; calls the entry's code with the entry's vmctx; table.get checks its index
;; (out of bounds table access, 3); growing goes through the runtime.
(module
  (type $ii (func (param i32) (result i32)))
  (table 2 funcref)
  (table $t2 1 externref)
  (elem declare func 3)

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(
  ;; CHECK: %table.size = load i32
  ;; CHECK: icmp uge i32 %{{[0-9]+}}, %table.size
  ;; CHECK: %funcref = load ptr, ptr %slot
  ;; CHECK: icmp eq ptr %funcref, null
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 4)
  ;; CHECK: %expected.type.id = load i32
  ;; CHECK: %type.id = load i32
  ;; CHECK: icmp ne i32 %type.id, %expected.type.id
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 5)
  ;; CHECK: %code = load ptr
  ;; CHECK: %callee.vmctx = load ptr
  ;; CHECK: notail call tailcc i32 %code(ptr %callee.vmctx, i32
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 6)
  (func (param i32) (result i32) (call_indirect (type $ii) (local.get 0) (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc ptr @wasm.func.1(
  ;; CHECK: %table1 = load ptr
  ;; CHECK: icmp uge i32 %{{[0-9]+}}, %table.size
  ;; CHECK: %elem = load ptr, ptr %slot
  ;; CHECK: call void @wasmaot_rt_trap(ptr %vmctx, i32 3)
  (func (param i32) (result externref) (table.get $t2 (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.2(
  ;; CHECK: call i64 @wasmaot_rt_table_grow(ptr %vmctx, i32 1, ptr null, i64 1)
  (func (result i32) (table.grow $t2 (ref.null extern) (i32.const 1)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.3(
  ;; CHECK: %funcref3 = load ptr
  ;; CHECK: icmp eq ptr %funcref3, null
  (func (result i32) (ref.is_null (ref.func 3)))
)
