/* common.h: the few helpers every kernel shares: a seeded PRNG, the work-scale
   argument, and checksum mixing.

   Every kernel must print the same checksum natively and as wasm32-wasi, so
   everything here uses fixed-width integer types: `long` is 32 bits on wasm32
   and 64 on x86-64, and a checksum built on it would silently differ. */
#ifndef BENCH_KERNELS_COMMON_H
#define BENCH_KERNELS_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: a tiny PRNG with a 64-bit state. Inputs are generated, not read
   from files, so that a kernel is a single self-contained program. */
typedef struct {
  uint64_t s;
} Rng;

static inline uint64_t rng_next(Rng *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* A number in [0, n), by multiplying rather than by `%` (no modulo bias worth
   the name, and no division). */
static inline uint32_t rng_below(Rng *r, uint32_t n) {
  return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* A double in [0, 1): 53 random bits scaled by a power of two, so the value is
   exact and the same everywhere. */
static inline double rng_unit(Rng *r) {
  return (double)(rng_next(r) >> 11) * 0x1p-53;
}

/* The work scale, argv[1] (default 1): each kernel multiplies a repetition or
   step count by it, so that its time grows about linearly with it. The driver
   uses a small scale for quick smoke runs; a checksum depends on the scale. */
static inline double bench_scale(int argc, char **argv) {
  if (argc < 2)
    return 1.0;
  char *end;
  double s = strtod(argv[1], &end);
  if (*end != '\0' || !(s > 0 && s < 1e6)) {
    fprintf(stderr, "usage: %s [SCALE]  (SCALE > 0, default 1)\n", argv[0]);
    exit(2);
  }
  return s;
}

/* base * scale, rounded, at least 1. */
static inline int64_t scaled(int64_t base, double scale) {
  double n = (double)base * scale + 0.5;
  return n < 1 ? 1 : (int64_t)n;
}

/* Folds v into the running checksum h. Order-dependent on purpose: a result
   in the wrong place must change the checksum. */
static inline uint64_t mix64(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15u + (h << 6) + (h >> 2);
  h *= 0xFF51AFD7ED558CCDu;
  return h ^ (h >> 32);
}

/* The bits of a double. The float kernels do only correctly rounded IEEE
   operations (+ - * / sqrt) in source order, so their results are the same
   bits everywhere, and hashing the bits checks that strictly. */
static inline uint64_t double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

/* The one line of output every kernel ends with. */
static inline void print_checksum(uint64_t h) {
  printf("%016llx\n", (unsigned long long)h);
}

/* malloc that does not return NULL: a kernel that ran out of memory must fail
   loudly, not print a wrong checksum. */
static inline void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (p == NULL) {
    fprintf(stderr, "out of memory (%zu bytes)\n", n);
    exit(1);
  }
  return p;
}

#endif
