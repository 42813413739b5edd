;; Traps three wasm calls deep (at -O2 one native frame, LLVM inlines the
;; calls), or after unbounded recursion (thousands of frames).
(module
  (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
  (func $recurse (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start") (drop (call $middle (i32.const 0))))
  (func (export "deep") (drop (call $recurse (i32.const 0)))))
