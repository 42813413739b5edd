;; Grows its memory a page at a time until memory.grow fails, and returns
;; how many pages it then has; "big" starts with 32 pages (2 MiB).
(module
  (memory 1 1000)
  (func (export "grow_all") (result i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    (memory.size))
  (func (export "_start")))
