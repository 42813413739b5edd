;; Loops whose accesses are proven in bounds before they start run without
;; checks (compiler/lowering/bounds/LoopVersioning.h); every other run of the
;; same loop must behave exactly as the spec says. Each function below is a
;; loop LLVM would vectorize, turn into memset/memcpy or promote to registers
;; once unchecked; the assertions run it inside memory (the unchecked
;; version) and across its end (the exact version), where the stores before
;; the trap must all be done and no store after it, whatever the order.

(module
  (memory 1)

  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))

  ;; Bytes [p, p+n) := v, upwards: a memset once unchecked.
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $v))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))

  ;; Words p+4(n-1) down to p := v, downwards: vector stores once unchecked,
  ;; which write a whole vector at once.
  (func (export "fill32-down") (param $p i32) (param $n i32) (param $v i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (i32.store (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2)))
                   (local.get $v))
        (br_if $next (local.get $n)))))

  ;; The sum of the words [p, p+4n): a vectorized reduction.
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n)))))
    (local.get $s))

  ;; Loads whose values are unused, one per 4 KiB page from p, n of them:
  ;; deleted once unchecked, so they must still trap when they would.
  (func (export "touch") (param $p i32) (param $n i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (drop (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 12)))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))

  ;; The same through a call that the inliner removes, and with a constant
  ;; address that folding makes plain.
  (func $peek (param i32) (drop (i32.load (local.get 0))))
  (func (export "peek-loop") (param $n i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (call $peek (i32.add (i32.const 65000) (i32.shl (local.get $i) (i32.const 4))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))
  (func (export "peek-end") (call $peek (i32.const 65533)))

  ;; Word k of [p, p+8n) := k * 0x9e3779b97f4a7c15.
  (func (export "init64") (param $p i32) (param $n i32) (local $k i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (i64.store (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 3)))
                   (i64.mul (i64.extend_i32_u (local.get $k)) (i64.const 0x9e3779b97f4a7c15)))
        (br_if $next (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                               (local.get $n))))))

  ;; For r < reps, over the words [p, p+8m) with m = n - r % 4: four lanes
  ;; of multiply-rotate rounds, four words at a time (vectorized once
  ;; unchecked), then a remainder loop that starts where the first loop
  ;; stopped: its offsets hold that loop's exit value.
  (func (export "lanes") (param $p i32) (param $n i32) (param $reps i32) (result i64)
    (local $r i32) (local $i i32) (local $m i32) (local $q i32)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $h i64)
    (loop $rep
      (local.set $m (i32.sub (local.get $n) (i32.and (local.get $r) (i32.const 3))))
      (local.set $i (i32.const 0))
      (local.set $a (i64.extend_i32_u (local.get $r)))
      (local.set $b (i64.const 1))
      (local.set $c (i64.const 2))
      (local.set $d (i64.const 3))
      (block $done4
        (loop $four
          (br_if $done4 (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
          (local.set $q (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3))))
          (local.set $a (i64.mul (i64.rotl (i64.add (local.get $a)
            (i64.mul (i64.load offset=0 (local.get $q)) (i64.const 0xc2b2ae3d27d4eb4f))) (i64.const 31))
            (i64.const 0x9e3779b185ebca87)))
          (local.set $b (i64.mul (i64.rotl (i64.add (local.get $b)
            (i64.mul (i64.load offset=8 (local.get $q)) (i64.const 0xc2b2ae3d27d4eb4f))) (i64.const 31))
            (i64.const 0x9e3779b185ebca87)))
          (local.set $c (i64.mul (i64.rotl (i64.add (local.get $c)
            (i64.mul (i64.load offset=16 (local.get $q)) (i64.const 0xc2b2ae3d27d4eb4f))) (i64.const 31))
            (i64.const 0x9e3779b185ebca87)))
          (local.set $d (i64.mul (i64.rotl (i64.add (local.get $d)
            (i64.mul (i64.load offset=24 (local.get $q)) (i64.const 0xc2b2ae3d27d4eb4f))) (i64.const 31))
            (i64.const 0x9e3779b185ebca87)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $four)))
      (local.set $h (i64.add (local.get $h)
        (i64.add (i64.add (i64.rotl (local.get $a) (i64.const 1)) (i64.rotl (local.get $b) (i64.const 7)))
                 (i64.add (i64.rotl (local.get $c) (i64.const 12)) (i64.rotl (local.get $d) (i64.const 18))))))
      (block $done1
        (loop $one
          (br_if $done1 (i32.ge_u (local.get $i) (local.get $m)))
          (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31))
            (i64.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $one)))
      ;; A store at an address from the data: the outer loop stays exact,
      ;; and each inner loop gets a check of its own.
      (i64.store offset=64 (i32.wrap_i64 (i64.and (local.get $h) (i64.const 0x3f8))) (local.get $h))
      (br_if $rep (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $reps))))
    (local.get $h))

  ;; Word i of [dst, dst+4n) := word i of [src, src+4n) + 1: a vectorized
  ;; copy with a run-time overlap check once unchecked.
  (func (export "copy-inc") (param $dst i32) (param $src i32) (param $n i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                   (i32.const 1)))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))

  ;; A rows x cols matrix of words at p, each += 1: one check for the nest.
  (func (export "matrix-inc") (param $p i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $a i32)
    (block $done
      (br_if $done (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))))
      (loop $row
        (local.set $c (i32.const 0))
        (loop $col
          (local.set $a (i32.add (local.get $p)
            (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c))
                     (i32.const 2))))
          (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1)))
          (br_if $col (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1)))
                                (local.get $cols))))
        (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1)))
                              (local.get $rows))))))

  ;; Byte p+i := 1, then 1 / (k - i): the division traps at i = k, after that
  ;; iteration's store. The store must not be moved past the trap.
  (func (export "store-then-divide") (param $p i32) (param $n i32) (param $k i32)
    (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.const 1))
        (drop (i32.div_u (i32.const 1) (i32.sub (local.get $k) (local.get $i))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))

  ;; Word at p + 8i := i for i < n, growing memory by a page at i = g: the
  ;; accesses after the grow may use the new page, which a check before the
  ;; loop could not know of.
  (func (export "store-growing") (param $p i32) (param $n i32) (param $g i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (if (i32.eq (local.get $i) (local.get $g))
          (then (drop (memory.grow (i32.const 1)))))
        (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3)))
                   (local.get $i))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n))))))

  ;; Word p + 4i with an offset immediate near the end of the first page.
  (func (export "sum-offset") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $s (i32.add (local.get $s)
          (i32.load offset=65528 (i32.shl (local.get $i) (i32.const 2)))))
        (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (local.get $n)))))
    (local.get $s))
)

;; Inside memory: the unchecked versions.
(invoke "fill" (i32.const 100) (i32.const 1000) (i32.const 7))
(assert_return (invoke "load8" (i32.const 99)) (i32.const 0))
(assert_return (invoke "load8" (i32.const 100)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 1099)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 1100)) (i32.const 0))
(assert_return (invoke "sum" (i32.const 100) (i32.const 250)) (i32.const 0xdcdcdcd6))
(invoke "fill32-down" (i32.const 2000) (i32.const 101) (i32.const 3))
(assert_return (invoke "sum" (i32.const 2000) (i32.const 101)) (i32.const 303))
(assert_return (invoke "load32" (i32.const 2404)) (i32.const 0))
(invoke "copy-inc" (i32.const 3000) (i32.const 2000) (i32.const 101))
(assert_return (invoke "sum" (i32.const 3000) (i32.const 101)) (i32.const 404))
;; Overlapping, destination one word above the source: each word reads the
;; one just written, as in the scalar loop.
(invoke "copy-inc" (i32.const 2004) (i32.const 2000) (i32.const 100))
(assert_return (invoke "load32" (i32.const 2400)) (i32.const 103))
(invoke "matrix-inc" (i32.const 3000) (i32.const 10) (i32.const 10))
(assert_return (invoke "sum" (i32.const 3000) (i32.const 101)) (i32.const 504))
(invoke "touch" (i32.const 0) (i32.const 16))
(assert_return (invoke "sum-offset" (i32.const 2)) (i32.const 0))

(invoke "init64" (i32.const 8192) (i32.const 1003))
(assert_return (invoke "lanes" (i32.const 8192) (i32.const 1003) (i32.const 20)) (i64.const -6954796489316562226))

;; Across the end: the exact versions.
(assert_trap (invoke "fill" (i32.const 65530) (i32.const 10) (i32.const 9))
             "out of bounds memory access")
(assert_return (invoke "load8" (i32.const 65529)) (i32.const 0))
(assert_return (invoke "load8" (i32.const 65530)) (i32.const 9))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 9))
;; Downwards from beyond the end: the first store traps, none is done.
(assert_trap (invoke "fill32-down" (i32.const 65000) (i32.const 200) (i32.const 5))
             "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65000)) (i32.const 0))
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 0x09090909))
(assert_trap (invoke "sum" (i32.const 65000) (i32.const 200)) "out of bounds memory access")
;; An index that wraps past 2^32 is out of bounds, not the start of memory.
(assert_trap (invoke "sum" (i32.const 0xfffffff0) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "touch" (i32.const 0) (i32.const 17)) "out of bounds memory access")
(assert_trap (invoke "touch" (i32.const 0xfffff000) (i32.const 2)) "out of bounds memory access")
(invoke "peek-loop" (i32.const 34))
(assert_trap (invoke "peek-loop" (i32.const 35)) "out of bounds memory access")
(assert_trap (invoke "peek-end") "out of bounds memory access")
(assert_trap (invoke "copy-inc" (i32.const 65000) (i32.const 3000) (i32.const 200))
             "out of bounds memory access")
;; Word 133 of the copy is the last that fits: 1 + the word at 3000 + 532.
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 1))
(assert_trap (invoke "matrix-inc" (i32.const 60000) (i32.const 100) (i32.const 100))
             "out of bounds memory access")
(assert_return (invoke "load32" (i32.const 65532)) (i32.const 2))
(assert_trap (invoke "sum-offset" (i32.const 3)) "out of bounds memory access")
(assert_trap (invoke "store-then-divide" (i32.const 5000) (i32.const 100) (i32.const 10))
             "integer divide by zero")
(assert_return (invoke "load8" (i32.const 5010)) (i32.const 1))
(assert_return (invoke "load8" (i32.const 5011)) (i32.const 0))
;; 20 words from 65536 - 80: the last 10 fit only after the grow at i = 5.
(invoke "store-growing" (i32.const 65456) (i32.const 20) (i32.const 5))
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke "load32" (i32.const 65608)) (i32.const 19))
