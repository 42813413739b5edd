;; Imports a function no host provides: instantiation must fail and name it.
(module
  (import "env" "frobnicate" (func $frobnicate))
  (func (export "_start") call $frobnicate))
