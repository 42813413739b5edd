/* editdistance: Levenshtein distance between pairs of related DNA-like
   strings (2000 letters, one a mutated copy of the other), filling the full
   (n+1) x (m+1) table of 32-bit costs, then tracing an optimal alignment
   back through it to count substitutions, insertions and deletions.
   Measures: dynamic programming over a 2D array: a three-way minimum with a
   loop-carried dependency along each row (not vectorisable), row-major
   streaming, then a data-dependent walk back through the table. */
#include "common.h"

enum { LENGTH = 2000 };

static uint32_t min3(uint32_t a, uint32_t b, uint32_t c) {
  uint32_t m = a < b ? a : b;
  return m < c ? m : c;
}

/* d[i][j] = distance between the first i letters of a and the first j of b. */
static void fill(const uint8_t *a, size_t n, const uint8_t *b, size_t m,
                 uint32_t *d) {
  size_t w = m + 1;
  for (size_t j = 0; j <= m; j++)
    d[j] = (uint32_t)j;
  for (size_t i = 1; i <= n; i++) {
    uint32_t *row = d + i * w, *up = row - w;
    row[0] = (uint32_t)i;
    for (size_t j = 1; j <= m; j++)
      row[j] = min3(up[j] + 1, row[j - 1] + 1,
                    up[j - 1] + (a[i - 1] != b[j - 1]));
  }
}

/* Walks from (n, m) to (0, 0), preferring a diagonal step, and counts the
   kinds of edit; the sum must equal the distance. */
static uint64_t trace(const uint8_t *a, size_t n, const uint8_t *b, size_t m,
                      const uint32_t *d) {
  size_t w = m + 1, i = n, j = m;
  uint64_t subs = 0, ins = 0, dels = 0;
  while (i > 0 || j > 0) {
    uint32_t here = d[i * w + j];
    if (i > 0 && j > 0 &&
        here == d[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1])) {
      subs += a[i - 1] != b[j - 1];
      i--;
      j--;
    } else if (i > 0 && here == d[(i - 1) * w + j] + 1) {
      dels++;
      i--;
    } else {
      ins++;
      j--;
    }
  }
  if (subs + ins + dels != d[n * w + m]) {
    fprintf(stderr, "editdistance: traceback does not add up\n");
    exit(1);
  }
  return subs << 40 | ins << 20 | dels;
}

int main(int argc, char **argv) {
  int64_t pairs = scaled(150, bench_scale(argc, argv));
  uint8_t *a = xmalloc(LENGTH), *b = xmalloc(2 * LENGTH);
  uint32_t *d = xmalloc((size_t)(LENGTH + 1) * (2 * LENGTH + 1) * sizeof *d);
  Rng rng = {11};
  uint64_t h = 0;
  for (int64_t p = 0; p < pairs; p++) {
    size_t n = LENGTH - rng_below(&rng, 100);
    for (size_t i = 0; i < n; i++)
      a[i] = (uint8_t)"ACGT"[rng_below(&rng, 4)];
    /* b: a copy of a with about 10% of the letters substituted, deleted or
       followed by an insertion. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
      uint32_t dice = rng_below(&rng, 30);
      if (dice == 0)
        continue;
      b[m++] = dice == 1 ? (uint8_t)"ACGT"[rng_below(&rng, 4)] : a[i];
      if (dice == 2)
        b[m++] = (uint8_t)"ACGT"[rng_below(&rng, 4)];
    }
    fill(a, n, b, m, d);
    h = mix64(mix64(h, d[n * (m + 1) + m]), trace(a, n, b, m, d));
  }
  print_checksum(h);
  free(a);
  free(b);
  free(d);
  return 0;
}
