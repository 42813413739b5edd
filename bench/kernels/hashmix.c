/* hashmix: 64-bit hash functions of the multiply-rotate-xor family: a
   four-lane bulk hash over a buffer of 64-bit words (the structure of XXH64),
   and a per-key finaliser (murmur3's fmix64) feeding a bucket histogram.
   Measures: 64-bit multiplies, rotates and shifts (native i64 in wasm, but
   pointer-sized integers are 32 bits there), with independent lanes for
   instruction-level parallelism. */
#include "common.h"

enum { WORDS = 32 * 1024, BUCKETS = 1 << 14 };

static const uint64_t P1 = 0x9E3779B185EBCA87u, P2 = 0xC2B2AE3D27D4EB4Fu,
                      P3 = 0x165667B19E3779F9u, P4 = 0x85EBCA77C2B2AE63u;

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t lane_round(uint64_t acc, uint64_t input) {
  acc += input * P2;
  acc = rotl(acc, 31);
  return acc * P1;
}

/* Four accumulators over interleaved words, merged at the end. */
static uint64_t bulk_hash(const uint64_t *w, size_t n, uint64_t seed) {
  uint64_t a = seed + P1 + P2, b = seed + P2, c = seed, d = seed - P1;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a = lane_round(a, w[i]);
    b = lane_round(b, w[i + 1]);
    c = lane_round(c, w[i + 2]);
    d = lane_round(d, w[i + 3]);
  }
  uint64_t h = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18);
  for (; i < n; i++)
    h = rotl(h ^ lane_round(0, w[i]), 27) * P1 + P4;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  return h ^ (h >> 32);
}

static uint64_t fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xFF51AFD7ED558CCDu;
  k ^= k >> 33;
  k *= 0xC4CEB9FE1A85EC53u;
  return k ^ (k >> 33);
}

int main(int argc, char **argv) {
  int64_t rounds = scaled(35000, bench_scale(argc, argv));
  uint64_t *words = xmalloc(WORDS * sizeof *words);
  uint32_t *buckets = xmalloc(BUCKETS * sizeof *buckets);
  memset(buckets, 0, BUCKETS * sizeof *buckets);
  Rng rng = {5};
  for (size_t i = 0; i < WORDS; i++)
    words[i] = rng_next(&rng);
  uint64_t h = 0;
  for (int64_t r = 0; r < rounds; r++) {
    uint64_t bulk = bulk_hash(words, WORDS - (size_t)(r % 4), (uint64_t)r);
    h = mix64(h, bulk);
    /* Keys derived from a counter, as a hash table's would be: the
       finaliser spreads them, the histogram shows it did. */
    for (uint64_t k = 0; k < 4096; k++)
      buckets[fmix64(bulk + k) & (BUCKETS - 1)]++;
    words[(size_t)r % WORDS] ^= bulk;
  }
  uint64_t max = 0;
  for (size_t i = 0; i < BUCKETS; i++) {
    h = mix64(h, buckets[i]);
    if (buckets[i] > max)
      max = buckets[i];
  }
  print_checksum(mix64(h, max));
  free(words);
  free(buckets);
  return 0;
}
