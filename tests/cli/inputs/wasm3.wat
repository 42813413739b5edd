;; Wasm 3.0 features the command line can turn off: a 64-bit memory beside a
;; 32-bit one (memory64, multi-memory) and tail recursion deep enough to
;; exhaust any stack without return_call's constant space (tail-call).
(module
  (memory $small 1)
  (memory $big i64 1)
  (func $count (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                (i64.add (local.get 1) (i64.const 1))))))
  (func (export "count") (param i64) (result i64)
    (call $count (local.get 0) (i64.const 0)))
  (func (export "copy") (result i32)
    (i32.store $small (i32.const 8) (i32.const 42))
    (memory.copy $big $small (i64.const 100) (i32.const 8) (i32.const 4))
    (i32.load $big (i64.const 100))))
