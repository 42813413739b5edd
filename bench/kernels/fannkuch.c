/* fannkuch: "pancake flipping" over 12 million permutations of 11
   elements in lexicographic order: for each, reverse the first p[0]+1 elements until
   p[0] is 0, counting flips; track the maximum and a signed sum.
   Measures: small-array integer work: short reversal loops with
   data-dependent trip counts, copies and unpredictable branches. */
#include "common.h"

enum { N = 11 };

/* Rearranges p into the next permutation in lexicographic order; returns 0
   after the last one. */
static int next_permutation(int8_t *p) {
  int i = N - 2;
  while (i >= 0 && p[i] > p[i + 1])
    i--;
  if (i < 0)
    return 0;
  int j = N - 1;
  while (p[j] < p[i])
    j--;
  int8_t t = p[i];
  p[i] = p[j];
  p[j] = t;
  for (int lo = i + 1, hi = N - 1; lo < hi; lo++, hi--) {
    t = p[lo];
    p[lo] = p[hi];
    p[hi] = t;
  }
  return 1;
}

static int count_flips(const int8_t *p) {
  int8_t q[N];
  memcpy(q, p, N);
  int flips = 0;
  for (int first = q[0]; first != 0; first = q[0]) {
    for (int lo = 0, hi = first; lo < hi; lo++, hi--) {
      int8_t t = q[lo];
      q[lo] = q[hi];
      q[hi] = t;
    }
    flips++;
  }
  return flips;
}

int main(int argc, char **argv) {
  /* The scale sets how many permutations are visited, starting from the
     first that begins with N/2 (the 10! that begin with 0 need no flips at
     all, and would make the time depend on where the run starts); after
     the last of the 11! permutations it starts over from the first. */
  int64_t count = scaled(12000000, bench_scale(argc, argv));
  int8_t p[N];
  p[0] = N / 2;
  for (int i = 1; i < N; i++)
    p[i] = (int8_t)(i <= N / 2 ? i - 1 : i);
  int64_t max_flips = 0, signed_sum = 0;
  uint64_t h = 0;
  for (int64_t k = 0; k < count; k++) {
    int flips = count_flips(p);
    if (flips > max_flips)
      max_flips = flips;
    signed_sum += k % 2 ? -flips : flips;
    if (k % 100000 == 0)
      h = mix64(h, (uint64_t)signed_sum);
    if (!next_permutation(p))
      for (int i = 0; i < N; i++)
        p[i] = (int8_t)i;
  }
  h = mix64(mix64(h, (uint64_t)max_flips), (uint64_t)signed_sum);
  print_checksum(h);
  return 0;
}
