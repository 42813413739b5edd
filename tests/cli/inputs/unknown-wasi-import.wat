;; Imports a function wasi_snapshot_preview1 does not have.
(module
  (import "wasi_snapshot_preview1" "no_such_call" (func $missing (param i32) (result i32)))
  (func (export "_start") (drop (call $missing (i32.const 0)))))
