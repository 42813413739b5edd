;; Loop versioning of a 64-bit memory (-O2; lowering/bounds/LoopVersioning.h):
;; its accesses are checked explicitly whatever the strategy, and a loop whose
;; addresses are affine is entered through one check of its whole range, so
;; that the unchecked version has no check per access and is vectorized.
(module
  (memory i64 1)

  ;; The sum of the words [p, p+4n).
  ;; CHECK-LABEL: define internal tailcc i32 @wasm.func.0(
  ;; CHECK: %memsize = load i64
  ;; CHECK: %access.limit = tail call i64 @llvm.usub.sat.i64(i64 %memsize, i64 3)
  ;; CHECK: br i1 %{{.*}}, label %loop.{{exact|unchecked}}, label %loop.{{exact|unchecked}}
  ;; CHECK: loop.exact:
  ;; CHECK: icmp ult i64 %{{[0-9]+}}, %access.limit
  ;; CHECK: load i32
  ;; CHECK: loop.unchecked:
  ;; CHECK-NOT: access.limit
  ;; CHECK: load <4 x i32>
  (func (param $p i64) (param $n i64) (result i32) (local $i i64) (local $s i32)
    (block $done
      (br_if $done (i64.eqz (local.get $n)))
      (loop $next
        (local.set $s (i32.add (local.get $s)
          (i32.load (i64.add (local.get $p) (i64.shl (local.get $i) (i64.const 2))))))
        (br_if $next (i64.lt_u (local.tee $i (i64.add (local.get $i) (i64.const 1)))
                               (local.get $n)))))
    (local.get $s))
)
