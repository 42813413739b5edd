/* Arguments and environment: args_get/args_sizes_get, environ_get/environ_sizes_get.
 * argv[0] is not printed: it is the module path for `wasmaot run` and the
 * executable's own name for a compiled program, so it differs by design. */
#include "wasi_test.h"

#include <stdint.h>

extern char **environ;

static int compare_strings(const void *A, const void *B) {
  return strcmp(*(char *const *)A, *(char *const *)B);
}

/* The sizes that args_sizes_get and environ_sizes_get report must be exactly
 * what the strings need: count, and total bytes including each NUL. */
static void check_sizes(const char *What, __wasi_errno_t (*Sizes)(__wasi_size_t *, __wasi_size_t *),
                        char **Strings, size_t Count) {
  __wasi_size_t N = 0, Bytes = 0;
  __wasi_errno_t Err = Sizes(&N, &Bytes);
  size_t Want = 0;
  for (size_t I = 0; I < Count; ++I)
    Want += strlen(Strings[I]) + 1;
  printf("%s sizes: %s, count matches: %s, bytes match: %s\n", What, errno_name(Err),
         N == Count ? "yes" : "no", Bytes == Want ? "yes" : "no");
}

/* Reads the strings again through the raw call, as libc does at startup, and
 * checks that each is NUL-terminated inside the buffer and the pointers are
 * in order. */
static void check_raw(const char *What,
                      __wasi_errno_t (*Sizes)(__wasi_size_t *, __wasi_size_t *),
                      __wasi_errno_t (*Get)(uint8_t **, uint8_t *), char **Strings) {
  __wasi_size_t N = 0, Bytes = 0;
  Sizes(&N, &Bytes);
  uint8_t **Ptrs = calloc(N + 1, sizeof *Ptrs);
  uint8_t *Buf = malloc(Bytes + 1);
  __wasi_errno_t Err = Get(Ptrs, Buf);
  int Same = Err == 0;
  for (__wasi_size_t I = 0; Same && I < N; ++I)
    Same = Ptrs[I] >= Buf && Ptrs[I] < Buf + Bytes &&
           strcmp((const char *)Ptrs[I], Strings[I]) == 0 && (I == 0 || Ptrs[I] > Ptrs[I - 1]);
  printf("%s raw get: %s, same strings: %s\n", What, errno_name(Err), Same ? "yes" : "no");
  free(Ptrs);
  free(Buf);
}

int main(int argc, char **argv) {
  printf("argc: %d\n", argc);
  for (int I = 1; I < argc; ++I)
    printf("argv[%d]: [%s] (%zu bytes)\n", I, argv[I], strlen(argv[I]));
  check_sizes("args", __wasi_args_sizes_get, argv, (size_t)argc);
  check_raw("args", __wasi_args_sizes_get, __wasi_args_get, argv);

  /* The order of the environment is the host's business: sort it. */
  size_t Count = 0;
  while (environ[Count])
    ++Count;
  char **Sorted = malloc((Count + 1) * sizeof *Sorted);
  memcpy(Sorted, environ, (Count + 1) * sizeof *Sorted);
  qsort(Sorted, Count, sizeof *Sorted, compare_strings);
  printf("environ count: %zu\n", Count);
  for (size_t I = 0; I < Count; ++I)
    printf("env: [%s]\n", Sorted[I]);
  check_sizes("environ", __wasi_environ_sizes_get, environ, Count);
  check_raw("environ", __wasi_environ_sizes_get, __wasi_environ_get, environ);

  /* Only what the command line grants is visible: nothing leaks from the host. */
  const char *Leaks[] = {"PATH", "HOME", "USER", "PWD", "LD_LIBRARY_PATH"};
  for (size_t I = 0; I < sizeof Leaks / sizeof *Leaks; ++I)
    printf("getenv(%s): %s\n", Leaks[I], getenv(Leaks[I]) ? "set" : "unset");
  const char *Greeting = getenv("GREETING");
  printf("getenv(GREETING): [%s]\n", Greeting ? Greeting : "(unset)");
  return 0;
}
