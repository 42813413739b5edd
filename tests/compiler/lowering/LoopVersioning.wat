;; Loop versioning (-O2, lowering/bounds/LoopVersioning.h): a loop whose
;; accesses are affine in its induction variable is entered through one
;; check of its whole range against the memory size. The unchecked version
;; has ordinary loads, which the vectorizer widens; the exact version keeps
;; volatile loads (guard pages) or a check per access (explicit).
(module
  (memory 1)

  ;; The sum of the words [p, p+4n).
  ;; GUARD-LABEL: define internal tailcc i32 @wasm.func.0(
  ;; GUARD: %memsize = load i64
  ;; GUARD: br i1 %{{.*}}, label %{{.*}}, label %{{.*}}, !prof
  ;; GUARD-DAG: load <4 x i32>
  ;; GUARD-DAG: load volatile i32
  ;; GUARD-LABEL: define internal tailcc void @wasm.func.1(
  ;; EXPLICIT-LABEL: define internal tailcc i32 @wasm.func.0(
  ;; EXPLICIT: %memsize = load i64
  ;; EXPLICIT: br i1 %{{.*}}, label %loop.{{exact|unchecked}}, label %loop.{{exact|unchecked}}
  ;; EXPLICIT: loop.exact:
  ;; EXPLICIT: %oob.exact = icmp ugt i64 %access.end.exact, %memsize
  ;; EXPLICIT: load i32
  ;; EXPLICIT: load <4 x i32>
  ;; EXPLICIT-LABEL: define internal tailcc void @wasm.func.1(
  (func (param $p i32) (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n)))))
    (local.get $s))

  ;; A histogram: its counters' addresses come from memory, so the loop is
  ;; not versioned and stays exact.
  ;; GUARD-NOT: exact
  ;; GUARD: load volatile i8
  ;; GUARD: load volatile i32
  ;; GUARD: store volatile i32
  ;; GUARD-NOT: exact
  ;; GUARD: ret void
  (func (param $p i32) (param $n i32) (local $i i32) (local $a i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $a (i32.shl (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                               (i32.const 2)))
        (i32.store offset=1024 (local.get $a)
                   (i32.add (i32.load offset=1024 (local.get $a)) (i32.const 1)))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))
)
