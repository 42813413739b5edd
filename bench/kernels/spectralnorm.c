/* spectralnorm: the spectral norm of the infinite matrix
   A(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by power
   iteration on A^T A: every step is two matrix-vector products whose matrix
   entries are computed on the fly (an integer expression, a conversion and a
   division each).
   Measures: double-precision division throughput and int-to-double
   conversion in long dot-product loops. */
#include <math.h>

#include "common.h"

/* No fused multiply-add, so that -march=native builds round as wasm does
   (see matmul.c). */
#pragma STDC FP_CONTRACT OFF

enum { N = 1000 };

static double entry(int i, int j) {
  return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

/* out = A v */
static void mul_a(const double *v, double *out) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++)
      s += entry(i, j) * v[j];
    out[i] = s;
  }
}

/* out = A^T v */
static void mul_at(const double *v, double *out) {
  for (int i = 0; i < N; i++) {
    double s = 0.0;
    for (int j = 0; j < N; j++)
      s += entry(j, i) * v[j];
    out[i] = s;
  }
}

static void mul_ata(const double *v, double *out, double *tmp) {
  mul_a(v, tmp);
  mul_at(tmp, out);
}

int main(int argc, char **argv) {
  int64_t iterations = scaled(140, bench_scale(argc, argv));
  static double u[N], v[N], tmp[N];
  for (int i = 0; i < N; i++)
    u[i] = 1.0;
  uint64_t h = 0;
  for (int64_t it = 0; it < iterations; it++) {
    mul_ata(u, v, tmp);
    mul_ata(v, u, tmp);
    /* The estimate of the norm: sqrt(u.v / v.v) with u = A^T A v. */
    double uv = 0.0, vv = 0.0;
    for (int i = 0; i < N; i++) {
      uv += u[i] * v[i];
      vv += v[i] * v[i];
    }
    h = mix64(h, double_bits(sqrt(uv / vv)));
    /* Rescale u, so that long runs do not overflow: the vector grows by
       about 2.6 every step. A power-of-two scale factor is exact. */
    double top = 0.0;
    for (int i = 0; i < N; i++)
      top = fmax(top, fabs(u[i]));
    int e;
    frexp(top, &e);
    for (int i = 0; i < N; i++)
      u[i] = ldexp(u[i], -e);
  }
  for (int i = 0; i < N; i++)
    h = mix64(h, double_bits(u[i]));
  print_checksum(h);
  return 0;
}
