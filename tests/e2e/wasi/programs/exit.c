/* Ways a program ends, chosen by argv[1]; the runner checks the exit status
 * (and that output written before the end was not lost).
 *   exit N     libc exit(N): flushes stdio, then proc_exit(N)
 *   return N   return N from main
 *   raw N      __wasi_proc_exit(N) straight away
 *   _exit N    _Exit(N)
 *   trap       executes `unreachable`
 * The last three skip stdio's flush, and whether stdout is buffered at all
 * depends on whether the host calls it a terminal, so they flush first. */
#include "wasi_test.h"

#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: exit exit|return|raw|_exit N | trap\n");
    return 2;
  }
  const char *How = argv[1];
  int Code = argc > 2 ? atoi(argv[2]) : 0;
  /* Left in stdio's buffer (stdout is not a terminal): exit() and return
   * must flush it. */
  printf("buffered before %s\n", How);
  if (strcmp(How, "exit") != 0 && strcmp(How, "return") != 0)
    fflush(stdout);
  /* Written straight to the fd: survives every way of ending. */
  const char Direct[] = "written before the end\n";
  write(STDERR_FILENO, Direct, sizeof Direct - 1);
  if (strcmp(How, "exit") == 0)
    exit(Code);
  if (strcmp(How, "return") == 0)
    return Code;
  if (strcmp(How, "raw") == 0)
    __wasi_proc_exit((__wasi_exitcode_t)Code);
  if (strcmp(How, "_exit") == 0)
    _Exit(Code);
  if (strcmp(How, "trap") == 0)
    __builtin_trap();
  fprintf(stderr, "unknown way to end: %s\n", How);
  return 2;
}
