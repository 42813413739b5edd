;; Imports a function nobody provides but never calls it.
(module
  (import "env" "frobnicate" (func $frobnicate (param f64) (result i64)))
  (func (export "_start")))
