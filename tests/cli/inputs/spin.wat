;; Runs forever: a loop without calls ("_start"), or calls without a loop
;; that recursion would end ("ping", which recurses through "pong" a little
;; and starts again), or blocked reading stdin ("read").
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $i i32)
    (loop $forever
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $forever)))
  (func $pong (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (call $pong (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "ping")
    (loop $again
      (drop (call $pong (i32.const 20)))
      (br $again)))
  (func (export "read") (result i32)
    ;; One iovec at 0: 16 bytes at 64.
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 16))
    (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))
