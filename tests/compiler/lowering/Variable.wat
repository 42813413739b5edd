;; Globals live in storage the vmctx's globals array points to (imported
;; ones in the exporter's); select is an LLVM select on a non-zero test.
(module
  (global $g (mut i64) (i64.const 0))

  ;; CHECK-LABEL: define internal tailcc void @wasm.func.0(
  ;; CHECK: %globals = load ptr
  ;; CHECK: %global0.addr = load ptr, ptr
  ;; CHECK: %global0 = load i64, ptr %global0.addr
  ;; CHECK: %[[S:[0-9]+]] = add i64 %global0,
  ;; CHECK: store i64 %[[S]], ptr %global0.addr
  (func (param i64) (global.set $g (i64.add (global.get $g) (local.get 0))))

  ;; CHECK-LABEL: define internal tailcc double @wasm.func.1(
  ;; CHECK: %select.cond = icmp ne i32 %{{[0-9]+}}, 0
  ;; CHECK: select i1 %select.cond, double %{{[0-9]+}}, double %{{[0-9]+}}
  (func (param i32 f64 f64) (result f64) (select (local.get 1) (local.get 2) (local.get 0)))
)
