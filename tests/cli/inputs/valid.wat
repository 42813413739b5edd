;; A small valid module: a memory, a global and an exported function.
(module
  (memory 1)
  (global $counter (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (i32.add (local.get 0) (local.get 1))))
