/* mergesort: a stable bottom-up merge sort of 1M (key, index) records with
   many equal keys: insertion-sorted runs of 32, then passes merging runs of
   doubling width between two buffers. The result is checked to be sorted
   and stable.
   Measures: streaming loads and stores with a hard-to-predict comparison
   per element, and memory bandwidth of the merge passes. */
#include "common.h"

enum { COUNT = 1 << 20, RUN = 32 };

typedef struct {
  uint32_t key, index;
} Record;

static void insertion_sort(Record *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    Record r = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1].key > r.key; j--)
      a[j] = a[j - 1];
    a[j] = r;
  }
}

/* Merges the sorted a[0, mid) and a[mid, n) into out; ties take the left
   element first, which is what makes the sort stable. */
static void merge(const Record *a, size_t mid, size_t n, Record *out) {
  size_t i = 0, j = mid, k = 0;
  while (i < mid && j < n)
    out[k++] = a[j].key < a[i].key ? a[j++] : a[i++];
  while (i < mid)
    out[k++] = a[i++];
  while (j < n)
    out[k++] = a[j++];
}

/* Sorts a, using tmp (as large) as the other buffer. */
static void merge_sort(Record *a, Record *tmp, size_t n) {
  for (size_t i = 0; i < n; i += RUN)
    insertion_sort(a + i, n - i < RUN ? n - i : RUN);
  Record *src = a, *dst = tmp;
  for (size_t width = RUN; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n;
      size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      merge(src + lo, mid - lo, hi - lo, dst + lo);
    }
    Record *t = src;
    src = dst;
    dst = t;
  }
  if (src != a)
    memcpy(a, src, n * sizeof *a);
}

int main(int argc, char **argv) {
  /* The scale sets how many elements are sorted in all, COUNT (less a
     little) at a time: at small scales, one shorter array. */
  int64_t remaining = scaled(12 * (int64_t)COUNT, bench_scale(argc, argv));
  Record *a = xmalloc(COUNT * sizeof *a);
  Record *tmp = xmalloc(COUNT * sizeof *tmp);
  Rng rng = {7};
  uint64_t h = 0;
  for (; remaining > 0; remaining -= COUNT) {
    /* A length that is not a power of two, and keys with many duplicates
       (about 16 per key), so that stability is tested. */
    size_t n = remaining < COUNT ? (size_t)remaining : COUNT;
    n -= rng_below(&rng, (uint32_t)(n / 1000));
    for (size_t i = 0; i < n; i++) {
      a[i].key = rng_below(&rng, COUNT / 16);
      a[i].index = (uint32_t)i;
    }
    merge_sort(a, tmp, n);
    for (size_t i = 1; i < n; i++) {
      if (a[i - 1].key > a[i].key ||
          (a[i - 1].key == a[i].key && a[i - 1].index > a[i].index)) {
        fprintf(stderr, "mergesort: not sorted (stably) at %zu\n", i);
        return 1;
      }
    }
    for (size_t i = 0; i < n; i += 1009)
      h = mix64(h, (uint64_t)a[i].key << 32 | a[i].index);
  }
  print_checksum(h);
  free(a);
  free(tmp);
  return 0;
}
