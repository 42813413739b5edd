;; 64-bit memories of at most 4 GiB get guard pages under the guard
;; strategy (abi.h, wasmaot_memory_bounds_checks): the index is clamped to
;; 4 GiB, so every out-of-bounds access, however large its index, faults in
;; the guard region and traps. Under explicit checks the same script runs
;; with compares. Either way the results are the spec's.

(module
  (memory (export "mem") i64 1 3)
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load-far") (param i64) (result i32) (i32.load offset=0xffff_fff0 (local.get 0)))
  (func (export "load-beyond") (param i64) (result i32) (i32.load offset=0x1_0000_0000 (local.get 0)))
  (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store8") (param i64 i32) (i32.store8 offset=1 (local.get 0) (local.get 1)))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "size") (result i64) (memory.size)))

(assert_return (invoke "store" (i64.const 65532) (i32.const 0x01020304)))
(assert_return (invoke "load" (i64.const 65532)) (i32.const 0x01020304))
(assert_trap (invoke "load" (i64.const 65533)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 65536)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0xffff_ffff)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_0000)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_fffc)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -4)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load-far" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "load-far" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load-beyond" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "store8" (i64.const 65535) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "store" (i64.const 0x8000_0000_0000_0000) (i32.const 1)) "out of bounds memory access")

;; Growing within the maximum makes the next pages accessible; beyond it,
;; grow fails.
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "store" (i64.const 131068) (i32.const 7)))
(assert_return (invoke "load" (i64.const 131068)) (i32.const 7))
(assert_trap (invoke "load" (i64.const 131069)) "out of bounds memory access")
(assert_return (invoke "grow" (i64.const 2)) (i64.const -1))
(assert_return (invoke "size") (i64.const 2))

;; The memory, made with guard pages, imported by code that checks
;; explicitly (no maximum declared: the import may be larger than 4 GiB)
;; and by code with guard pages (a maximum of at most 4 GiB).
(register "guarded")
(module
  (import "guarded" "mem" (memory i64 1))
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0))))
(assert_return (invoke "load" (i64.const 131068)) (i32.const 7))
(assert_trap (invoke "load" (i64.const 131069)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x1_0000_0000)) "out of bounds memory access")
(module
  (import "guarded" "mem" (memory i64 2 4))
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0))))
(assert_return (invoke "load" (i64.const 131068)) (i32.const 7))
(assert_trap (invoke "load" (i64.const 131069)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -8)) "out of bounds memory access")
