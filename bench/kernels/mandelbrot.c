/* mandelbrot: escape-time iteration counts of the Mandelbrot set on a grid,
   for a sequence of frames zooming into the boundary (where points take
   many iterations to escape or never do).
   Measures: latency-bound scalar double-precision multiply/add chains with a
   data-dependent loop exit. */
#include "common.h"

/* No fused multiply-add, so that -march=native builds round as wasm does
   (see matmul.c). Iteration counts are sensitive to the last bit. */
#pragma STDC FP_CONTRACT OFF

/* Each frame is WIDTH pixels wide; the scale sets how many rows of it are
   computed (spread evenly over the frame's height), so that the time is
   about proportional to the scale however small it is. */
enum { WIDTH = 400, FRAMES = 8, MAX_ITER = 1000 };

/* Iterations before z -> z^2 + c escapes the radius-2 disc (MAX_ITER: never). */
static int escape_time(double cr, double ci) {
  double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
  int n = 0;
  while (n < MAX_ITER && zr2 + zi2 <= 4.0) {
    zi = 2.0 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    zr2 = zr * zr;
    zi2 = zi * zi;
    n++;
  }
  return n;
}

int main(int argc, char **argv) {
  int64_t rows = scaled(140, bench_scale(argc, argv));
  /* A point on the boundary (in "seahorse valley"); frame f shows a square
     around it, 3 * 0.6^f wide, where points take longer to escape or never
     do. */
  const double centre_r = -0.743643887037151, centre_i = 0.131825904205330;
  uint64_t h = 0;
  double span = 3.0;
  for (int f = 0; f < FRAMES; f++, span *= 0.6) {
    double step = span / WIDTH;
    double left = centre_r - span / 2;
    double row_step = span / (double)rows;
    double top = centre_i - span / 2;
    for (int64_t y = 0; y < rows; y++) {
      uint64_t row = 0;
      double ci = top + row_step * (double)y;
      for (int x = 0; x < WIDTH; x++)
        row = row * 1000003u + (uint64_t)escape_time(left + step * x, ci);
      h = mix64(h, row);
    }
  }
  print_checksum(h);
  return 0;
}
