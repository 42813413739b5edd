;; _start stores past the end of memory: a trap, under either bounds-check
;; strategy, in `run` and in a compiled executable alike.
(module
  (memory 1)
  (func $store_past_end (i32.store (i32.const 65534) (i32.const 1)))
  (func (export "_start") (call $store_past_end)))
