/* Preopened directories (fd_prestat_get, fd_prestat_dir_name) and directory
 * reading (fd_readdir through readdir, and raw with small buffers and cookies).
 * argv[1] is a granted directory in which the program builds what it lists;
 * the runner grants more directories to test the preopen listing. */
#include "wasi_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *Dir;

static void list_preopens(void) {
  /* Preopens are numbered from 3 in the order they were granted; the first fd
   * past them is not open at all. */
  for (__wasi_fd_t Fd = 3;; ++Fd) {
    __wasi_prestat_t Pre;
    __wasi_errno_t Err = __wasi_fd_prestat_get(Fd, &Pre);
    if (Err != 0) {
      printf("prestat fd %u: %s\n", Fd, errno_name(Err));
      break;
    }
    char Name[256] = {0};
    size_t Len = Pre.u.dir.pr_name_len;
    __wasi_errno_t NameErr = __wasi_fd_prestat_dir_name(Fd, (uint8_t *)Name, Len);
    printf("prestat fd %u: dir, name length %zu, name: %s [%.*s]\n", Fd, Len,
           errno_name(NameErr), (int)Len, Name);
    if (Len > 0)
      wasi("  prestat_dir_name into a short buffer",
           __wasi_fd_prestat_dir_name(Fd, (uint8_t *)Name, Len - 1));
  }
  __wasi_prestat_t Pre;
  wasi("prestat of stdout", __wasi_fd_prestat_get(1, &Pre));
  /* A directory opened later is no preopen. */
  int D = open(Dir, O_RDONLY | O_DIRECTORY);
  wasi("prestat of an opened directory", __wasi_fd_prestat_get(D, &Pre));
  close(D);
}

static int compare_strings(const void *A, const void *B) {
  return strcmp(*(char *const *)A, *(char *const *)B);
}

static const char *type_name(unsigned char T) {
  return T == DT_REG ? "file" : T == DT_DIR ? "dir" : T == DT_LNK ? "symlink" : "other";
}

/* Lists a directory with readdir, sorted (the order is the filesystem's);
 * "." and ".." are counted but not printed since some hosts omit them. */
static void list(const char *Name, int Print) {
  DIR *D = opendir(path_in(Dir, Name));
  if (!D) {
    printf("opendir %s: %s\n", Name, errno_name(errno));
    return;
  }
  char **Names = NULL;
  size_t Count = 0, Cap = 0;
  struct dirent *E;
  errno = 0;
  while ((E = readdir(D))) {
    if (strcmp(E->d_name, ".") == 0 || strcmp(E->d_name, "..") == 0)
      continue;
    if (Count == Cap)
      Names = realloc(Names, (Cap = Cap ? 2 * Cap : 16) * sizeof *Names);
    char Line[300];
    snprintf(Line, sizeof Line, "%s (%s)", E->d_name, type_name(E->d_type));
    Names[Count++] = strdup(Line);
  }
  printf("readdir %s: %s, %zu entries\n", Name, errno_name(errno), Count);
  qsort(Names, Count, sizeof *Names, compare_strings);
  for (size_t I = 0; I < Count; ++I) {
    if (Print)
      printf("  %s\n", Names[I]);
    free(Names[I]);
  }
  free(Names);
  closedir(D);
}

/* Reads the directory with fd_readdir directly, through a buffer so small
 * that entries arrive cut off, resuming from the last whole entry's d_next
 * cookie as the spec describes. Every name must come back exactly once. */
static void raw_readdir(const char *Name, size_t BufSize, size_t Expected) {
  int Fd = open(path_in(Dir, Name), O_RDONLY | O_DIRECTORY);
  uint8_t *Buf = malloc(BufSize);
  __wasi_dircookie_t Cookie = __WASI_DIRCOOKIE_START;
  size_t Seen = 0, Calls = 0, Bad = 0;
  for (;;) {
    __wasi_size_t Used = 0;
    __wasi_errno_t Err = __wasi_fd_readdir(Fd, Buf, BufSize, Cookie, &Used);
    ++Calls;
    if (Err != 0) {
      printf("raw readdir %s: %s\n", Name, errno_name(Err));
      break;
    }
    size_t Pos = 0, Whole = 0;
    while (Pos + sizeof(__wasi_dirent_t) <= Used) {
      __wasi_dirent_t Ent;
      memcpy(&Ent, Buf + Pos, sizeof Ent);
      if (Pos + sizeof Ent + Ent.d_namlen > Used)
        break; /* cut off: read again from Cookie */
      const char *N = (const char *)Buf + Pos + sizeof Ent;
      int Dot = (Ent.d_namlen == 1 && N[0] == '.') ||
                (Ent.d_namlen == 2 && N[0] == '.' && N[1] == '.');
      Seen += !Dot;
      Bad += Ent.d_namlen == 0;
      Cookie = Ent.d_next;
      Pos += sizeof Ent + Ent.d_namlen;
      ++Whole;
    }
    /* A buffer returned less than full means the end of the directory. */
    if (Used < BufSize)
      break;
    if (Whole == 0) {
      printf("raw readdir %s: an entry does not fit in %zu bytes\n", Name, BufSize);
      break;
    }
  }
  printf("raw readdir %s with a %zu-byte buffer: %zu names (expected %zu), several calls: %s, "
         "empty names: %zu\n",
         Name, BufSize, Seen, Expected, Calls > 1 ? "yes" : "no", Bad);
  free(Buf);
  close(Fd);
}

/* telldir/seekdir/rewinddir are built on the cookies. */
static void seek_in_directory(const char *Name) {
  DIR *D = opendir(path_in(Dir, Name));
  struct dirent *E;
  long Mark = -1;
  char AtMark[256] = "";
  for (int I = 0; (E = readdir(D)); ++I) {
    if (I == 5) {
      Mark = telldir(D);
      E = readdir(D);
      if (!E)
        break;
      snprintf(AtMark, sizeof AtMark, "%s", E->d_name);
    }
  }
  seekdir(D, Mark);
  E = readdir(D);
  expect("seekdir(telldir()) returns the same entry", E && strcmp(E->d_name, AtMark) == 0);
  rewinddir(D);
  size_t Count = 0;
  while ((E = readdir(D)))
    Count += strcmp(E->d_name, ".") != 0 && strcmp(E->d_name, "..") != 0;
  printf("after rewinddir: %zu names\n", Count);
  closedir(D);
}

static void make_tree(void) {
  require("mkdir tree", mkdir(path_in(Dir, "tree"), 0755) == 0);
  mkdir(path_in(Dir, "tree/sub"), 0755);
  mkdir(path_in(Dir, "tree/empty"), 0755);
  close(open(path_in(Dir, "tree/file.txt"), O_WRONLY | O_CREAT, 0644));
  close(open(path_in(Dir, "tree/sub/nested.txt"), O_WRONLY | O_CREAT, 0644));
  symlink("file.txt", path_in(Dir, "tree/link"));
  /* Many entries with long names: more than any one readdir buffer holds. */
  mkdir(path_in(Dir, "big"), 0755);
  for (int I = 0; I < 300; ++I) {
    char Name[64];
    snprintf(Name, sizeof Name, "big/entry-%03d-with-a-longish-name", I);
    close(open(path_in(Dir, Name), O_WRONLY | O_CREAT, 0644));
  }
}

int main(int argc, char **argv) {
  require("usage: dirs DIR", argc == 2);
  Dir = argv[1];
  list_preopens();
  make_tree();
  list("tree", 1);
  list("tree/empty", 1);
  list("big", 0);
  list("tree/file.txt", 1);
  list("missing", 1);
  raw_readdir("big", 4096, 300);
  raw_readdir("big", 100, 300);
  seek_in_directory("big");

  /* Reading a directory fd as a file, and readdir on a file fd. */
  int D = open(path_in(Dir, "tree"), O_RDONLY | O_DIRECTORY);
  char C;
  check("read() on a directory", read(D, &C, 1));
  close(D);
  int F = open(path_in(Dir, "tree/file.txt"), O_RDONLY);
  uint8_t Buf[128];
  __wasi_size_t Used;
  wasi("fd_readdir on a file", __wasi_fd_readdir(F, Buf, sizeof Buf, 0, &Used));
  close(F);
  return 0;
}
