/* lz77: an LZ77 compressor and decompressor round trip. The compressor finds
   matches through hash chains over a 64 KiB window (as deflate does) and
   writes LZ4-like sequences (a token of two length nibbles, extended lengths,
   literals, a 16-bit offset); the decompressor expands them, and the result
   must equal the input. The input is generated text: words of a skewed
   vocabulary with some noise.
   Measures: byte processing, i.e. byte loads and compares, unpredictable
   branches, short copies, and hash-table/chain lookups. */
#include "common.h"

enum {
  INPUT_SIZE = 1024 * 1024,
  MIN_MATCH = 4,
  WINDOW = 1 << 16,  /* positions remembered in the chains */
  MAX_OFFSET = WINDOW - 1,
  HASH_BITS = 15,
  MAX_CHAIN = 16,    /* candidates tried per position */
};

static int32_t head[1 << HASH_BITS]; /* last position with each hash, or -1 */
static int32_t prev[WINDOW];         /* previous position with the same hash */

static uint32_t hash4(const uint8_t *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
               (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void insert(const uint8_t *in, int32_t pos) {
  uint32_t h = hash4(in + pos);
  prev[pos & (WINDOW - 1)] = head[h];
  head[h] = pos;
}

/* A length as the rest of a nibble: 255s and a final byte. */
static size_t put_length(uint8_t *out, size_t op, size_t len) {
  for (; len >= 255; len -= 255)
    out[op++] = 255;
  out[op++] = (uint8_t)len;
  return op;
}

/* Literals in[anchor, anchor+lit) then (when match_len > 0) a match. */
static size_t put_sequence(uint8_t *out, size_t op, const uint8_t *lits,
                           size_t lit, size_t match_len, size_t offset) {
  size_t m = match_len ? match_len - MIN_MATCH : 0;
  out[op++] = (uint8_t)((lit < 15 ? lit : 15) << 4 | (m < 15 ? m : 15));
  if (lit >= 15)
    op = put_length(out, op, lit - 15);
  memcpy(out + op, lits, lit);
  op += lit;
  if (match_len) {
    out[op++] = (uint8_t)offset;
    out[op++] = (uint8_t)(offset >> 8);
    if (m >= 15)
      op = put_length(out, op, m - 15);
  }
  return op;
}

/* Returns the compressed size; out must hold n + n / 128 + 16 bytes. */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  for (size_t i = 0; i < (1u << HASH_BITS); i++)
    head[i] = -1;
  size_t ip = 0, anchor = 0, op = 0;
  while (ip + MIN_MATCH <= n) {
    size_t best_len = 0, best_off = 0;
    int32_t cand = head[hash4(in + ip)];
    /* Chains only lead to earlier positions, and a position's slot in prev
       is not reused until WINDOW positions later, beyond MAX_OFFSET. */
    for (int chain = 0; chain < MAX_CHAIN && cand >= 0 &&
                        ip - (size_t)cand <= MAX_OFFSET;
         chain++) {
      size_t len = 0, limit = n - ip;
      while (len < limit && in[(size_t)cand + len] == in[ip + len])
        len++;
      if (len > best_len) {
        best_len = len;
        best_off = ip - (size_t)cand;
      }
      cand = prev[cand & (WINDOW - 1)];
    }
    insert(in, (int32_t)ip);
    if (best_len >= MIN_MATCH) {
      op = put_sequence(out, op, in + anchor, ip - anchor, best_len, best_off);
      /* Remember the positions inside the match too: later text will often
         repeat from them. */
      for (size_t p = ip + 1; p < ip + best_len && p + MIN_MATCH <= n; p++)
        insert(in, (int32_t)p);
      ip += best_len;
      anchor = ip;
    } else {
      ip++;
    }
  }
  return put_sequence(out, op, in + anchor, n - anchor, 0, 0);
}

static size_t get_length(const uint8_t *in, size_t *ip, size_t len) {
  uint8_t b;
  do {
    b = in[(*ip)++];
    len += b;
  } while (b == 255);
  return len;
}

/* Returns the decompressed size, or (size_t)-1 for corrupt input. */
static size_t decompress(const uint8_t *in, size_t n, uint8_t *out,
                         size_t capacity) {
  size_t ip = 0, op = 0;
  while (ip < n) {
    uint8_t token = in[ip++];
    size_t lit = token >> 4;
    if (lit == 15)
      lit = get_length(in, &ip, lit);
    if (lit > n - ip || lit > capacity - op)
      return (size_t)-1;
    memcpy(out + op, in + ip, lit);
    ip += lit;
    op += lit;
    if (ip == n)
      break; /* the last sequence has no match */
    if (n - ip < 2)
      return (size_t)-1;
    size_t offset = (size_t)in[ip] | (size_t)in[ip + 1] << 8;
    ip += 2;
    size_t len = token & 15;
    if (len == 15)
      len = get_length(in, &ip, len);
    len += MIN_MATCH;
    if (offset == 0 || offset > op || len > capacity - op)
      return (size_t)-1;
    /* Byte by byte: a match may overlap the bytes it produces. */
    for (size_t i = 0; i < len; i++, op++)
      out[op] = out[op - offset];
  }
  return op;
}

/* Text from a vocabulary of 2000 words, drawn with a skew (a few are very
   common), with punctuation and, rarely, a run of random bytes. */
static void make_input(uint8_t *buf, size_t n, Rng *rng) {
  enum { VOCABULARY = 2000 };
  static char words[VOCABULARY][12];
  for (int w = 0; w < VOCABULARY; w++) {
    int len = 2 + (int)rng_below(rng, 9);
    for (int i = 0; i < len; i++)
      words[w][i] = (char)('a' + rng_below(rng, 26));
    words[w][len] = '\0';
  }
  size_t pos = 0;
  while (pos < n) {
    if (rng_below(rng, 200) == 0) {
      for (int i = 0; i < 16 && pos < n; i++)
        buf[pos++] = (uint8_t)rng_next(rng);
      continue;
    }
    /* Squaring a uniform number favours small indices. */
    uint32_t u = rng_below(rng, VOCABULARY);
    const char *w = words[(uint64_t)u * u / VOCABULARY];
    for (size_t i = 0; w[i] && pos < n; i++)
      buf[pos++] = (uint8_t)w[i];
    if (pos < n)
      buf[pos++] = rng_below(rng, 12) == 0 ? (uint8_t)'\n' : (uint8_t)' ';
  }
}

int main(int argc, char **argv) {
  int64_t rounds = scaled(40, bench_scale(argc, argv));
  size_t capacity = INPUT_SIZE + INPUT_SIZE / 128 + 16;
  uint8_t *input = xmalloc(INPUT_SIZE);
  uint8_t *packed = xmalloc(capacity);
  uint8_t *unpacked = xmalloc(INPUT_SIZE);
  Rng rng = {6};
  make_input(input, INPUT_SIZE, &rng);
  uint64_t h = 0;
  for (int64_t r = 0; r < rounds; r++) {
    /* A different length and a few changed bytes each round. */
    size_t n = INPUT_SIZE - (size_t)(r * 977) % 4096;
    for (int i = 0; i < 8; i++)
      input[rng_below(&rng, (uint32_t)n)] = (uint8_t)rng_next(&rng);
    size_t packed_size = compress(input, n, packed);
    size_t unpacked_size = decompress(packed, packed_size, unpacked, INPUT_SIZE);
    if (unpacked_size != n || memcmp(unpacked, input, n) != 0) {
      fprintf(stderr, "lz77: round trip failed in round %lld\n", (long long)r);
      return 1;
    }
    h = mix64(h, packed_size);
    for (size_t i = 0; i < packed_size; i += 64)
      h = mix64(h, packed[i]);
  }
  print_checksum(h);
  free(input);
  free(packed);
  free(unpacked);
  return 0;
}
