/* Helpers shared by the WASI end-to-end programs.
 *
 * Every program prints one line per check, in a fixed order, and never prints
 * anything that varies between runs (times, random bytes, host paths): the test
 * runner compares the output of three WASI implementations with each other and
 * with a golden file, so the output must only depend on WASI's semantics. */
#ifndef WASI_TEST_H
#define WASI_TEST_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* wasi-libc's errno values are WASI's errno codes, so one table names both
 * what libc leaves in errno and what a raw __wasi_* call returns. */
#define WASI_TEST_ERRNOS(X)                                                            \
  X(E2BIG) X(EACCES) X(EADDRINUSE) X(EADDRNOTAVAIL) X(EAFNOSUPPORT) X(EAGAIN)          \
  X(EALREADY) X(EBADF) X(EBADMSG) X(EBUSY) X(ECANCELED) X(ECHILD) X(ECONNABORTED)      \
  X(ECONNREFUSED) X(ECONNRESET) X(EDEADLK) X(EDESTADDRREQ) X(EDOM) X(EDQUOT)           \
  X(EEXIST) X(EFAULT) X(EFBIG) X(EHOSTUNREACH) X(EIDRM) X(EILSEQ) X(EINPROGRESS)       \
  X(EINTR) X(EINVAL) X(EIO) X(EISCONN) X(EISDIR) X(ELOOP) X(EMFILE) X(EMLINK)          \
  X(EMSGSIZE) X(EMULTIHOP) X(ENAMETOOLONG) X(ENETDOWN) X(ENETRESET) X(ENETUNREACH)     \
  X(ENFILE) X(ENOBUFS) X(ENODEV) X(ENOENT) X(ENOEXEC) X(ENOLCK) X(ENOLINK) X(ENOMEM)   \
  X(ENOMSG) X(ENOPROTOOPT) X(ENOSPC) X(ENOSYS) X(ENOTCONN) X(ENOTDIR) X(ENOTEMPTY)     \
  X(ENOTRECOVERABLE) X(ENOTSOCK) X(ENOTSUP) X(ENOTTY) X(ENXIO) X(EOVERFLOW)            \
  X(EOWNERDEAD) X(EPERM) X(EPIPE) X(EPROTO) X(EPROTONOSUPPORT) X(EPROTOTYPE) X(ERANGE) \
  X(EROFS) X(ESPIPE) X(ESRCH) X(ESTALE) X(ETIMEDOUT) X(ETXTBSY) X(EXDEV) X(ENOTCAPABLE)

static inline const char *errno_name(int Code) {
  static char Unknown[16];
  if (Code == 0)
    return "OK";
  switch (Code) {
#define WASI_TEST_CASE(Name) case Name: return #Name;
    WASI_TEST_ERRNOS(WASI_TEST_CASE)
#undef WASI_TEST_CASE
  }
  snprintf(Unknown, sizeof Unknown, "E#%d", Code);
  return Unknown;
}

/* check("what", rc) for libc calls that return -1 and set errno on failure:
 * prints "what: OK" or "what: ENOENT". Returns rc so callers can go on. */
static inline long check(const char *What, long Rc) {
  printf("%s: %s\n", What, Rc < 0 ? errno_name(errno) : "OK");
  return Rc;
}

/* wasi("what", err) for raw __wasi_* calls, which return the errno. */
static inline __wasi_errno_t wasi(const char *What, __wasi_errno_t Err) {
  printf("%s: %s\n", What, errno_name(Err));
  return Err;
}

/* expect("what", cond): a property the program can decide itself, printed as
 * yes/no so that the golden file states what the spec requires. */
static inline int expect(const char *What, int Cond) {
  printf("%s: %s\n", What, Cond ? "yes" : "no");
  return Cond;
}

/* Stops the program on a failed setup step, whose later checks would be noise. */
static inline void require(const char *What, int Cond) {
  if (!Cond) {
    printf("FATAL: %s: %s\n", What, errno_name(errno));
    exit(99);
  }
}

/* A file name inside the directory the runner grants; built at run time so
 * that one program can be pointed at different preopens. */
static inline const char *path_in(const char *Dir, const char *Name) {
  static char Buf[4][512];
  static int Next;
  char *P = Buf[Next++ % 4];
  snprintf(P, sizeof Buf[0], "%s/%s", Dir, Name);
  return P;
}

/* The monotonic clock in nanoseconds, and a poll_oneoff subscription to it. */
static inline __wasi_timestamp_t now(void) {
  __wasi_timestamp_t T = 0;
  (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &T);
  return T;
}

#define MS 1000000ull

static inline __wasi_subscription_t clock_sub(__wasi_userdata_t Tag,
                                              __wasi_timestamp_t Timeout, int Absolute) {
  __wasi_subscription_t S;
  memset(&S, 0, sizeof S);
  S.userdata = Tag;
  S.u.tag = __WASI_EVENTTYPE_CLOCK;
  S.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  S.u.u.clock.timeout = Timeout;
  S.u.u.clock.flags = Absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return S;
}

#endif
