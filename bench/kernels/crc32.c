/* crc32: CRC-32 (the IEEE polynomial of zlib, Ethernet and PNG) over a
   1 MiB buffer, both byte at a time with one 256-entry table and
   "slicing-by-8" with eight tables, which must agree.
   Measures: table lookups (loads indexed by data) with shifts and xors;
   byte-at-a-time is latency bound, slicing-by-8 exposes more parallelism. */
#include "common.h"

enum { BUFFER_SIZE = 1024 * 1024 };

static uint32_t table[8][256];

static void make_tables(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[0][i] = c;
  }
  /* table[t][i]: the CRC of byte i followed by t zero bytes. */
  for (int t = 1; t < 8; t++)
    for (int i = 0; i < 256; i++)
      table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xFF];
}

static uint32_t crc32_bytewise(uint32_t crc, const uint8_t *p, size_t n) {
  crc = ~crc;
  for (size_t i = 0; i < n; i++)
    crc = (crc >> 8) ^ table[0][(crc ^ p[i]) & 0xFF];
  return ~crc;
}

static uint32_t load_le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint32_t crc32_slice8(uint32_t crc, const uint8_t *p, size_t n) {
  crc = ~crc;
  for (; n >= 8; p += 8, n -= 8) {
    uint32_t lo = load_le32(p) ^ crc, hi = load_le32(p + 4);
    crc = table[7][lo & 0xFF] ^ table[6][(lo >> 8) & 0xFF] ^
          table[5][(lo >> 16) & 0xFF] ^ table[4][lo >> 24] ^
          table[3][hi & 0xFF] ^ table[2][(hi >> 8) & 0xFF] ^
          table[1][(hi >> 16) & 0xFF] ^ table[0][hi >> 24];
  }
  for (; n > 0; p++, n--)
    crc = (crc >> 8) ^ table[0][(crc ^ *p) & 0xFF];
  return ~crc;
}

int main(int argc, char **argv) {
  int64_t rounds = scaled(600, bench_scale(argc, argv));
  make_tables();
  /* The standard check value: CRC-32 of "123456789" is 0xCBF43926. */
  const uint8_t *check = (const uint8_t *)"123456789";
  if (crc32_bytewise(0, check, 9) != 0xCBF43926u ||
      crc32_slice8(0, check, 9) != 0xCBF43926u) {
    fprintf(stderr, "crc32: self-test failed\n");
    return 1;
  }
  uint8_t *buf = xmalloc(BUFFER_SIZE);
  Rng rng = {4};
  for (size_t i = 0; i < BUFFER_SIZE; i++)
    buf[i] = (uint8_t)rng_next(&rng);
  uint64_t h = 0;
  for (int64_t r = 0; r < rounds; r++) {
    /* An unaligned start and odd length, and a changed byte every round. */
    size_t start = (size_t)(r % 7), len = BUFFER_SIZE - 8 - (size_t)(r % 13);
    uint32_t fast = crc32_slice8((uint32_t)r, buf + start, len);
    /* The byte-at-a-time loop on a quarter of the buffer: it is about four
       times slower, so both take a similar share of the time. */
    uint32_t slow = crc32_bytewise((uint32_t)r, buf + start, len / 4);
    if (crc32_slice8((uint32_t)r, buf + start, len / 4) != slow) {
      fprintf(stderr, "crc32: slicing-by-8 and byte-wise disagree\n");
      return 1;
    }
    h = mix64(mix64(h, fast), slow);
    buf[(size_t)(r * 4099) % BUFFER_SIZE] ^= (uint8_t)fast;
  }
  print_checksum(h);
  free(buf);
  return 0;
}
