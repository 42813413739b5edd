/* poll_oneoff: clock timeouts through nanosleep, clock_nanosleep, usleep, poll
 * and select, and raw subscriptions (relative clocks, fd readiness, several at
 * once; absolute clocks are in node_unsafe.c). Durations are checked as lower
 * bounds only: a loaded machine may sleep longer, never shorter. */
#include "wasi_test.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static __wasi_subscription_t fd_sub(__wasi_userdata_t Tag, __wasi_eventtype_t Type, int Fd) {
  __wasi_subscription_t S;
  memset(&S, 0, sizeof S);
  S.userdata = Tag;
  S.u.tag = Type;
  if (Type == __WASI_EVENTTYPE_FD_READ)
    S.u.u.fd_read.file_descriptor = (__wasi_fd_t)Fd;
  else
    S.u.u.fd_write.file_descriptor = (__wasi_fd_t)Fd;
  return S;
}

static void libc_sleeps(void) {
  __wasi_timestamp_t T0 = now();
  struct timespec Req = {0, 20 * MS};
  check("nanosleep 20ms", nanosleep(&Req, NULL));
  expect("nanosleep slept >= 20ms", now() - T0 >= 20 * MS);

  T0 = now();
  printf("clock_nanosleep 10ms: %s\n", errno_name(clock_nanosleep(CLOCK_MONOTONIC, 0, &Req, NULL)));
  expect("clock_nanosleep slept >= 10ms", now() - T0 >= 10 * MS);

  T0 = now();
  check("usleep 10000", usleep(10000));
  expect("usleep slept >= 10ms", now() - T0 >= 10 * MS);

  T0 = now();
  printf("poll(no fds, 25ms): %d\n", poll(NULL, 0, 25));
  expect("poll waited >= 25ms", now() - T0 >= 25 * MS);

  T0 = now();
  struct timeval TV = {0, 10000};
  printf("select(no fds, 10ms): %d\n", select(0, NULL, NULL, NULL, &TV));
  expect("select waited >= 10ms", now() - T0 >= 10 * MS);

  struct timespec Bad = {0, 1000000000};
  check("nanosleep with tv_nsec = 1e9", nanosleep(&Bad, NULL));
}

static void raw_poll(const char *Dir) {
  __wasi_event_t Events[4];
  __wasi_size_t N = 0;

  /* Two timeouts: only the earlier one fires. */
  __wasi_subscription_t Two[2] = {clock_sub(111, 200 * MS, 0), clock_sub(222, 10 * MS, 0)};
  __wasi_timestamp_t T0 = now();
  wasi("poll_oneoff(two clocks)", __wasi_poll_oneoff(Two, Events, 2, &N));
  printf("events: %lu, first userdata %llu, type clock: %s, error: %s\n", N,
         (unsigned long long)Events[0].userdata,
         Events[0].type == __WASI_EVENTTYPE_CLOCK ? "yes" : "no", errno_name(Events[0].error));
  __wasi_timestamp_t Took = now() - T0;
  expect("returned after the short timeout, before the long one",
         Took >= 10 * MS && Took < 200 * MS);

  /* A regular file is always ready, for reading and for writing; the read
   * event reports the bytes left to read. */
  int Fd = open(path_in(Dir, "ready.txt"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  require("open ready.txt", Fd >= 0);
  write(Fd, "0123456789", 10);
  lseek(Fd, 4, SEEK_SET);
  __wasi_subscription_t FdRead[2] = {fd_sub(555, __WASI_EVENTTYPE_FD_READ, Fd),
                                     clock_sub(666, 5000 * MS, 0)};
  T0 = now();
  wasi("poll_oneoff(file readable, 5s timeout)", __wasi_poll_oneoff(FdRead, Events, 2, &N));
  printf("events: %lu, userdata %llu, type fd_read: %s, error: %s, nbytes: %llu\n", N,
         (unsigned long long)Events[0].userdata,
         Events[0].type == __WASI_EVENTTYPE_FD_READ ? "yes" : "no", errno_name(Events[0].error),
         (unsigned long long)Events[0].fd_readwrite.nbytes);
  expect("file readiness did not wait for the timeout", now() - T0 < 2500 * MS);
  __wasi_subscription_t FdWrite = fd_sub(777, __WASI_EVENTTYPE_FD_WRITE, Fd);
  wasi("poll_oneoff(file writable)", __wasi_poll_oneoff(&FdWrite, Events, 1, &N));
  printf("events: %lu, userdata %llu, type fd_write: %s, error: %s\n", N,
         (unsigned long long)Events[0].userdata,
         Events[0].type == __WASI_EVENTTYPE_FD_WRITE ? "yes" : "no", errno_name(Events[0].error));
  close(Fd);

  /* poll() on the file descriptor: POLLIN and POLLOUT both come back. */
  Fd = open(path_in(Dir, "ready.txt"), O_RDWR);
  struct pollfd PFd = {Fd, POLLIN | POLLOUT, 0};
  printf("poll(file, POLLIN|POLLOUT): %d, revents in: %s, out: %s\n", poll(&PFd, 1, 1000),
         PFd.revents & POLLIN ? "yes" : "no", PFd.revents & POLLOUT ? "yes" : "no");
  close(Fd);

  /* A subscription on a closed fd reports EBADF in its event (or the call fails). */
  __wasi_subscription_t BadFd = fd_sub(888, __WASI_EVENTTYPE_FD_READ, 77);
  __wasi_errno_t Err = __wasi_poll_oneoff(&BadFd, Events, 1, &N);
  printf("poll_oneoff(closed fd): %s\n",
         errno_name(Err != 0 ? Err : N == 1 ? Events[0].error : 0));

  /* No subscriptions at all is an error: it would wait forever. */
  wasi("poll_oneoff(0 subscriptions)", __wasi_poll_oneoff(Two, Events, 0, &N));
}

int main(int argc, char **argv) {
  require("usage: poll DIR", argc == 2);
  libc_sleeps();
  raw_poll(argv[1]);
  return 0;
}
