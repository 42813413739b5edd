;; Interruptible code (--timeout) reads vmctx->interrupt (offset 64) with an
;; atomic load at each function entry and loop header and traps with
;; WASMAOT_TRAP_INTERRUPTED (14) when it is set; other code has no such check.
(module
  ;; INTERRUPT-LABEL: define internal tailcc void @wasm.func.0(
  ;; INTERRUPT: getelementptr inbounds i8, ptr %vmctx, i64 64
  ;; INTERRUPT-NEXT: %interrupt = load atomic i32, ptr %{{[0-9]+}} monotonic, align 4
  ;; INTERRUPT-NEXT: %interrupted = icmp ne i32 %interrupt, 0
  ;; INTERRUPT: call void @wasmaot_rt_trap(ptr %vmctx, i32 14)
  ;; The loop header's check, after the shared trap block:
  ;; INTERRUPT: load atomic i32, ptr %{{[0-9]+}} monotonic, align 4
  ;; PLAIN-LABEL: define internal tailcc void @wasm.func.0(
  ;; PLAIN-NOT: load atomic
  ;; PLAIN-NOT: i32 14)
  ;; PLAIN: ret void
  (func (param $n i32)
    (loop $next
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
)
