;; Imports WASI's fd_write with a signature it does not have.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32) (result i32)))
  (func (export "_start") (drop (call $write (i32.const 0)))))
