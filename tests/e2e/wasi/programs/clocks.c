/* Clocks (clock_time_get, clock_res_get), random_get, sched_yield. Only
 * properties are printed: the values themselves differ from run to run. */
#include "wasi_test.h"

#include <sched.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>

static int64_t ns(struct timespec T) { return (int64_t)T.tv_sec * 1000000000 + T.tv_nsec; }

/* Burns CPU so that the CPU-time clocks have something to count. The volatile
 * sink keeps the optimizer from removing the loop. */
static void spin(void) {
  static volatile uint64_t Sink;
  for (uint64_t I = 0; I < 20000000; ++I)
    Sink += I ^ (I >> 3);
}

static void check_clock(const char *Name, clockid_t Id, int Monotonic) {
  struct timespec Res, A, B;
  int ResOk = clock_getres(Id, &Res) == 0;
  printf("%s getres: %s, 0 < res <= 1s: %s\n", Name, ResOk ? "OK" : errno_name(errno),
         ResOk && ns(Res) > 0 && ns(Res) <= 1000000000 ? "yes" : "no");
  int GetOk = clock_gettime(Id, &A) == 0;
  spin();
  GetOk = GetOk && clock_gettime(Id, &B) == 0;
  printf("%s gettime: %s, nsec in range: %s\n", Name, GetOk ? "OK" : errno_name(errno),
         GetOk && A.tv_nsec >= 0 && A.tv_nsec < 1000000000 ? "yes" : "no");
  if (Monotonic)
    printf("%s increases: %s\n", Name, ns(B) > ns(A) ? "yes" : "no");
}

int main(void) {
  /* Realtime: after 2020-01-01 and before 2100-01-01. */
  struct timespec Now;
  clock_gettime(CLOCK_REALTIME, &Now);
  expect("realtime is a plausible date", Now.tv_sec > 1577836800 && Now.tv_sec < 4102444800);
  check_clock("realtime", CLOCK_REALTIME, 0);
  check_clock("monotonic", CLOCK_MONOTONIC, 1);
  check_clock("process cputime", CLOCK_PROCESS_CPUTIME_ID, 1);
  check_clock("thread cputime", CLOCK_THREAD_CPUTIME_ID, 1);

  /* time() and gettimeofday() read the same realtime clock. */
  time_t T = time(NULL);
  struct timeval TV;
  gettimeofday(&TV, NULL);
  expect("time() agrees with realtime", T >= Now.tv_sec && T - Now.tv_sec < 60);
  expect("gettimeofday agrees with time()", TV.tv_sec >= T && TV.tv_sec - T < 60 &&
                                                TV.tv_usec >= 0 && TV.tv_usec < 1000000);

  /* The raw call, with a precision argument, and an id that names no clock. */
  __wasi_timestamp_t Raw = 0, RawRes = 0;
  wasi("raw clock_time_get(monotonic, precision 1ms)",
       __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1000000, &Raw));
  expect("raw monotonic is nonzero", Raw != 0);
  wasi("raw clock_res_get(realtime)", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &RawRes));
  wasi("raw clock_time_get(clock 9)", __wasi_clock_time_get(9, 0, &Raw));
  wasi("raw clock_res_get(clock 9)", __wasi_clock_res_get(9, &RawRes));

  /* Monotonic never goes back over many reads. */
  __wasi_timestamp_t Last = 0, Cur = 0;
  int Never = 1;
  for (int I = 0; I < 10000; ++I) {
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &Cur);
    Never &= Cur >= Last;
    Last = Cur;
  }
  expect("monotonic never decreases over 10000 reads", Never);

  /* random_get: through getentropy (at most 256 bytes a call) and raw. */
  unsigned char A[256], B[256];
  memset(A, 0, sizeof A);
  memset(B, 0, sizeof B);
  check("getentropy(256)", getentropy(A, sizeof A));
  check("getentropy(256) again", getentropy(B, sizeof B));
  int NonZero = 0;
  for (size_t I = 0; I < sizeof A; ++I)
    NonZero += A[I] != 0;
  expect("random bytes are not all zero", NonZero > 128);
  expect("two draws differ", memcmp(A, B, sizeof A) != 0);
  check("getentropy(257)", getentropy(A, 257));
  static unsigned char Big[65536];
  wasi("raw random_get(64 KiB)", __wasi_random_get(Big, sizeof Big));
  unsigned Counts[256] = {0};
  for (size_t I = 0; I < sizeof Big; ++I)
    ++Counts[Big[I]];
  /* 256 expected per value; any real generator stays far inside this. */
  int Uniform = 1;
  for (int I = 0; I < 256; ++I)
    Uniform &= Counts[I] > 128 && Counts[I] < 512;
  expect("64 KiB of random bytes look uniform", Uniform);
  wasi("raw random_get(0 bytes)", __wasi_random_get(Big, 0));

  check("sched_yield", sched_yield());
  wasi("raw sched_yield", __wasi_sched_yield());
  return 0;
}
