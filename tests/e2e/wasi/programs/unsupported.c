/* Sockets on descriptors that are not sockets: every sock_* call fails with
 * ENOTSOCK. (proc_raise is in node_unsafe.c.) */
#include "wasi_test.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static void sockets_on(const char *What, int Fd) {
  char Buf[16];
  char Label[96];
  snprintf(Label, sizeof Label, "recv on %s", What);
  check(Label, recv(Fd, Buf, sizeof Buf, 0));
  snprintf(Label, sizeof Label, "send on %s", What);
  check(Label, send(Fd, "x", 1, 0));
  snprintf(Label, sizeof Label, "shutdown on %s", What);
  check(Label, shutdown(Fd, SHUT_RDWR));
  snprintf(Label, sizeof Label, "accept on %s", What);
  check(Label, accept(Fd, NULL, NULL));
}

int main(int argc, char **argv) {
  require("usage: unsupported DIR", argc == 2);
  int Fd = open(path_in(argv[1], "plain.txt"), O_RDWR | O_CREAT, 0644);
  require("open plain.txt", Fd >= 0);
  sockets_on("a regular file", Fd);
  close(Fd);
  int D = open(argv[1], O_RDONLY | O_DIRECTORY);
  sockets_on("a directory", D);
  close(D);
  /* The raw calls too, with their own argument shapes. */
  __wasi_fd_t NewFd;
  wasi("raw sock_accept on a directory", __wasi_sock_accept(3, 0, &NewFd));
  wasi("raw sock_shutdown on a directory", __wasi_sock_shutdown(3, __WASI_SDFLAGS_WR));
  check("recv on a closed fd", recv(77, NULL, 0, 0));
  return 0;
}
