/* Calls whose WASI semantics are clear but which Node's uvwasi cannot survive,
 * so the runner checks this program against its golden output only:
 *  - proc_raise: signals do not exist in WASI (the call left the preview-1
 *    witx in 2022); wasmaot answers ENOSYS. uvwasi really raises the signal
 *    in the Node process.
 *  - path_filestat_set_times with both MTIM and MTIM_NOW: EINVAL, as for
 *    fd_filestat_set_times. uvwasi returns EINVAL and then aborts or hangs.
 *  - poll_oneoff with an absolute clock deadline (through clock_nanosleep
 *    with TIMER_ABSTIME, and raw): uvwasi takes the deadline for a relative
 *    timeout and sleeps for days.
 * argv[1] is a writable granted directory. */
#include "wasi_test.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

/* proc_raise is no longer in wasi-libc's headers but is still imported by
 * older modules, so it is declared here by hand. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
extern uint16_t raw_proc_raise(uint8_t Signal);

static void absolute_deadlines(void) {
  /* clock_nanosleep until 15ms from now on the monotonic clock. */
  struct timespec Abs;
  clock_gettime(CLOCK_MONOTONIC, &Abs);
  __wasi_timestamp_t T0 = now();
  Abs.tv_nsec += 15 * MS;
  if (Abs.tv_nsec >= 1000000000) {
    Abs.tv_nsec -= 1000000000;
    ++Abs.tv_sec;
  }
  printf("clock_nanosleep TIMER_ABSTIME: %s\n",
         errno_name(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &Abs, NULL)));
  expect("absolute sleep reached its deadline", now() - T0 >= 14 * MS);

  /* Raw: a deadline already in the past fires at once, a future one waits. */
  __wasi_event_t Event;
  __wasi_size_t N = 0;
  __wasi_subscription_t Past = clock_sub(333, now() - 1, 1);
  wasi("poll_oneoff(absolute deadline in the past)", __wasi_poll_oneoff(&Past, &Event, 1, &N));
  printf("events: %lu, userdata %llu\n", N, (unsigned long long)Event.userdata);
  __wasi_subscription_t Future = clock_sub(444, now() + 15 * MS, 1);
  T0 = now();
  wasi("poll_oneoff(absolute deadline in 15ms)", __wasi_poll_oneoff(&Future, &Event, 1, &N));
  printf("events: %lu, userdata %llu\n", N, (unsigned long long)Event.userdata);
  expect("absolute deadline waited >= 15ms", now() - T0 >= 14 * MS);
}

int main(int argc, char **argv) {
  require("usage: node_unsafe DIR", argc == 2);
  /* Signal 15 is SIGTERM in WASI's numbering too; raising it must not kill us. */
  printf("proc_raise(SIGTERM): %s\n", errno_name(raw_proc_raise(15)));
  printf("proc_raise(0): %s\n", errno_name(raw_proc_raise(0)));
  printf("still running: yes\n");

  close(open(path_in(argv[1], "t.txt"), O_WRONLY | O_CREAT, 0644));
  int D = open(argv[1], O_RDONLY | O_DIRECTORY);
  wasi("path_filestat_set_times(MTIM and MTIM_NOW)",
       __wasi_path_filestat_set_times(D, 0, "t.txt", 0, 0,
                                      __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
  wasi("path_filestat_set_times(ATIM and ATIM_NOW)",
       __wasi_path_filestat_set_times(D, 0, "t.txt", 0, 0,
                                      __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
  close(D);
  absolute_deadlines();
  return 0;
}
