/* binarytrees: allocation-heavy pointer chasing. Builds complete binary
   trees node by node with malloc, walks them, and frees them: many
   short-lived trees of every depth, while one long-lived tree stays
   allocated throughout.
   Measures: the allocator (malloc/free of small blocks; the C library's
   allocator is part of what is measured, glibc's natively and wasi-libc's
   dlmalloc in wasm), and dependent loads through pointers. */
#include "common.h"

enum { MAX_DEPTH = 16, MIN_DEPTH = 4 };

typedef struct Node {
  struct Node *left, *right;
  uint32_t value;
} Node;

static Node *build(int depth, uint32_t value) {
  Node *n = xmalloc(sizeof *n);
  n->value = value;
  if (depth > 0) {
    n->left = build(depth - 1, 2 * value);
    n->right = build(depth - 1, 2 * value + 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}

/* Number of nodes plus a value-dependent term: the walk must visit every
   node, and the values check the shape. */
static uint64_t check(const Node *n) {
  uint64_t sum = 1 + (n->value & 7);
  if (n->left)
    sum += check(n->left) + check(n->right);
  return sum;
}

static void destroy(Node *n) {
  if (n->left) {
    destroy(n->left);
    destroy(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  double scale = bench_scale(argc, argv);
  uint64_t h = 0;
  Node *long_lived = build(MAX_DEPTH, 1);
  /* Shallow trees many times and deep ones a few times: about the same
     number of nodes at every depth. */
  for (int depth = MIN_DEPTH; depth <= MAX_DEPTH; depth += 2) {
    int64_t iterations =
        scaled((int64_t)4 << (MAX_DEPTH - depth + MIN_DEPTH), scale);
    uint64_t total = 0;
    for (int64_t i = 0; i < iterations; i++) {
      Node *t = build(depth, (uint32_t)i);
      total += check(t);
      destroy(t);
    }
    h = mix64(mix64(h, total), check(long_lived));
  }
  destroy(long_lived);
  print_checksum(h);
  return 0;
}
