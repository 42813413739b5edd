/* lcs: longest common subsequence of pairs of protein-like strings (3000
   letters over a 20-letter alphabet, related by mutation), with the full
   table of 16-bit lengths, then a traceback that recovers one longest
   common subsequence, which is hashed.
   Measures: dynamic programming over a 2D array of 16-bit elements: a
   compare-and-select (max) recurrence per cell, and a traceback that reads
   the table out of order. */
#include "common.h"

enum { LENGTH = 3000 };

static void fill(const uint8_t *a, size_t n, const uint8_t *b, size_t m,
                 uint16_t *t) {
  size_t w = m + 1;
  memset(t, 0, w * sizeof *t);
  for (size_t i = 1; i <= n; i++) {
    uint16_t *row = t + i * w;
    const uint16_t *up = row - w;
    row[0] = 0;
    uint8_t ai = a[i - 1];
    for (size_t j = 1; j <= m; j++) {
      uint16_t best = up[j] > row[j - 1] ? up[j] : row[j - 1];
      row[j] = ai == b[j - 1] ? (uint16_t)(up[j - 1] + 1) : best;
    }
  }
}

/* One longest common subsequence, hashed letter by letter (from the end);
   its length must be the table's answer. */
static uint64_t trace(const uint8_t *a, size_t n, const uint8_t *b, size_t m,
                      const uint16_t *t) {
  size_t w = m + 1, i = n, j = m, length = 0;
  uint64_t h = 0;
  while (i > 0 && j > 0) {
    if (a[i - 1] == b[j - 1]) {
      h = h * 31 + a[i - 1];
      length++;
      i--;
      j--;
    } else if (t[(i - 1) * w + j] >= t[i * w + j - 1]) {
      i--;
    } else {
      j--;
    }
  }
  if (length != t[n * w + m]) {
    fprintf(stderr, "lcs: traceback length %zu != %u\n", length,
            (unsigned)t[n * w + m]);
    exit(1);
  }
  return h;
}

int main(int argc, char **argv) {
  int64_t pairs = scaled(50, bench_scale(argc, argv));
  static const char alphabet[] = "ACDEFGHIKLMNPQRSTVWY";
  uint8_t *a = xmalloc(LENGTH), *b = xmalloc(LENGTH);
  uint16_t *t = xmalloc((size_t)(LENGTH + 1) * (LENGTH + 1) * sizeof *t);
  Rng rng = {12};
  uint64_t h = 0;
  for (int64_t p = 0; p < pairs; p++) {
    size_t n = LENGTH - rng_below(&rng, 200);
    for (size_t i = 0; i < n; i++)
      a[i] = (uint8_t)alphabet[rng_below(&rng, 20)];
    /* b: a with a third of its letters replaced at random, then shifted by
       deleting and inserting, within the same length. */
    size_t m = 0;
    for (size_t i = 0; i < n && m < LENGTH; i++) {
      uint32_t dice = rng_below(&rng, 12);
      if (dice == 0)
        continue;
      b[m++] = dice < 5 ? (uint8_t)alphabet[rng_below(&rng, 20)] : a[i];
      if (dice == 5 && m < LENGTH)
        b[m++] = (uint8_t)alphabet[rng_below(&rng, 20)];
    }
    fill(a, n, b, m, t);
    h = mix64(mix64(h, t[n * (m + 1) + m]), trace(a, n, b, m, t));
  }
  print_checksum(h);
  free(a);
  free(b);
  free(t);
  return 0;
}
