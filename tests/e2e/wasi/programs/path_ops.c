/* Path calls inside a granted directory: path_open with O_CREAT, O_EXCL,
 * O_TRUNC, O_APPEND and O_DIRECTORY; create/remove directory; unlink; rename;
 * link; symlink; readlink; filestat get (stat, lstat) and set_times
 * (utimensat). argv[1] is the writable directory the runner grants. */
#include "wasi_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *Dir;

static const char *P(const char *Name) { return path_in(Dir, Name); }

static const char *kind(mode_t M) {
  return S_ISREG(M) ? "file" : S_ISDIR(M) ? "dir" : S_ISLNK(M) ? "symlink" : "other";
}

/* Prints what stat (or lstat) says about a path: kind, size and links. */
static void show_stat(const char *Label, const char *Name, int Follow) {
  struct stat St;
  int Rc = Follow ? stat(P(Name), &St) : lstat(P(Name), &St);
  if (Rc < 0)
    printf("%s %s: %s\n", Label, Name, errno_name(errno));
  else if (S_ISDIR(St.st_mode))
    printf("%s %s: dir\n", Label, Name); /* a directory's size is the filesystem's business */
  else
    printf("%s %s: %s, size %lld, nlink %llu\n", Label, Name, kind(St.st_mode),
           (long long)St.st_size, (unsigned long long)St.st_nlink);
}

static void put(const char *Name, int Flags, const char *Text) {
  int Fd = open(P(Name), Flags, 0644);
  if (Fd < 0) {
    printf("open %s: %s\n", Name, errno_name(errno));
    return;
  }
  if (write(Fd, Text, strlen(Text)) < 0)
    printf("write %s: %s\n", Name, errno_name(errno));
  close(Fd);
}

static void cat(const char *Name) {
  char Buf[128];
  int Fd = open(P(Name), O_RDONLY);
  ssize_t N = Fd < 0 ? -1 : read(Fd, Buf, sizeof Buf - 1);
  if (N < 0) {
    printf("cat %s: %s\n", Name, errno_name(errno));
  } else {
    Buf[N] = 0;
    printf("cat %s: [%s]\n", Name, Buf);
  }
  if (Fd >= 0)
    close(Fd);
}

static void open_flags(void) {
  put("new.txt", O_WRONLY | O_CREAT | O_EXCL, "first");
  check("O_CREAT|O_EXCL on existing", open(P("new.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644));
  put("new.txt", O_WRONLY | O_APPEND, "+appended");
  cat("new.txt");
  put("new.txt", O_WRONLY | O_TRUNC, "truncated");
  cat("new.txt");
  put("new.txt", O_WRONLY, "TR"); /* no O_TRUNC: overwrites in place */
  cat("new.txt");
  check("open missing file", open(P("missing.txt"), O_RDONLY));
  check("open missing dir component", open(P("nodir/x.txt"), O_RDONLY | O_CREAT, 0644));
  check("O_DIRECTORY on a file", open(P("new.txt"), O_RDONLY | O_DIRECTORY));
  check("file as a directory component", open(P("new.txt/x"), O_RDONLY));
  check("O_WRONLY on a directory", open(P("."), O_WRONLY));
  int D = open(P("."), O_RDONLY | O_DIRECTORY);
  check("O_DIRECTORY on a directory", D);
  close(D);
  /* openat relative to a directory descriptor: the same path_open underneath. */
  int Sub = open(Dir, O_RDONLY | O_DIRECTORY);
  int F = openat(Sub, "new.txt", O_RDONLY);
  check("openat(dirfd, new.txt)", F);
  close(F);
  close(Sub);
}

static void directories(void) {
  check("mkdir d", mkdir(P("d"), 0755));
  check("mkdir d again", mkdir(P("d"), 0755));
  check("mkdir d/e", mkdir(P("d/e"), 0755));
  check("mkdir under missing parent", mkdir(P("x/y"), 0755));
  put("d/e/f.txt", O_WRONLY | O_CREAT, "f");
  check("rmdir non-empty d", rmdir(P("d")));
  check("rmdir a file", rmdir(P("d/e/f.txt")));
  check("unlink a directory", unlink(P("d/e")));
  check("unlink d/e/f.txt", unlink(P("d/e/f.txt")));
  check("unlink d/e/f.txt again", unlink(P("d/e/f.txt")));
  check("rmdir d/e", rmdir(P("d/e")));
  show_stat("stat", "d", 1);
  show_stat("stat", "d/e", 1);
}

static void renames(void) {
  put("r1.txt", O_WRONLY | O_CREAT, "one");
  put("r2.txt", O_WRONLY | O_CREAT, "two");
  check("rename r1 -> moved", rename(P("r1.txt"), P("moved.txt")));
  show_stat("stat", "r1.txt", 1);
  cat("moved.txt");
  check("rename moved over r2 (replaces)", rename(P("moved.txt"), P("r2.txt")));
  cat("r2.txt");
  check("rename missing", rename(P("r1.txt"), P("r3.txt")));
  check("rename dir d -> d2", rename(P("d"), P("d2")));
  check("rename file over a dir", rename(P("r2.txt"), P("d2")));
  mkdir(P("full"), 0755);
  put("full/x", O_WRONLY | O_CREAT, "x");
  check("rename dir over non-empty dir", rename(P("d2"), P("full")));
  check("rename dir into itself", rename(P("full"), P("full/inner")));
}

static void links(void) {
  put("orig.txt", O_WRONLY | O_CREAT, "original");
  check("link orig -> hard", link(P("orig.txt"), P("hard.txt")));
  show_stat("stat", "orig.txt", 1);
  put("hard.txt", O_WRONLY | O_APPEND, "+via hard link");
  cat("orig.txt");
  check("link onto existing", link(P("orig.txt"), P("hard.txt")));
  check("link missing source", link(P("nothing"), P("hard2.txt")));

  check("symlink orig.txt <- sym", symlink("orig.txt", P("sym")));
  check("symlink to missing <- dangling", symlink("nowhere", P("dangling")));
  check("symlink onto existing", symlink("orig.txt", P("hard.txt")));
  show_stat("stat", "sym", 1);
  show_stat("lstat", "sym", 0);
  show_stat("stat", "dangling", 1);
  show_stat("lstat", "dangling", 0);
  cat("sym");

  char Buf[64];
  ssize_t N = readlink(P("sym"), Buf, sizeof Buf);
  printf("readlink sym: %zd [%.*s]\n", N, N > 0 ? (int)N : 0, Buf);
  /* A buffer too small: readlink truncates and returns what fit. */
  N = readlink(P("sym"), Buf, 3);
  printf("readlink sym into 3 bytes: %zd [%.*s] %s\n", N, N > 0 ? (int)N : 0, Buf,
         errno_name(N < 0 ? errno : 0));
  check("readlink a regular file", readlink(P("orig.txt"), Buf, sizeof Buf));
  check("readlink missing", readlink(P("nothing"), Buf, sizeof Buf));

  /* O_NOFOLLOW refuses a symlink as the last component. */
  check("open sym O_NOFOLLOW", open(P("sym"), O_RDONLY | O_NOFOLLOW));
  /* Writing through a symlink writes the target. */
  put("sym", O_WRONLY | O_TRUNC, "through the symlink");
  cat("orig.txt");
  /* A directory symlink in the middle of a path is followed. */
  mkdir(P("real"), 0755);
  put("real/inner.txt", O_WRONLY | O_CREAT, "inner");
  check("symlink real <- dirlink", symlink("real", P("dirlink")));
  cat("dirlink/inner.txt");
  /* Symlink loops end with ELOOP. */
  symlink("loop2", P("loop1"));
  symlink("loop1", P("loop2"));
  check("open a symlink loop", open(P("loop1"), O_RDONLY));
  check("unlink sym (removes the link only)", unlink(P("sym")));
  show_stat("lstat", "sym", 0);
  cat("orig.txt");
  check("unlink hard.txt", unlink(P("hard.txt")));
  show_stat("stat", "orig.txt", 1);
}

static void times(void) {
  put("t.txt", O_WRONLY | O_CREAT, "t");
  struct timespec Times[2] = {{1100000000, 5}, {1300000000, 7}};
  check("utimensat explicit", utimensat(AT_FDCWD, P("t.txt"), Times, 0));
  struct stat St;
  stat(P("t.txt"), &St);
  printf("t.txt atime %lld.%09ld mtime %lld.%09ld\n", (long long)St.st_atim.tv_sec,
         St.st_atim.tv_nsec, (long long)St.st_mtim.tv_sec, St.st_mtim.tv_nsec);
  /* ATIM_NOW alone: raw, as wasi-libc mishandles UTIME_NOW (see fd_ops.c). */
  int D = open(Dir, O_RDONLY | O_DIRECTORY);
  wasi("path_filestat_set_times(ATIM_NOW)",
       __wasi_path_filestat_set_times(D, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "t.txt", 0, 0,
                                      __WASI_FSTFLAGS_ATIM_NOW));
  stat(P("t.txt"), &St);
  expect("atime is now", St.st_atim.tv_sec > 1577836800);
  expect("mtime kept", St.st_mtim.tv_sec == 1300000000 && St.st_mtim.tv_nsec == 7);

  /* AT_SYMLINK_NOFOLLOW changes the link's own times, not the target's. */
  symlink("t.txt", P("tlink"));
  struct timespec LinkTimes[2] = {{1400000000, 0}, {1400000000, 0}};
  check("utimensat nofollow on symlink",
        utimensat(AT_FDCWD, P("tlink"), LinkTimes, AT_SYMLINK_NOFOLLOW));
  struct stat Link, Target;
  lstat(P("tlink"), &Link);
  stat(P("t.txt"), &Target);
  expect("symlink mtime set", Link.st_mtim.tv_sec == 1400000000);
  expect("target mtime untouched", Target.st_mtim.tv_sec == 1300000000);
  check("utimensat missing", utimensat(AT_FDCWD, P("nothing"), Times, 0));

  /* The raw call: a filestat of the path relative to the directory fd. */
  __wasi_filestat_t FS;
  wasi("path_filestat_get(t.txt)", __wasi_path_filestat_get(D, 0, "t.txt", &FS));
  printf("t.txt filetype regular: %s, size %llu, mtim %llu\n",
         FS.filetype == __WASI_FILETYPE_REGULAR_FILE ? "yes" : "no",
         (unsigned long long)FS.size, (unsigned long long)FS.mtim);
  wasi("path_filestat_get(tlink, no follow)", __wasi_path_filestat_get(D, 0, "tlink", &FS));
  printf("tlink filetype symlink: %s\n",
         FS.filetype == __WASI_FILETYPE_SYMBOLIC_LINK ? "yes" : "no");
  wasi("path_filestat_get(tlink, follow)",
       __wasi_path_filestat_get(D, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "tlink", &FS));
  printf("followed filetype regular: %s\n",
         FS.filetype == __WASI_FILETYPE_REGULAR_FILE ? "yes" : "no");
  close(D);
}

int main(int argc, char **argv) {
  require("usage: path_ops DIR", argc == 2);
  Dir = argv[1];
  open_flags();
  directories();
  renames();
  links();
  times();
  fflush(stdout);
  return 0;
}
