;; What the VM guarantees, told to LLVM (-O2): vmctx fields fixed at
;; instantiation are !invariant.load, so that the stack checks of functions
;; inlined into one merge into one, and under guard pages the memory base is
;; loaded once even across calls, which could not move the memory.
(module
  (memory 1)
  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $mid (param i32) (result i32) (call $leaf (call $leaf (local.get 0))))
  ;; Recursive: it stays a call in the loop below.
  (func $opaque (param i32)
    (if (local.get 0) (then (call $opaque (i32.sub (local.get 0) (i32.const 1))))))

  ;; $mid and both $leaf calls are inlined: one stack check is left.
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.3(
  ;; CHECK: %stack.limit = load i64, {{.*}}!invariant.load
  ;; CHECK-NOT: frameaddress
  ;; CHECK-NOT: = load i64
  ;; CHECK: ret i32
  (func (param i32) (result i32) (call $mid (local.get 0)))

  ;; The base is loaded before the loop, not again after each call.
  ;; CHECK-LABEL: define internal tailcc void @wasm.func.4(
  ;; CHECK: %membase = load ptr, {{.*}}!invariant.load
  ;; CHECK-NOT: %membase{{[0-9.a-z]*}} = load
  ;; CHECK: ret void
  (func (param $n i32) (local $i i32)
    (loop $next
      (call $opaque (i32.load (i32.shl (local.get $i) (i32.const 2))))
      (i32.store offset=1024 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                             (local.get $n)))))
)
