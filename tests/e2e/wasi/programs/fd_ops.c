/* File descriptor calls on a regular file: fd_write/read/pread/pwrite/seek/
 * tell, fdstat get/set_flags/set_rights, filestat get/set_size/set_times,
 * sync/datasync/advise/allocate, renumber and close.
 * argv[1] is the writable directory the runner grants (as a guest path). */
#include "wasi_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *Dir;

/* Reads the whole file back through a fresh descriptor and prints it, NUL
 * bytes and newlines escaped, so the effect of each call is visible. */
static void show(const char *Label, const char *Name) {
  char Buf[256];
  int Fd = open(path_in(Dir, Name), O_RDONLY);
  ssize_t N = Fd < 0 ? -1 : read(Fd, Buf, sizeof Buf);
  if (N < 0) {
    printf("%s: read failed: %s\n", Label, errno_name(errno));
  } else {
    printf("%s: [", Label);
    for (ssize_t I = 0; I < N; ++I)
      printf(Buf[I] == 0 ? "\\0" : Buf[I] == '\n' ? "\\n" : "%c", Buf[I]);
    printf("]\n");
  }
  if (Fd >= 0)
    close(Fd);
}

static void read_write(int Fd) {
  check("write", write(Fd, "hello, world", 12));
  /* fd_write with several iovecs in one call, as writev. */
  struct iovec Out[3] = {{"ab", 2}, {"", 0}, {"cd\n", 3}};
  printf("writev returns: %zd\n", writev(Fd, Out, 3));

  __wasi_filesize_t Pos = 0;
  wasi("fd_tell", __wasi_fd_tell(Fd, &Pos));
  printf("position after writes: %llu\n", (unsigned long long)Pos);
  printf("lseek(0, SEEK_SET): %lld\n", (long long)lseek(Fd, 0, SEEK_SET));
  char Buf[64] = {0};
  printf("read 5: %zd [%.5s]\n", read(Fd, Buf, 5), Buf);
  printf("lseek(2, SEEK_CUR): %lld\n", (long long)lseek(Fd, 2, SEEK_CUR));
  memset(Buf, 0, sizeof Buf);
  printf("read 5: %zd [%.5s]\n", read(Fd, Buf, 5), Buf);
  printf("lseek(-3, SEEK_END): %lld\n", (long long)lseek(Fd, -3, SEEK_END));
  check("lseek(-100, SEEK_CUR)", lseek(Fd, -100, SEEK_CUR));
  /* fd_read with several iovecs, as readv. */
  lseek(Fd, 0, SEEK_SET);
  char A[4] = {0}, B[4] = {0};
  struct iovec In[2] = {{A, 3}, {B, 3}};
  printf("readv returns: %zd [%.3s|%.3s]\n", readv(Fd, In, 2), A, B);

  /* pread and pwrite take an offset and leave the position alone. */
  lseek(Fd, 4, SEEK_SET);
  memset(Buf, 0, sizeof Buf);
  printf("pread(5 at 7): %zd [%.5s]\n", pread(Fd, Buf, 5, 7), Buf);
  printf("pwrite(at 0): %zd\n", pwrite(Fd, "HELLO", 5, 0));
  printf("position still 4: %lld\n", (long long)lseek(Fd, 0, SEEK_CUR));
  printf("pwrite past the end (at 20): %zd\n", pwrite(Fd, "!", 1, 20));
  check("pread negative offset", pread(Fd, Buf, 1, -1));
  lseek(Fd, 0, SEEK_END);
  printf("read at end of file: %zd\n", read(Fd, Buf, sizeof Buf));
}

static void stat_and_size(int Fd) {
  struct stat St;
  check("fstat", fstat(Fd, &St));
  printf("fstat: regular file: %s, size %lld, nlink %llu\n", S_ISREG(St.st_mode) ? "yes" : "no",
         (long long)St.st_size, (unsigned long long)St.st_nlink);
  check("ftruncate(8)", ftruncate(Fd, 8));
  fstat(Fd, &St);
  printf("size after ftruncate(8): %lld\n", (long long)St.st_size);
  check("ftruncate(12) grows", ftruncate(Fd, 12));
  fstat(Fd, &St);
  printf("size after ftruncate(12): %lld\n", (long long)St.st_size);
  check("ftruncate(-1)", ftruncate(Fd, -1));

  /* fd_filestat_set_times: explicit times, then "now" for mtime only. */
  struct timespec Times[2] = {{1000000000, 123456789}, {1200000000, 987654321}};
  check("futimens(explicit)", futimens(Fd, Times));
  fstat(Fd, &St);
  printf("atime: %lld.%09ld mtime: %lld.%09ld\n", (long long)St.st_atim.tv_sec,
         St.st_atim.tv_nsec, (long long)St.st_mtim.tv_sec, St.st_mtim.tv_nsec);
  /* UTIME_NOW and UTIME_OMIT go through the raw call: Debian's wasi-libc
   * turns them into EINVAL before any WASI call (a known clang miscompile of
   * its utimens_get_timestamps). MTIM_NOW alone leaves atime alone. */
  wasi("raw set_times(MTIM_NOW)", __wasi_fd_filestat_set_times(Fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  fstat(Fd, &St);
  expect("atime kept", St.st_atim.tv_sec == 1000000000 && St.st_atim.tv_nsec == 123456789);
  expect("mtime is now (after 2020)", St.st_mtim.tv_sec > 1577836800);
  wasi("raw set_times with both ATIM and ATIM_NOW",
       __wasi_fd_filestat_set_times(Fd, 0, 0,
                                    __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
}

static void flags_and_rights(int Fd) {
  __wasi_fdstat_t Stat;
  wasi("fd_fdstat_get", __wasi_fd_fdstat_get(Fd, &Stat));
  printf("filetype regular: %s, append: %s, can read: %s, can write: %s\n",
         Stat.fs_filetype == __WASI_FILETYPE_REGULAR_FILE ? "yes" : "no",
         Stat.fs_flags & __WASI_FDFLAGS_APPEND ? "yes" : "no",
         Stat.fs_rights_base & __WASI_RIGHTS_FD_READ ? "yes" : "no",
         Stat.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "yes" : "no");
  printf("fcntl(F_GETFL) has O_RDWR: %s\n", (fcntl(Fd, F_GETFL) & O_ACCMODE) == O_RDWR ? "yes" : "no");

  /* fd_fdstat_set_flags: with O_APPEND every write goes to the end. */
  check("fcntl(F_SETFL, O_APPEND)", fcntl(Fd, F_SETFL, O_APPEND));
  (void)__wasi_fd_fdstat_get(Fd, &Stat);
  expect("append flag set", Stat.fs_flags & __WASI_FDFLAGS_APPEND);
  lseek(Fd, 0, SEEK_SET);
  check("write in append mode", write(Fd, "<end>", 5));
  check("fcntl(F_SETFL, 0)", fcntl(Fd, F_SETFL, 0));
  (void)__wasi_fd_fdstat_get(Fd, &Stat);
  expect("append flag cleared", !(Stat.fs_flags & __WASI_FDFLAGS_APPEND));

  check("fsync", fsync(Fd));
  check("fdatasync", fdatasync(Fd));
  /* posix_fadvise and posix_fallocate return the error instead of setting errno. */
  printf("posix_fadvise(SEQUENTIAL): %s\n",
         errno_name(posix_fadvise(Fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
  printf("posix_fadvise(bad advice): %s\n", errno_name(posix_fadvise(Fd, 0, 0, 99)));
  printf("posix_fallocate(0, 4096): %s\n", errno_name(posix_fallocate(Fd, 0, 4096)));
  struct stat St;
  fstat(Fd, &St);
  printf("size after fallocate: %lld\n", (long long)St.st_size);
  ftruncate(Fd, 21);

  /* Rights only shrink: after dropping FD_WRITE, writing is refused and the
   * right cannot be taken back. */
  (void)__wasi_fd_fdstat_get(Fd, &Stat);
  wasi("fd_fdstat_set_rights(drop write)",
       __wasi_fd_fdstat_set_rights(Fd, Stat.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE,
                                   Stat.fs_rights_inheriting));
  /* Raw: wasi-libc's write() turns ENOTCAPABLE into EBADF. */
  __wasi_ciovec_t Byte = {(const uint8_t *)"x", 1};
  __wasi_size_t Written;
  wasi("fd_write without the right", __wasi_fd_write(Fd, &Byte, 1, &Written));
  wasi("fd_fdstat_set_rights(add write back)",
       __wasi_fd_fdstat_set_rights(Fd, Stat.fs_rights_base, Stat.fs_rights_inheriting));
  char C;
  check("pread still allowed", pread(Fd, &C, 1, 0));
}

/* fd_renumber moves a descriptor onto another, closing the target first. */
static void renumber(void) {
  int A = open(path_in(Dir, "a.txt"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  int B = open(path_in(Dir, "b.txt"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  require("open a.txt and b.txt", A >= 0 && B >= 0);
  wasi("fd_renumber(a, b)", __wasi_fd_renumber(A, B));
  check("write to b's number", write(B, "to a", 4));
  check("a's old number is closed", write(A, "x", 1));
  wasi("fd_renumber(closed fd, b)", __wasi_fd_renumber(A, B));
  wasi("fd_renumber(b, 999)", __wasi_fd_renumber(B, 999));
  check("close", close(B));
  check("close again", close(B));
  show("a.txt", "a.txt");
  show("b.txt", "b.txt");
}

/* Errors every fd call gives on a descriptor that is not open. */
static void bad_fds(void) {
  char C;
  __wasi_filesize_t Pos;
  __wasi_fdstat_t Stat;
  __wasi_filestat_t FStat;
  check("read(77)", read(77, &C, 1));
  check("write(77)", write(77, &C, 1));
  check("lseek(77)", lseek(77, 0, SEEK_SET));
  wasi("fd_tell(77)", __wasi_fd_tell(77, &Pos));
  wasi("fd_fdstat_get(77)", __wasi_fd_fdstat_get(77, &Stat));
  wasi("fd_filestat_get(77)", __wasi_fd_filestat_get(77, &FStat));
  wasi("fd_sync(77)", __wasi_fd_sync(77));
  wasi("fd_close(77)", __wasi_fd_close(77));
}

/* Standard streams pass through: stdin is readable (the runner sends a line). */
static void std_streams(void) {
  char Line[64] = {0};
  ssize_t N = read(STDIN_FILENO, Line, sizeof Line - 1);
  printf("stdin read: %zd [%s]\n", N, N > 0 ? strtok(Line, "\n") : "");
  printf("stdin at eof: %zd\n", read(STDIN_FILENO, Line, sizeof Line));
  fprintf(stderr, "to stderr\n");
  __wasi_fdstat_t Stat;
  wasi("fd_fdstat_get(stdout)", __wasi_fd_fdstat_get(STDOUT_FILENO, &Stat));
  check("lseek(stdin) on a pipe", lseek(STDIN_FILENO, 0, SEEK_CUR));
}

int main(int argc, char **argv) {
  require("usage: fd_ops DIR", argc == 2);
  Dir = argv[1];
  int Fd = open(path_in(Dir, "data.txt"), O_RDWR | O_CREAT | O_TRUNC, 0644);
  require("open data.txt", Fd >= 0);
  read_write(Fd);
  show("after reads and writes", "data.txt");
  stat_and_size(Fd);
  flags_and_rights(Fd);
  show("after flags", "data.txt");
  check("close data.txt", close(Fd));

  /* A descriptor opened read-only refuses writes, and write-only refuses reads. */
  int Ro = open(path_in(Dir, "data.txt"), O_RDONLY);
  check("write to O_RDONLY", write(Ro, "x", 1));
  check("ftruncate O_RDONLY", ftruncate(Ro, 0));
  close(Ro);
  int Wo = open(path_in(Dir, "data.txt"), O_WRONLY);
  char C;
  check("read from O_WRONLY", read(Wo, &C, 1));
  close(Wo);

  renumber();
  bad_fds();
  std_streams();
  fflush(stdout);
  return 0;
}
