/* hashchain: a hash table with separate chaining, mapping 64-bit keys to
   64-bit values, one malloc'ed node per entry, doubling (and rehashing) when
   the load factor reaches 1. Each round inserts (or updates), looks up
   (hits and misses) and deletes random keys, then frees the table.
   Measures: pointer chasing through linked nodes scattered in memory, small
   allocations, and multiplicative hashing. */
#include "common.h"

typedef struct Entry {
  struct Entry *next;
  uint64_t key, value;
} Entry;

typedef struct {
  Entry **buckets;
  unsigned bits; /* log2 of the number of buckets */
  size_t count;
} Table;

static size_t bucket_of(const Table *t, uint64_t key) {
  /* Fibonacci hashing: the high bits of key * 2^64/phi. */
  return (size_t)((key * 0x9E3779B97F4A7C15u) >> (64 - t->bits));
}

static void table_init(Table *t, unsigned bits) {
  t->bits = bits;
  t->count = 0;
  t->buckets = xmalloc(sizeof(Entry *) << bits);
  memset(t->buckets, 0, sizeof(Entry *) << bits);
}

static void grow(Table *t) {
  Table bigger;
  table_init(&bigger, t->bits + 1);
  for (size_t b = 0; b < (size_t)1 << t->bits; b++) {
    for (Entry *e = t->buckets[b], *next; e; e = next) {
      next = e->next;
      size_t nb = bucket_of(&bigger, e->key);
      e->next = bigger.buckets[nb];
      bigger.buckets[nb] = e;
    }
  }
  free(t->buckets);
  bigger.count = t->count;
  *t = bigger;
}

/* Inserts key or, if present, adds value to its value. */
static void table_add(Table *t, uint64_t key, uint64_t value) {
  Entry **head = &t->buckets[bucket_of(t, key)];
  for (Entry *e = *head; e; e = e->next) {
    if (e->key == key) {
      e->value += value;
      return;
    }
  }
  Entry *e = xmalloc(sizeof *e);
  e->key = key;
  e->value = value;
  e->next = *head;
  *head = e;
  if (++t->count > (size_t)1 << t->bits)
    grow(t);
}

static const Entry *table_find(const Table *t, uint64_t key) {
  for (const Entry *e = t->buckets[bucket_of(t, key)]; e; e = e->next)
    if (e->key == key)
      return e;
  return NULL;
}

static int table_remove(Table *t, uint64_t key) {
  for (Entry **link = &t->buckets[bucket_of(t, key)]; *link;
       link = &(*link)->next) {
    if ((*link)->key == key) {
      Entry *dead = *link;
      *link = dead->next;
      free(dead);
      t->count--;
      return 1;
    }
  }
  return 0;
}

static void table_free(Table *t) {
  for (size_t b = 0; b < (size_t)1 << t->bits; b++) {
    for (Entry *e = t->buckets[b], *next; e; e = next) {
      next = e->next;
      free(e);
    }
  }
  free(t->buckets);
}

int main(int argc, char **argv) {
  /* The scale sets the number of keys inserted in all, 300000 per table:
     at small scales, one smaller table. */
  int64_t remaining = scaled(15 * 300000, bench_scale(argc, argv));
  Rng rng = {9};
  uint64_t h = 0;
  for (; remaining > 0; remaining -= 300000) {
    const int KEYS = remaining < 300000 ? (int)remaining : 300000;
    Table t;
    table_init(&t, 4); /* small, so the table grows many times */
    /* Keys from a range about twice the number of inserts: some repeat. */
    uint32_t range = 2 * KEYS;
    for (int i = 0; i < KEYS; i++) {
      uint64_t key = (uint64_t)rng_below(&rng, range) * 0x100000001u;
      table_add(&t, key, (uint64_t)i);
    }
    uint64_t found = 0, sum = 0;
    for (int i = 0; i < 3 * KEYS; i++) {
      uint64_t key = (uint64_t)rng_below(&rng, range) * 0x100000001u;
      const Entry *e = table_find(&t, key);
      if (e) {
        found++;
        sum += e->value;
      }
    }
    uint64_t removed = 0;
    for (int i = 0; i < KEYS / 2; i++)
      removed += (uint64_t)table_remove(
          &t, (uint64_t)rng_below(&rng, range) * 0x100000001u);
    h = mix64(mix64(mix64(mix64(h, found), sum), removed), t.count);
    table_free(&t);
  }
  print_checksum(h);
  return 0;
}
