;; A 64-bit memory that may outgrow 4 GiB is checked explicitly even when
;; the module's strategy is guard pages: the index is an i64, and index +
;; offset + size may wrap. The check compares the index with usub.sat(size,
;; offset + size - 1), where nothing wraps. A 32-bit memory beside it keeps
;; its guard pages (each memory has its own strategy); memory 1's base and
;; size come through vmctx->memories. memory.size and memory.grow count in
;; i64. A 64-bit memory of at most 4 GiB has guard pages: its index is
;; clamped to 4 GiB, which lands in the guard region, and nothing is checked.
(module
  (memory $small 1)
  (memory $big i64 1)
  (memory $capped i64 1 65536)

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(ptr %vmctx, i64 %0)
  ;; CHECK: %memories = load ptr
  ;; CHECK: %memory1 = load ptr
  ;; CHECK: %memsize = load i64, ptr
  ;; CHECK: %access.limit = call i64 @llvm.usub.sat.i64(i64 %memsize, i64 19)
  ;; CHECK: %oob = icmp uge i64 %{{[0-9]+}}, %access.limit
  ;; CHECK: load i32, ptr %addr, align 1
  (func (param i64) (result i32) (i32.load $big offset=16 (local.get 0)))

  ;; The 32-bit memory: no check, a volatile access.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.1(ptr %vmctx, i32 %0)
  ;; CHECK-NOT: memsize
  ;; CHECK: load volatile i32
  (func (param i32) (result i32) (i32.load $small (local.get 0)))

  ;; An offset whose end cannot be represented always traps.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.2(ptr %vmctx, i64 %0)
  ;; CHECK: br i1 true, label %trap
  (func (param i64) (result i32) (i32.load $big offset=0xffff_ffff_ffff_fffe (local.get 0)))

  ;; CHECK-LABEL: define internal tailcc i64 @wasm.func.3(ptr %vmctx)
  ;; CHECK: lshr i64 %memsize, 16
  ;; CHECK: call i64 @wasmaot_rt_memory_grow(ptr %vmctx, i32 1, i64 1)
  ;; CHECK-NOT: trunc
  ;; CHECK: ret i64
  (func (result i64) (drop (memory.size $big)) (memory.grow $big (i64.const 1)))

  ;; memory.copy between memories of both types: the runtime takes every
  ;; address in 64 bits.
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.4(
  ;; CHECK: call i32 @wasmaot_rt_memory_copy(ptr %vmctx, i32 1, i32 0, i64 %{{[0-9]+}}, i64 %{{[0-9]+}}, i64 %{{[0-9]+}})
  (func (param i64 i32 i32) (memory.copy $big $small (local.get 0) (local.get 1) (local.get 2)))

  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.5(ptr %vmctx, i64 %0)
  ;; CHECK-NOT: memsize
  ;; CHECK: %index.clamped = call i64 @llvm.umin.i64(i64 %{{[0-9]+}}, i64 4294967296)
  ;; CHECK: %ea = add nuw i64 %index.clamped, 4294967295
  ;; CHECK-NOT: wasmaot_rt_trap
  ;; CHECK: load volatile i32
  (func (param i64) (result i32) (i32.load $capped offset=0xffff_ffff (local.get 0)))

  ;; An offset of 4 GiB or more is out of bounds in a memory of 4 GiB.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.6(ptr %vmctx, i64 %0)
  ;; CHECK: br i1 true, label %trap
  (func (param i64) (result i32) (i32.load $capped offset=0x1_0000_0000 (local.get 0)))
)
