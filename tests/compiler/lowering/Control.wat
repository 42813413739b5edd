;; Block results and loop parameters become phis; br_table becomes a switch
;; with one phi entry per edge; every function checks the stack limit first.
(module
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(ptr %vmctx, i32 %0)
  ;; CHECK: %[[SP:[0-9]+]] = ptrtoint ptr %frame to i64
  ;; CHECK: %stack.limit = load i64
  ;; CHECK: icmp ult i64 %[[SP]], %stack.limit
  ;; CHECK-NEXT: br i1 %{{[0-9]+}}, label %[[STACKTRAP:trap]], label
  ;; CHECK: switch i32 %{{[0-9]+}}, label %[[DEFAULT:next[0-9]*]] [
  ;; CHECK-NEXT: i32 0, label %[[ZERO:next[0-9]*]]
  ;; CHECK-NEXT: i32 1, label %[[DEFAULT]]
  ;; CHECK: [[STACKTRAP]]:
  ;; CHECK-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 10)
  ;; CHECK: [[DEFAULT]]:
  ;; CHECK-NEXT: phi i32 [ 20, %cont ], [ 20, %cont ], [ 10, %[[ZERO]] ]
  (func (param i32) (result i32)
    (block (result i32)
      (block (result i32)
        (br_table 0 1 1 (i32.const 20) (local.get 0)))
      (drop)
      (i32.const 10)))

  ;; A loop with a parameter: the header's phi takes the entry value and the
  ;; back edge.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.1(
  ;; CHECK: [[LOOP:loop[0-9]*]]:
  ;; CHECK-NEXT: %[[ACC:[0-9]+]] = phi i32 [ 0, %{{.*}} ], [ %{{[0-9]+}}, %{{.*}} ]
  ;; CHECK: add i32 %[[ACC]], 1
  ;; CHECK: br i1 %{{.*}}, label %[[LOOP]], label
  (func (result i32) (local i32)
    (i32.const 0)
    (loop (param i32) (result i32)
      (i32.add (i32.const 1))
      (local.tee 0)
      (br_if 0 (i32.lt_u (local.get 0) (i32.const 10)))))

  ;; Two results come back as a struct.
  ;; CHECK-LABEL: define internal tailcc { i32, i64 } @wasm.func.2(
  ;; CHECK: insertvalue { i32, i64 }
  ;; CHECK: ret { i32, i64 }
  (func (result i32 i64) (i32.const 1) (i64.const 2))

  ;; `unreachable` jumps to the function's shared trap block.
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.3(
  ;; CHECK: br label %[[T:trap[0-9]*]]
  ;; CHECK: [[T]]:
  ;; CHECK-NEXT: call void @wasmaot_rt_trap(ptr %vmctx, i32 1)
  (func (unreachable) (i32.add) (drop))
)
