/* quicksort: an introsort-free quicksort of 32-bit integers (median of
   three, Hoare partitioning, insertion sort below 24 elements, recursion
   into the smaller side only), on random, few-distinct-values and
   nearly-sorted inputs. The result is checked to be a sorted permutation.
   Measures: in-place element swaps with data-dependent branches, and
   recursion (calls and a stack in linear memory for wasm). */
#include "common.h"

enum { COUNT = 1 << 20, SMALL = 24 };

static void insertion_sort(int32_t *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    int32_t v = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1] > v; j--)
      a[j] = a[j - 1];
    a[j] = v;
  }
}

static void swap(int32_t *a, size_t i, size_t j) {
  int32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quick_sort(int32_t *a, size_t n) {
  while (n > SMALL) {
    /* Median of three into a[0], as the pivot; a[0] <= pivot <= a[n-1]
       then also stop the scans below at the ends. */
    size_t mid = n / 2;
    if (a[mid] < a[0])
      swap(a, mid, 0);
    if (a[n - 1] < a[0])
      swap(a, n - 1, 0);
    if (a[n - 1] < a[mid])
      swap(a, n - 1, mid);
    swap(a, 0, mid);
    int32_t pivot = a[0];
    size_t i = 0, j = n;
    for (;;) {
      do
        i++;
      while (a[i] < pivot);
      do
        j--;
      while (a[j] > pivot);
      if (i >= j)
        break;
      swap(a, i, j);
    }
    swap(a, 0, j);
    /* a[0, j) <= pivot == a[j] <= a(j, n). Recursing into the smaller part
       bounds the depth by log2(n), which matters for wasm's small stack. */
    size_t left = j, right = n - j - 1;
    if (left < right) {
      quick_sort(a, left);
      a += j + 1;
      n = right;
    } else {
      quick_sort(a + j + 1, right);
      n = left;
    }
  }
  insertion_sort(a, n);
}

int main(int argc, char **argv) {
  /* The scale sets how many elements are sorted in all, COUNT (less a
     little) at a time: at small scales, one shorter array. */
  int64_t remaining = scaled(12 * (int64_t)COUNT, bench_scale(argc, argv));
  int32_t *a = xmalloc(COUNT * sizeof *a);
  Rng rng = {8};
  uint64_t h = 0;
  for (int64_t r = 0; remaining > 0; r++, remaining -= COUNT) {
    size_t n = remaining < COUNT ? (size_t)remaining : COUNT;
    n -= rng_below(&rng, (uint32_t)(n / 1000));
    for (size_t i = 0; i < n; i++) {
      switch (r % 3) {
      case 0: /* random */
        a[i] = (int32_t)(uint32_t)rng_next(&rng);
        break;
      case 1: /* few distinct values: many ties with the pivot */
        a[i] = (int32_t)rng_below(&rng, 100) - 50;
        break;
      default: /* ascending with 1% of the elements out of place */
        a[i] = rng_below(&rng, 100) == 0 ? (int32_t)rng_below(&rng, COUNT)
                                         : (int32_t)i;
      }
    }
    /* Order-independent sums, to check the sort only permuted. */
    uint64_t sum = 0, xor = 0;
    for (size_t i = 0; i < n; i++) {
      sum += (uint32_t)a[i];
      xor ^= (uint64_t)(uint32_t)a[i] * 0x9E3779B97F4A7C15u;
    }
    quick_sort(a, n);
    for (size_t i = 0; i < n; i++) {
      if (i > 0 && a[i - 1] > a[i]) {
        fprintf(stderr, "quicksort: not sorted at %zu\n", i);
        return 1;
      }
      sum -= (uint32_t)a[i];
      xor ^= (uint64_t)(uint32_t)a[i] * 0x9E3779B97F4A7C15u;
    }
    if (sum != 0 || xor != 0) {
      fprintf(stderr, "quicksort: elements changed\n");
      return 1;
    }
    for (size_t i = 0; i < n; i += 1009)
      h = mix64(h, (uint32_t)a[i]);
  }
  print_checksum(h);
  free(a);
  return 0;
}
