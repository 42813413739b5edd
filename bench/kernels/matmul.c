/* matmul: dense double-precision matrix multiply, C = A x B for N x N
   matrices, in the i-k-j loop order (a row of B times a scalar of A added
   into a row of C) that compilers vectorise.
   Measures: floating-point throughput of a vectorisable loop nest, with loads
   and stores of linear memory that must be hoisted and vectorised. */
#include "common.h"

/* Without this, clang fuses a*b+c into one FMA where the target has it
   (-march=native), which rounds once instead of twice: the native checksum
   would then differ from the wasm one (wasm has no fused multiply-add). */
#pragma STDC FP_CONTRACT OFF

enum { N = 256 };

static double A[N * N], B[N * N], C[N * N];

static void matmul(double *restrict c, const double *restrict a,
                   const double *restrict b) {
  for (int i = 0; i < N; i++) {
    double *ci = c + i * N;
    for (int j = 0; j < N; j++)
      ci[j] = 0.0;
    for (int k = 0; k < N; k++) {
      double aik = a[i * N + k];
      const double *bk = b + k * N;
      for (int j = 0; j < N; j++)
        ci[j] += aik * bk[j];
    }
  }
}

int main(int argc, char **argv) {
  int64_t reps = scaled(240, bench_scale(argc, argv));
  Rng rng = {1};
  for (int i = 0; i < N * N; i++) {
    A[i] = rng_unit(&rng) * 2.0 - 1.0;
    B[i] = rng_unit(&rng) * 2.0 - 1.0;
  }
  uint64_t h = 0;
  for (int64_t rep = 0; rep < reps; rep++) {
    matmul(C, A, B);
    for (int i = 0; i < N; i++)
      h = mix64(h, double_bits(C[i * N + i]));
    /* Change one element of A, so every product is a different one. */
    A[(rep * 7919) % (N * N)] += 0.5;
  }
  for (int i = 0; i < N * N; i++)
    h = mix64(h, double_bits(C[i]));
  print_checksum(h);
  return 0;
}
