;; A command whose _start traps at once.
(module
  (func (export "_start") unreachable))
