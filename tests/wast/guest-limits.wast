;; What a hostile guest can ask of memory and tables ends in a refusal the
;; guest sees (-1 from a grow), never in a crash or an exhausted host.

(module
  (memory 1)
  (table $funcs 1 funcref)
  (table $externs 0 externref)
  (func (export "table-grow-huge") (result i32)
    (table.grow $funcs (ref.null func) (i32.const 0x7fffffff)))
  (func (export "table-grow-max") (result i32)
    (table.grow $externs (ref.null extern) (i32.const -1)))
  ;; Grows by a million slots until refused; 1 if refused within 5,000
  ;; attempts (4,294 would reach the index space's end).
  (func (export "table-grow-storm") (result i32) (local $n i32)
    (block $refused
      (loop $grow
        (br_if $refused
          (i32.eq (table.grow $funcs (ref.null func) (i32.const 1000000)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $grow (i32.lt_u (local.get $n) (i32.const 5000)))))
    (i32.lt_u (local.get $n) (i32.const 5000)))
  ;; Grows page by page until refused: the whole 4 GiB index space, reserved
  ;; but never touched.
  (func (export "memory-grow-storm") (result i32) (local $n i32)
    (block $refused
      (loop $grow
        (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $grow)))
    (local.get $n))
  (func (export "last-byte") (result i32)
    (i32.store8 (i32.const -1) (i32.const 7))
    (i32.load8_u (i32.const -1)))
  (func (export "straddle-end") (result i32)
    (i32.load (i32.const -2)))
  (func (export "offset-overflow") (result i32)
    (i32.load offset=0xffffffff (i32.const 1)))
)

(assert_return (invoke "table-grow-huge") (i32.const -1))
(assert_return (invoke "table-grow-max") (i32.const -1))
(assert_return (invoke "table-grow-storm") (i32.const 1))
(assert_return (invoke "memory-grow-storm") (i32.const 65535))
(assert_return (invoke "last-byte") (i32.const 7))
(assert_trap (invoke "straddle-end") "out of bounds memory access")
(assert_trap (invoke "offset-overflow") "out of bounds memory access")
