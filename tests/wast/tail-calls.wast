;; return_call and return_call_indirect run in constant stack space between
;; functions of any two types: arguments in registers or on the stack,
;; results in registers or in a results area, through tables, to imports.
;; Each loop below runs a million times, far deeper than any stack would
;; reach if a tail call left its caller's frame behind.

(module
  (import "spectest" "print_i32" (func $print (param i32)))

  ;; One parameter, tail-calling a function of twenty (ten integer, ten
  ;; float: on the stack on every target) and back. The wide function
  ;; checks that every argument arrived.
  (func $narrow (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 77))
      (else (return_call $wide
        (local.get $n) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
        (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10)
        (f64.const 1.5) (f64.const 2.5) (f64.const 3.5) (f64.const 4.5) (f64.const 5.5)
        (f64.const 6.5) (f64.const 7.5) (f64.const 8.5) (f64.const 9.5) (f64.const 10.5)))))
  (func $wide (export "wide") (param $n i64) (param i64 i64 i64 i64 i64 i64 i64 i64 i64)
              (param f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (result i64)
    (if (i64.ne (local.get 9) (i64.const 10)) (then (unreachable)))
    (if (f64.ne (local.get 10) (f64.const 1.5)) (then (unreachable)))
    (if (f64.ne (local.get 19) (f64.const 10.5)) (then (unreachable)))
    (return_call $narrow (i64.sub (local.get $n) (i64.const 1))))
  (func (export "narrow-wide") (param i64) (result i64) (call $narrow (local.get 0)))

  ;; Three results, which no target returns in registers under the wasm
  ;; convention (a results area), between functions of different params;
  ;; the float results keep their bits (a signaling NaN stays one).
  (func $area (export "area") (param $n i64) (param $acc i64) (result i64 f32 f64)
    (if (result i64 f32 f64) (i64.eqz (local.get $n))
      (then (local.get $acc) (f32.const nan:0x200000) (f64.const -0x1.5p-1000))
      (else (return_call $area-wide
        (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 3))
        (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
        (i32.const 6) (i32.const 7) (i32.const 8)))))
  (func $area-wide (param i64 i64 i32 i32 i32 i32 i32 i32 i32 i32) (result i64 f32 f64)
    (if (i32.ne (local.get 9) (i32.const 8)) (then (unreachable)))
    (return_call $area (local.get 0) (local.get 1)))
  (func (export "area-via-call") (param i64) (result i64 f32 f64)
    (call $area (local.get 0) (i64.const 0)))

  ;; A v128 among the results, and in the parameters.
  (func $vec (export "vec") (param $n i32) (param $v v128) (result v128 i32)
    (if (result v128 i32) (i32.eqz (local.get $n))
      (then (local.get $v) (i32.const -1))
      (else (return_call $vec-more (local.get $n) (local.get $v) (v128.const i32x4 1 1 1 1)))))
  (func $vec-more (param $n i32) (param v128 v128) (result v128 i32)
    (return_call $vec (i32.sub (local.get $n) (i32.const 1))
                      (i32x4.add (local.get 1) (local.get 2))))

  ;; Through a table, alternating between two types.
  (type $one (func (param i64) (result i64)))
  (type $nine (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $ind-one $ind-nine)
  (func $ind-one (type $one)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 5))
      (else (return_call_indirect $t (type $nine)
        (i64.sub (local.get 0) (i64.const 1)) (i64.const 1) (i64.const 2) (i64.const 3)
        (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8)
        (i32.const 1)))))
  (func $ind-nine (type $nine)
    (if (i64.ne (local.get 8) (i64.const 8)) (then (unreachable)))
    (return_call_indirect $t (type $one) (local.get 0) (i32.const 0)))
  (func (export "indirect") (param i64) (result i64) (call $ind-one (local.get 0)))

  ;; To a host function, directly and as the last of a chain.
  (func (export "to-host") (param i32) (return_call $print (local.get 0)))
  (func $host-chain (param $n i32)
    (if (i32.eqz (local.get $n))
      (then (return_call $print (i32.const 42))))
    (return_call $host-chain-wide (i32.sub (local.get $n) (i32.const 1))
      (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
      (i64.const 7) (i64.const 8)))
  (func $host-chain-wide (param i32 i64 i64 i64 i64 i64 i64 i64 i64)
    (return_call $host-chain (local.get 0)))
  (func (export "host-chain") (param i32) (call $host-chain (local.get 0)))
)

(assert_return (invoke "narrow-wide" (i64.const 1000000)) (i64.const 77))
;; Called by the host, with arguments on the stack, which the callee pops
;; in the wasm convention.
(assert_return (invoke "wide" (i64.const 1000)
                 (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
                 (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10)
                 (f64.const 1.5) (f64.const 2.5) (f64.const 3.5) (f64.const 4.5) (f64.const 5.5)
                 (f64.const 6.5) (f64.const 7.5) (f64.const 8.5) (f64.const 9.5) (f64.const 10.5))
               (i64.const 77))
(assert_return (invoke "area" (i64.const 1000000) (i64.const 1))
               (i64.const 3000001) (f32.const nan:0x200000) (f64.const -0x1.5p-1000))
(assert_return (invoke "area-via-call" (i64.const 1000000))
               (i64.const 3000000) (f32.const nan:0x200000) (f64.const -0x1.5p-1000))
(assert_return (invoke "vec" (i32.const 1000000) (v128.const i32x4 0 1 2 3))
               (v128.const i32x4 1000000 1000001 1000002 1000003) (i32.const -1))
(assert_return (invoke "indirect" (i64.const 1000000)) (i64.const 5))
(assert_return (invoke "to-host" (i32.const 7)))
(assert_return (invoke "host-chain" (i32.const 1000000)))

;; Another module's function, reached through an import: the same
;; convention across instances.
(register "tails")
(module
  (import "tails" "area" (func $area (param i64 i64) (result i64 f32 f64)))
  (func (export "imported") (param i64) (result i64 f32 f64)
    (return_call $area (local.get 0) (i64.const 10))))
(assert_return (invoke "imported" (i64.const 1000000))
               (i64.const 3000010) (f32.const nan:0x200000) (f64.const -0x1.5p-1000))
