;; A memory of 32 pages (2 MiB) from the start.
(module
  (memory 32)
  (func (export "_start")))
