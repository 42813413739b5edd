/* Trailing slashes and symlink targets, through every path call. argv[1] is
 * the writable directory the runner grants (/sandbox); beside it on the host
 * lie outside.txt and outside_dir/, which nothing may reach or change.
 *
 * Everything inside is made here, symlinks through path_symlink: to files and
 * directories, dangling, in loops, with a target ending in a slash, and
 * leaving the preopen (with "..", also on the way back in, and absolute,
 * which path_symlink refuses). Then each path call is tried on names ending
 * in a slash, and through each link. The answers are Linux's, applied beneath
 * the preopen: a resolution that would leave it fails with ENOTCAPABLE.
 *
 * Only raw __wasi_* calls are used: wasi-libc picks lookupflags and rights by
 * itself (stat follows, open asks for rights from O_RDONLY...), and every call
 * here must say exactly what it passes. One line per call: the call, its
 * flags, the path(s), and the errno name or what it yielded. */
#include "wasi_test.h"

static __wasi_fd_t Root;

static const char *type_name(__wasi_filetype_t Type) {
  switch (Type) {
  case __WASI_FILETYPE_DIRECTORY:
    return "dir";
  case __WASI_FILETYPE_REGULAR_FILE:
    return "file";
  case __WASI_FILETYPE_SYMBOLIC_LINK:
    return "symlink";
  default:
    return "other";
  }
}

/* The preopen named Name: wasi-libc's table is not used, so that nothing of
 * libc stands between the program and the calls. */
static __wasi_fd_t find_preopen(const char *Name) {
  for (__wasi_fd_t Fd = 3;; ++Fd) {
    __wasi_prestat_t Prestat;
    if (__wasi_fd_prestat_get(Fd, &Prestat) != 0)
      break;
    char Buf[256];
    size_t Len = Prestat.u.dir.pr_name_len;
    if (Prestat.tag != __WASI_PREOPENTYPE_DIR || Len >= sizeof Buf ||
        __wasi_fd_prestat_dir_name(Fd, (uint8_t *)Buf, Len) != 0)
      continue;
    Buf[Len] = 0;
    if (strcmp(Buf, Name) == 0)
      return Fd;
  }
  require("preopen not found", 0);
  return 0;
}

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

/* path_open with only fd_read asked for; on success, what was opened and,
 * for a file, its first line (an escape would show outside.txt's). */
static void open_(__wasi_lookupflags_t Lookup, __wasi_oflags_t OFlags, const char *Path) {
  __wasi_fd_t Fd;
  __wasi_errno_t Err =
      __wasi_path_open(Root, Lookup, Path, OFlags, __WASI_RIGHTS_FD_READ, 0, 0, &Fd);
  printf("path_open%s%s%s%s%s \"%s\": %s", Lookup & FOLLOW ? " follow" : "",
         OFlags & __WASI_OFLAGS_CREAT ? " creat" : "", OFlags & __WASI_OFLAGS_EXCL ? " excl" : "",
         OFlags & __WASI_OFLAGS_DIRECTORY ? " directory" : "",
         OFlags & __WASI_OFLAGS_TRUNC ? " trunc" : "", Path, errno_name(Err));
  if (Err == 0) {
    __wasi_fdstat_t Stat;
    __wasi_errno_t StatErr = __wasi_fd_fdstat_get(Fd, &Stat);
    printf(" %s", StatErr ? errno_name(StatErr) : type_name(Stat.fs_filetype));
    char Buf[32] = {0};
    __wasi_iovec_t Iov = {(uint8_t *)Buf, sizeof Buf - 1};
    __wasi_size_t N = 0;
    if (!StatErr && Stat.fs_filetype == __WASI_FILETYPE_REGULAR_FILE &&
        __wasi_fd_read(Fd, &Iov, 1, &N) == 0)
      printf(" [%s]", strtok(Buf, "\n") ? Buf : "");
    (void)__wasi_fd_close(Fd);
  }
  printf("\n");
}

static void stat_(__wasi_lookupflags_t Lookup, const char *Path) {
  __wasi_filestat_t Stat;
  __wasi_errno_t Err = __wasi_path_filestat_get(Root, Lookup, Path, &Stat);
  printf("path_filestat_get%s \"%s\": %s%s%s\n", Lookup & FOLLOW ? " follow" : "", Path,
         errno_name(Err), Err ? "" : " ", Err ? "" : type_name(Stat.filetype));
}

static void set_times(__wasi_lookupflags_t Lookup, const char *Path) {
  printf("path_filestat_set_times%s \"%s\": %s\n", Lookup & FOLLOW ? " follow" : "", Path,
         errno_name(__wasi_path_filestat_set_times(Root, Lookup, Path, 0, 1234567890000000000ull,
                                                   __WASI_FSTFLAGS_MTIM)));
}

static void readlink_(const char *Path) {
  uint8_t Buf[64];
  __wasi_size_t Used = 0;
  __wasi_errno_t Err = __wasi_path_readlink(Root, Path, Buf, sizeof Buf, &Used);
  if (Err)
    printf("path_readlink \"%s\": %s\n", Path, errno_name(Err));
  else
    printf("path_readlink \"%s\": OK \"%.*s\"\n", Path, (int)Used, (const char *)Buf);
}

static void mkdir_(const char *Path) {
  printf("path_create_directory \"%s\": %s\n", Path,
         errno_name(__wasi_path_create_directory(Root, Path)));
}

static void rmdir_(const char *Path) {
  printf("path_remove_directory \"%s\": %s\n", Path,
         errno_name(__wasi_path_remove_directory(Root, Path)));
}

static void unlink_(const char *Path) {
  printf("path_unlink_file \"%s\": %s\n", Path, errno_name(__wasi_path_unlink_file(Root, Path)));
}

static void symlink_(const char *Target, const char *Path) {
  printf("path_symlink \"%s\" <- \"%s\": %s\n", Target, Path,
         errno_name(__wasi_path_symlink(Target, Root, Path)));
}

static void link_(__wasi_lookupflags_t Lookup, const char *Old, const char *New) {
  printf("path_link%s \"%s\" -> \"%s\": %s\n", Lookup & FOLLOW ? " follow" : "", Old, New,
         errno_name(__wasi_path_link(Root, Lookup, Old, Root, New)));
}

static void rename_(const char *Old, const char *New) {
  printf("path_rename \"%s\" -> \"%s\": %s\n", Old, New,
         errno_name(__wasi_path_rename(Root, Old, Root, New)));
}

/* Creates file Path holding Text. */
static void put(const char *Path, const char *Text) {
  __wasi_fd_t Fd;
  __wasi_errno_t Err =
      __wasi_path_open(Root, 0, Path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                       __WASI_RIGHTS_FD_WRITE, 0, 0, &Fd);
  if (Err == 0) {
    __wasi_ciovec_t Iov = {(const uint8_t *)Text, strlen(Text)};
    __wasi_size_t N;
    Err = __wasi_fd_write(Fd, &Iov, 1, &N);
    (void)__wasi_fd_close(Fd);
  }
  printf("create \"%s\": %s\n", Path, errno_name(Err));
}

static void setup(void) {
  printf("# setup\n");
  mkdir_("dir");
  put("file", "data\n");
  put("dir/inner", "inner\n");
  symlink_("file", "flink");
  symlink_("dir", "dlink");
  symlink_("nowhere", "dangling");
  symlink_("loop", "loop");
  symlink_("loop2", "loop1");
  symlink_("loop1", "loop2");
  symlink_("dir/", "dslash");
  symlink_("file/", "fslash");
  symlink_("new/", "newslash");
  symlink_("..", "up");
  symlink_("../outside.txt", "out");
  symlink_("../outside_dir", "outdir");
  symlink_("../created.txt", "outnew");
  symlink_("../sandbox/file", "reenter");
  symlink_("../file", "dir/back");
  symlink_("../..", "dir/top");
  symlink_("dir/..", "self");
  symlink_("dir/back", "chain");
  symlink_("dir/top", "chain_out");
  /* An absolute target can never resolve inside: refused at creation. */
  symlink_("/etc/passwd", "abs");
  symlink_("/", "abs");
  stat_(0, "abs");
  symlink_("", "empty");
}

static void slash_open(void) {
  printf("# trailing slashes: path_open\n");
  static const char *Plain[] = {"file/", "dir/", "dir//", "flink/", "dlink/", "dslash/",
                                "dangling/", "missing/", "loop/", "up/", "outdir/"};
  for (size_t I = 0; I < sizeof Plain / sizeof *Plain; ++I)
    open_(0, 0, Plain[I]);
  open_(FOLLOW, 0, "flink/");
  open_(FOLLOW, 0, "dlink/");
  open_(FOLLOW, 0, "dslash");
  open_(FOLLOW, 0, "fslash");
  open_(0, __WASI_OFLAGS_DIRECTORY, "file");
  open_(0, __WASI_OFLAGS_DIRECTORY, "dlink");
  open_(0, __WASI_OFLAGS_DIRECTORY, "dlink/");
  open_(FOLLOW, __WASI_OFLAGS_DIRECTORY, "dlink");
  /* Linux refuses to create what a name ending in a slash names, existing
   * or not, before it looks: EISDIR even through a link leading out. */
  static const char *Create[] = {"missing/", "file/",     "dir/", "flink/",
                                 "dlink/",   "dangling/", "up/"};
  for (size_t I = 0; I < sizeof Create / sizeof *Create; ++I)
    open_(0, __WASI_OFLAGS_CREAT, Create[I]);
  open_(0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, "missing/");
  open_(FOLLOW, __WASI_OFLAGS_CREAT, "newslash");
  open_(0, __WASI_OFLAGS_CREAT, "newslash");
  stat_(0, "missing");
  stat_(0, "new");
  stat_(0, "nowhere");
}

static void slash_directories(void) {
  printf("# trailing slashes: path_create_directory, path_remove_directory\n");
  mkdir_("made/");
  mkdir_("made/");
  mkdir_("made2//");
  mkdir_("file/");
  mkdir_("dlink/");
  mkdir_("dangling/");
  mkdir_("missing/x/");
  mkdir_("file/x/");
  mkdir_("dlink/sub/");
  stat_(0, "dir/sub");
  rmdir_("made/");
  rmdir_("made2//");
  rmdir_("dlink/sub/");
  rmdir_("file/");
  rmdir_("flink/");
  rmdir_("dlink/");
  rmdir_("dangling/");
  rmdir_("missing/");
  rmdir_("dir/");
}

static void slash_unlink(void) {
  printf("# trailing slashes: path_unlink_file\n");
  static const char *Names[] = {"file/",     "dir/",  "flink/",  "dlink/",
                                "dangling/", "loop/", "missing/"};
  for (size_t I = 0; I < sizeof Names / sizeof *Names; ++I)
    unlink_(Names[I]);
  static const char *Kept[] = {"file", "flink", "dlink", "dangling", "loop"};
  for (size_t I = 0; I < sizeof Kept / sizeof *Kept; ++I)
    stat_(0, Kept[I]);
}

static void slash_stat(void) {
  printf("# trailing slashes: path_filestat_get, path_filestat_set_times\n");
  static const char *Names[] = {"file/",    "dir/",   "flink/", "dlink/",  "dangling/",
                                "loop/",    "missing/", "dslash", "dslash/", "fslash",
                                "fslash/"};
  for (size_t I = 0; I < sizeof Names / sizeof *Names; ++I)
    stat_(0, Names[I]);
  stat_(FOLLOW, "dslash");
  stat_(FOLLOW, "fslash");
  stat_(FOLLOW, "flink/");
  set_times(0, "file/");
  set_times(0, "dir/");
  set_times(0, "flink/");
  set_times(0, "dlink/");
  set_times(0, "dangling/");
  set_times(FOLLOW, "fslash");
}

static void slash_readlink(void) {
  printf("# trailing slashes: path_readlink\n");
  static const char *Names[] = {"flink",     "flink/", "dlink/", "dslash", "dslash/",
                                "dangling/", "loop/",  "dir/",   "file/",  "missing/"};
  for (size_t I = 0; I < sizeof Names / sizeof *Names; ++I)
    readlink_(Names[I]);
}

static void slash_links(void) {
  printf("# trailing slashes: path_symlink, path_link\n");
  /* A link is never a directory: a new name ending in a slash names nothing
   * it could be. EEXIST when the name is taken, else ENOENT. */
  symlink_("x", "new/");
  symlink_("x", "file/");
  symlink_("x", "dir/");
  symlink_("x", "dlink/");
  symlink_("x", "dangling/");
  link_(0, "file", "new/");
  link_(0, "file", "file/");
  link_(0, "file", "dir/");
  link_(0, "file", "dangling/");
  /* The source: "link/" is followed, as linkat(2) does. */
  link_(0, "file/", "new");
  link_(0, "dir/", "new");
  link_(0, "flink/", "new");
  link_(0, "dlink/", "new");
  link_(0, "dangling/", "new");
  link_(0, "loop/", "new");
  /* The source is looked up first. */
  link_(0, "file/", "new/");
  link_(0, "missing", "file/");
  stat_(0, "new");
}

static void slash_rename(void) {
  printf("# trailing slashes: path_rename\n");
  /* A slash on either name asks for a directory as the source, which is
   * never followed. */
  rename_("file", "new/");
  rename_("file/", "new");
  rename_("file/", "new/");
  rename_("flink/", "new");
  rename_("dlink/", "new");
  rename_("dangling/", "new");
  rename_("missing/", "new");
  rename_("missing", "file/");
  rename_("file", "dir/");
  rename_("dir", "file/");
  rename_("dir", "dlink/");
  rename_("dir/", "moved");
  rename_("moved", "dir/");
  rename_("dir/", "moved/");
  rename_("moved/", "dir");
  stat_(0, "new");
  stat_(0, "file");
  stat_(0, "dir/inner");
}

/* Every link made in setup(): itself, followed, opened, read. */
static void through_links(void) {
  printf("# symlink targets\n");
  static const char *Links[] = {"flink",  "dlink",  "dangling", "loop",    "loop1",
                                "dslash", "fslash", "newslash", "up",      "out",
                                "outdir", "outnew", "reenter",  "dir/back", "dir/top",
                                "self",   "chain",  "chain_out"};
  for (size_t I = 0; I < sizeof Links / sizeof *Links; ++I) {
    stat_(0, Links[I]);
    stat_(FOLLOW, Links[I]);
    open_(FOLLOW, 0, Links[I]);
    readlink_(Links[I]);
  }
  /* Without symlink_follow a last symlink is not opened. */
  open_(0, 0, "flink");
  open_(0, 0, "dangling");
  open_(0, 0, "out");
  /* Links in the middle of a path are always followed. */
  open_(0, 0, "dlink/inner");
  open_(0, 0, "self/file");
  open_(0, 0, "dlink/../file");
  open_(0, 0, "dir/back/");
  open_(0, 0, "dir/top/outside.txt");
  open_(0, 0, "up/sandbox/file");
  open_(0, 0, "outdir/x");
  open_(0, 0, "loop/x");
  open_(0, 0, "dangling/x");
  open_(0, 0, "flink/x");
}

static void create_through_links(void) {
  printf("# creating through symlinks\n");
  open_(FOLLOW, __WASI_OFLAGS_CREAT, "dangling");
  stat_(0, "nowhere");
  unlink_("nowhere");
  /* O_CREAT|O_EXCL never follows: the link is what exists. */
  open_(FOLLOW, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, "dangling");
  stat_(FOLLOW, "dangling");
  open_(FOLLOW, __WASI_OFLAGS_CREAT, "outnew");
  open_(FOLLOW, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, "outnew");
  open_(FOLLOW, __WASI_OFLAGS_TRUNC, "out");
  open_(0, __WASI_OFLAGS_CREAT, "outdir/new");
  mkdir_("outdir/made");
  mkdir_("up/made");
  mkdir_("dangling");
  mkdir_("self/made");
  rmdir_("made");
  set_times(FOLLOW, "out");
  set_times(0, "out");
}

static void links_and_renames(void) {
  printf("# linking, renaming and removing symlinks\n");
  link_(FOLLOW, "out", "stolen");
  link_(FOLLOW, "chain_out", "stolen");
  link_(FOLLOW, "loop", "stolen");
  link_(FOLLOW, "flink", "hard");
  stat_(0, "hard");
  link_(0, "out", "outlink");
  readlink_("outlink");
  rename_("out", "out2");
  readlink_("out2");
  rename_("out2", "out");
  rename_("file", "outdir/stolen");
  rename_("file", "dlink/moved");
  rename_("dir/moved", "file");
  /* Renaming over a link replaces the link, not what it points to. */
  rename_("hard", "out");
  stat_(0, "out");
  rmdir_("dlink");
  static const char *Removed[] = {"up", "outdir", "outnew", "loop", "dangling", "dlink",
                                  "outlink"};
  for (size_t I = 0; I < sizeof Removed / sizeof *Removed; ++I)
    unlink_(Removed[I]);
  stat_(0, "dir");
  stat_(0, "stolen");
}

int main(int argc, char **argv) {
  require("usage: path_edges DIR", argc == 2);
  Root = find_preopen(argv[1]);
  setup();
  slash_open();
  slash_directories();
  slash_unlink();
  slash_stat();
  slash_readlink();
  slash_links();
  slash_rename();
  through_links();
  create_through_links();
  links_and_renames();
  fflush(stdout);
  return 0;
}
