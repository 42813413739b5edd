/* hashopen: counting word frequencies in 4 MiB of generated text with an
   open-addressing hash table (linear probing, power-of-two capacity, grown
   at 50% load). Keys are byte strings hashed with FNV-1a and compared with
   memcmp; the table stores offsets into the text, not pointers.
   Measures: tokenising bytes, string hashing and comparison, and probing a
   flat table (cache misses, but no pointer chasing). */
#include "common.h"

enum { TEXT_SIZE = 4 * 1024 * 1024, VOCABULARY = 60000 };

typedef struct {
  uint32_t hash;   /* FNV-1a of the word; 0 marks an empty slot */
  uint32_t offset; /* of the word's first occurrence in the text */
  uint32_t length;
  uint32_t count;
} Slot;

typedef struct {
  Slot *slots;
  uint32_t mask; /* capacity - 1 */
  uint32_t used;
} Table;

static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h ? h : 1; /* 0 is reserved for empty slots */
}

static void table_init(Table *t, uint32_t capacity) {
  t->slots = xmalloc(capacity * sizeof *t->slots);
  memset(t->slots, 0, capacity * sizeof *t->slots);
  t->mask = capacity - 1;
  t->used = 0;
}

static void grow(Table *t) {
  Table bigger;
  table_init(&bigger, 2 * (t->mask + 1));
  for (uint32_t i = 0; i <= t->mask; i++) {
    Slot s = t->slots[i];
    if (s.hash == 0)
      continue;
    uint32_t j = s.hash & bigger.mask;
    while (bigger.slots[j].hash != 0)
      j = (j + 1) & bigger.mask;
    bigger.slots[j] = s;
  }
  bigger.used = t->used;
  free(t->slots);
  *t = bigger;
}

static void count_word(Table *t, const uint8_t *text, uint32_t offset,
                       uint32_t length) {
  const uint8_t *word = text + offset;
  uint32_t h = fnv1a(word, length);
  uint32_t i = h & t->mask;
  for (;; i = (i + 1) & t->mask) {
    Slot *s = &t->slots[i];
    if (s->hash == 0)
      break;
    if (s->hash == h && s->length == length &&
        memcmp(text + s->offset, word, length) == 0) {
      s->count++;
      return;
    }
  }
  t->slots[i] = (Slot){h, offset, length, 1};
  if (++t->used * 2 > t->mask + 1)
    grow(t);
}

/* Words of 1-14 lowercase letters, drawn with a skew (a few are very
   common, most are rare, as in natural text), separated by spaces,
   punctuation and newlines. */
static void make_text(uint8_t *text, size_t n, Rng *rng) {
  uint8_t(*words)[16] = xmalloc(VOCABULARY * sizeof *words);
  for (int w = 0; w < VOCABULARY; w++) {
    int len = 1 + (int)rng_below(rng, 14);
    for (int i = 0; i < len; i++)
      words[w][i] = (uint8_t)('a' + rng_below(rng, 26));
    words[w][len] = 0;
  }
  static const char separators[] = "    ,.;\n";
  size_t pos = 0;
  while (pos < n) {
    uint32_t u = rng_below(rng, VOCABULARY);
    const uint8_t *w = words[(uint64_t)u * u / VOCABULARY * u / VOCABULARY];
    for (size_t i = 0; w[i] && pos < n; i++)
      text[pos++] = w[i];
    if (pos < n)
      text[pos++] = (uint8_t)separators[rng_below(rng, 8)];
  }
  free(words);
}

static int is_letter(uint8_t c) { return c >= 'a' && c <= 'z'; }

int main(int argc, char **argv) {
  int64_t rounds = scaled(40, bench_scale(argc, argv));
  uint8_t *text = xmalloc(TEXT_SIZE);
  Rng rng = {10};
  make_text(text, TEXT_SIZE, &rng);
  uint64_t h = 0;
  for (int64_t r = 0; r < rounds; r++) {
    /* A byte changed each round, so rounds differ a little. */
    text[rng_below(&rng, TEXT_SIZE)] = (uint8_t)('a' + rng_below(&rng, 26));
    Table t;
    table_init(&t, 1024);
    uint32_t words = 0;
    for (uint32_t i = 0; i < TEXT_SIZE;) {
      while (i < TEXT_SIZE && !is_letter(text[i]))
        i++;
      uint32_t start = i;
      while (i < TEXT_SIZE && is_letter(text[i]))
        i++;
      if (i > start) {
        count_word(&t, text, start, i - start);
        words++;
      }
    }
    /* The table's layout depends only on the hashes and the insertion
       order, so hashing it in slot order is deterministic. */
    uint32_t max = 0;
    for (uint32_t i = 0; i <= t.mask; i++) {
      if (t.slots[i].count > max)
        max = t.slots[i].count;
      if (i % 16 == 0)
        h = mix64(h, (uint64_t)t.slots[i].hash << 32 | t.slots[i].count);
    }
    h = mix64(mix64(mix64(h, words), t.used), max);
    free(t.slots);
  }
  print_checksum(h);
  free(text);
  return 0;
}
