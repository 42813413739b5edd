;; Under guard pages no check is emitted and accesses are volatile, so that a
;; load whose value is unused still faults and stores are neither merged nor
;; reordered (a trap mid-loop must leave the earlier stores done); explicit
;; checks compare the access's end with the memory size and trap with kind 2.
(module
  (memory 1)
  ;; GUARD-LABEL: define internal tailcc void @wasm.func.0(ptr %vmctx, i32 %0)
  ;; GUARD-NOT: memsize
  ;; GUARD: %membase = load ptr, ptr %{{[0-9]+}}
  ;; GUARD: %[[EA:.*]] = add nuw i64 %{{[0-9]+}}, 4
  ;; GUARD: %addr = getelementptr i8, ptr %membase, i64 %[[EA]]
  ;; GUARD: load volatile i32, ptr %addr, align 1
  ;; EXPLICIT-LABEL: define internal tailcc void @wasm.func.0(ptr %vmctx, i32 %0)
  ;; EXPLICIT: %access.end = add nuw i64 %{{[0-9]+}}, 8
  ;; EXPLICIT: %memsize = load i64
  ;; EXPLICIT: %oob = icmp ugt i64 %access.end, %memsize
  ;; EXPLICIT: br i1 %oob, label %[[T:trap[0-9]*]]
  ;; EXPLICIT: load i32, ptr %addr, align 1
  ;; EXPLICIT: [[T]]:
  ;; EXPLICIT-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 2)
  (func (param i32) (drop (i32.load offset=4 (local.get 0))))

  ;; Narrow loads extend, narrow stores truncate.
  ;; GUARD-LABEL: define internal tailcc i64 @wasm.func.1(
  ;; GUARD: load volatile i16
  ;; GUARD: sext i16 %{{.*}} to i64
  ;; GUARD: trunc i64 %{{.*}} to i8
  ;; GUARD: store volatile i8
  ;; EXPLICIT-LABEL: define internal tailcc i64 @wasm.func.1(
  ;; EXPLICIT: load i16
  ;; EXPLICIT: store i8
  (func (param i32) (result i64)
    (i64.store8 (local.get 0) (i64.load16_s (local.get 0)))
    (i64.const 0))

  ;; memory.size is the byte size in pages; memory.grow calls the runtime.
  ;; GUARD-LABEL: define internal tailcc i32 @wasm.func.2(
  ;; GUARD: lshr i64 %memsize, 16
  ;; GUARD: call i64 @wasmaot_rt_memory_grow(ptr %vmctx, i32 0, i64
  (func (result i32) (drop (memory.size)) (memory.grow (i32.const 1)))
)
