/* Attempts to reach outside the granted directory, each of which must fail.
 * The runner grants `sandbox` as /sandbox and sets up, beside it on the host,
 * outside.txt (a sentinel) and outside_dir/, and inside it:
 *   inside.txt, sub/,
 *   link_abs     -> absolute host path of outside.txt
 *   link_rel     -> ../outside.txt
 *   link_dir_out -> ../outside_dir
 *   link_chain   -> sub/../link_rel
 *   link_in      -> inside.txt          (allowed: stays inside)
 * Afterwards the runner checks that nothing outside the sandbox changed. */
#include "wasi_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void try_open(const char *Path, int Flags) {
  int Fd = open(Path, Flags, 0644);
  char Label[300];
  snprintf(Label, sizeof Label, "open %s%s", Path, Flags & O_CREAT ? " (create)" : "");
  if (Fd >= 0) {
    /* Say what was opened, so a successful escape is unmistakable. */
    char Buf[32] = {0};
    ssize_t N = read(Fd, Buf, sizeof Buf - 1);
    printf("%s: OPENED, content [%s]\n", Label, N > 0 ? strtok(Buf, "\n") : "");
    close(Fd);
  } else {
    printf("%s: %s\n", Label, errno_name(errno));
  }
}

static void try_stat(const char *Path) {
  struct stat St;
  char Label[300];
  snprintf(Label, sizeof Label, "stat %s", Path);
  check(Label, stat(Path, &St));
}

static int refused(int Err) { return Err == ENOTCAPABLE || Err == EPERM; }

/* Makes a symlink Link -> Target that leads out of the sandbox, then opens
 * Through (the link or a path under it). Whether the symlink itself may be
 * made is the implementation's choice, so the line says only whether the
 * escape was blocked: at creation, or when the link was followed. */
static void try_link_out(const char *Target, const char *Link, const char *Through, int Flags) {
  const char *Verdict;
  if (symlink(Target, Link) < 0) {
    Verdict = refused(errno) ? "blocked at creation" : errno_name(errno);
  } else {
    int Fd = open(Through, Flags, 0644);
    Verdict = Fd >= 0 ? "ESCAPED" : refused(errno) ? "blocked when followed" : errno_name(errno);
    if (Fd >= 0)
      close(Fd);
  }
  printf("symlink %s <- %s, open %s: %s\n", Target, Link, Through,
         strncmp(Verdict, "blocked", 7) == 0 ? "blocked" : Verdict);
}

/* The raw call takes the directory fd and a path relative to it; wasi-libc
 * never passes these shapes, a hostile module can. */
static void raw_open(const char *Label, const char *Path, __wasi_lookupflags_t Lookup) {
  __wasi_fd_t Fd;
  __wasi_errno_t Err = __wasi_path_open(3, Lookup, Path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &Fd);
  printf("raw path_open %s [%s]: %s\n", Label, Path, errno_name(Err));
  if (Err == 0)
    (void)__wasi_fd_close(Fd);
}

int main(void) {
  /* Sanity: what lies inside is reachable, through a symlink too. */
  try_open("/sandbox/inside.txt", O_RDONLY);
  try_open("/sandbox/link_in", O_RDONLY);
  try_open("/sandbox/sub/../inside.txt", O_RDONLY);

  /* Dot-dot, absolute paths, and symlinks out. */
  try_open("/sandbox/../outside.txt", O_RDONLY);
  try_open("/sandbox/sub/../../outside.txt", O_RDONLY);
  try_open("/outside.txt", O_RDONLY);
  try_open("/sandbox/link_abs", O_RDONLY);
  try_open("/sandbox/link_rel", O_RDONLY);
  try_open("/sandbox/link_chain", O_RDONLY);
  try_open("/sandbox/link_dir_out/anything", O_RDONLY);
  try_open("/sandbox/link_rel", O_WRONLY | O_TRUNC);
  try_open("/sandbox/link_dir_out/created.txt", O_WRONLY | O_CREAT);
  try_open("/sandbox/../created.txt", O_WRONLY | O_CREAT);
  try_stat("/sandbox/..");
  try_stat("/sandbox/link_abs");
  try_stat("/sandbox/link_dir_out");
  /* lstat looks at the link itself, which is inside: allowed. */
  struct stat St;
  check("lstat /sandbox/link_abs", lstat("/sandbox/link_abs", &St));
  /* Reading a link's text is allowed too: it is data inside the sandbox. */
  char Buf[512];
  ssize_t N = readlink("/sandbox/link_rel", Buf, sizeof Buf);
  printf("readlink /sandbox/link_rel: %.*s\n", N > 0 ? (int)N : 0, N > 0 ? Buf : "");
  DIR *D = opendir("/sandbox/..");
  printf("opendir /sandbox/..: %s\n", D ? "OPENED" : errno_name(errno));
  D = opendir("/sandbox/link_dir_out");
  printf("opendir /sandbox/link_dir_out: %s\n", D ? "OPENED" : errno_name(errno));

  /* Changes that would land outside. */
  check("mkdir /sandbox/../escaped_dir", mkdir("/sandbox/../escaped_dir", 0755));
  check("mkdir through link_dir_out", mkdir("/sandbox/link_dir_out/made", 0755));
  check("rename inside.txt out", rename("/sandbox/inside.txt", "/sandbox/../moved.txt"));
  check("rename outside.txt in", rename("/sandbox/../outside.txt", "/sandbox/stolen.txt"));
  check("link inside.txt out", link("/sandbox/inside.txt", "/sandbox/../hardlink.txt"));
  check("link outside.txt in", link("/sandbox/../outside.txt", "/sandbox/hardlink.txt"));
  check("link through link_rel (follow)",
        linkat(AT_FDCWD, "/sandbox/link_rel", AT_FDCWD, "/sandbox/hard2", AT_SYMLINK_FOLLOW));
  check("unlink /sandbox/../outside.txt", unlink("/sandbox/../outside.txt"));
  check("rmdir /sandbox/../outside_dir", rmdir("/sandbox/../outside_dir"));
  check("symlink created outside", symlink("/sandbox/inside.txt", "/sandbox/../newlink"));
  struct timespec Times[2] = {{1, 0}, {1, 0}};
  check("utimensat /sandbox/link_rel", utimensat(AT_FDCWD, "/sandbox/link_rel", Times, 0));

  /* A symlink pointing out may be created (it is only text) or refused:
   * either way, nothing can be reached through it. */
  try_link_out("../outside.txt", "/sandbox/new_rel", "/sandbox/new_rel", O_RDONLY);
  try_link_out("../outside.txt", "/sandbox/new_rel2", "/sandbox/new_rel2", O_WRONLY | O_TRUNC);
  try_link_out("/etc/passwd", "/sandbox/new_abs", "/sandbox/new_abs", O_RDONLY);
  try_link_out("../../outside_dir", "/sandbox/sub/up", "/sandbox/sub/up/x.txt",
               O_WRONLY | O_CREAT);

  /* Raw path_open relative to the preopen's fd. */
  raw_open("dot-dot", "../outside.txt", 0);
  raw_open("absolute", "/etc/passwd", 0);
  raw_open("absolute inside name", "/sandbox/inside.txt", 0);
  raw_open("follow link_abs", "link_abs", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
  raw_open("nofollow link_abs", "link_abs", 0);
  raw_open("dot-dot inside", "sub/../inside.txt", 0);
  raw_open("empty", "", 0);
  __wasi_fd_t Fd;
  wasi("raw path_open relative to stdout",
       __wasi_path_open(1, 0, "x", 0, __WASI_RIGHTS_FD_READ, 0, 0, &Fd));
  wasi("raw path_open relative to fd 77",
       __wasi_path_open(77, 0, "x", 0, __WASI_RIGHTS_FD_READ, 0, 0, &Fd));
  return 0;
}
