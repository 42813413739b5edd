/* nbody: a gravitational n-body simulation (32 bodies, softened forces,
   symplectic Euler steps): for every pair, a distance, a square root and a
   division, then position updates.
   Measures: scalar double-precision arithmetic with sqrt and division, on
   small arrays of structs that stay in cache. */
#include <math.h>

#include "common.h"

/* No fused multiply-add, so that -march=native builds round as wasm does
   (see matmul.c). */
#pragma STDC FP_CONTRACT OFF

enum { BODIES = 32 };

/* Softening: keeps close encounters finite, so the simulation stays well
   conditioned however long it runs. */
static const double SOFTENING = 0.01;
static const double DT = 0.001;

typedef struct {
  double x, y, z, vx, vy, vz, mass;
} Body;

static void advance(Body *b) {
  for (int i = 0; i < BODIES; i++) {
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      double d2 = dx * dx + dy * dy + dz * dz + SOFTENING;
      double mag = DT / (d2 * sqrt(d2));
      double mi = b[i].mass * mag, mj = b[j].mass * mag;
      b[i].vx -= dx * mj;
      b[i].vy -= dy * mj;
      b[i].vz -= dz * mj;
      b[j].vx += dx * mi;
      b[j].vy += dy * mi;
      b[j].vz += dz * mi;
    }
  }
  for (int i = 0; i < BODIES; i++) {
    b[i].x += DT * b[i].vx;
    b[i].y += DT * b[i].vy;
    b[i].z += DT * b[i].vz;
  }
}

static double energy(const Body *b) {
  double e = 0.0;
  for (int i = 0; i < BODIES; i++) {
    e += 0.5 * b[i].mass *
         (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (int j = i + 1; j < BODIES; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz + SOFTENING);
    }
  }
  return e;
}

int main(int argc, char **argv) {
  int64_t steps = scaled(350000, bench_scale(argc, argv));
  Body bodies[BODIES];
  Rng rng = {2};
  for (int i = 0; i < BODIES; i++) {
    bodies[i].x = rng_unit(&rng) * 20.0 - 10.0;
    bodies[i].y = rng_unit(&rng) * 20.0 - 10.0;
    bodies[i].z = rng_unit(&rng) * 20.0 - 10.0;
    bodies[i].vx = rng_unit(&rng) * 0.2 - 0.1;
    bodies[i].vy = rng_unit(&rng) * 0.2 - 0.1;
    bodies[i].vz = rng_unit(&rng) * 0.2 - 0.1;
    bodies[i].mass = 0.1 + rng_unit(&rng);
  }
  uint64_t h = mix64(0, double_bits(energy(bodies)));
  for (int64_t s = 1; s <= steps; s++) {
    advance(bodies);
    if (s % 50000 == 0)
      h = mix64(h, double_bits(energy(bodies)));
  }
  h = mix64(h, double_bits(energy(bodies)));
  for (int i = 0; i < BODIES; i++) {
    h = mix64(h, double_bits(bodies[i].x));
    h = mix64(h, double_bits(bodies[i].vy));
  }
  print_checksum(h);
  return 0;
}
