//===- cli/OutputFile.cpp --------------------------------------------------===//
#include "OutputFile.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wasmaot::cli {

namespace {

std::string directoryOf(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  if (Slash == std::string::npos)
    return ".";
  return Slash == 0 ? "/" : Path.substr(0, Slash);
}

/// Copies the file From into the open descriptor Out.
runtime::Result<void> copyInto(const std::string &From, int Out, const std::string &What) {
  int In = ::open(From.c_str(), O_RDONLY | O_CLOEXEC);
  if (In < 0)
    return runtime::systemError("cannot read " + From, errno);
  char Buffer[1 << 16];
  ssize_t N;
  while ((N = ::read(In, Buffer, sizeof Buffer)) > 0) {
    for (ssize_t Done = 0; Done < N;) {
      ssize_t W = ::write(Out, Buffer + Done, size_t(N - Done));
      if (W < 0 && errno == EINTR)
        continue;
      if (W <= 0) {
        int Errno = W < 0 ? errno : EIO;
        ::close(In);
        return runtime::systemError("cannot write " + What, Errno);
      }
      Done += W;
    }
  }
  int Errno = errno;
  ::close(In);
  if (N < 0)
    return runtime::systemError("cannot read " + From, Errno);
  return {};
}

} // namespace

runtime::Result<void> checkOutputPath(const std::string &Path) {
  if (Path == "-")
    return {};
  struct stat St;
  if (::stat(Path.c_str(), &St) == 0) {
    if (S_ISDIR(St.st_mode))
      return runtime::Error("cannot write " + Path + ": it is a directory");
    if (!S_ISREG(St.st_mode))
      return ::access(Path.c_str(), W_OK) == 0 ? runtime::Result<void>()
                                                : runtime::systemError("cannot write " + Path, errno);
    // A regular file (or one a symlink points to) is replaced beside it.
    char Real[PATH_MAX];
    std::string Dir = directoryOf(::realpath(Path.c_str(), Real) ? Real : Path);
    if (::access(Dir.c_str(), W_OK) != 0)
      return runtime::systemError("cannot write " + Path + " (its directory " + Dir + ")", errno);
    return {};
  }
  if (errno != ENOENT)
    return runtime::systemError("cannot write " + Path, errno);
  std::string Dir = directoryOf(Path);
  if (::access(Dir.c_str(), W_OK) != 0)
    return runtime::systemError("cannot write " + Path + " (directory " + Dir + ")", errno);
  return {};
}

runtime::Result<void> writeOutput(const std::string &From, const std::string &Path, mode_t Mode) {
  if (Path == "-")
    return copyInto(From, STDOUT_FILENO, "the output to stdout");
  struct stat St;
  bool Exists = ::stat(Path.c_str(), &St) == 0;
  if (Exists && S_ISDIR(St.st_mode))
    return runtime::Error("cannot write " + Path + ": it is a directory");
  if (Exists && !S_ISREG(St.st_mode)) {
    // A device or a FIFO: written in place, as `cc -o /dev/null` does.
    int Out = ::open(Path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (Out < 0)
      return runtime::systemError("cannot write " + Path, errno);
    runtime::Result<void> Copied = copyInto(From, Out, Path);
    ::close(Out);
    return Copied;
  }
  // A regular file, new or replaced: through a temporary file beside the
  // file itself (not beside a symlink to it) and a rename, so that no reader
  // sees half of it.
  char Real[PATH_MAX];
  std::string Target = Exists && ::realpath(Path.c_str(), Real) ? std::string(Real) : Path;
  std::string Temporary = Target + ".tmp-XXXXXX";
  int Out = ::mkstemp(Temporary.data());
  if (Out < 0)
    return runtime::systemError("cannot write " + Path, errno);
  runtime::Result<void> Copied = copyInto(From, Out, Path);
  bool Closed = ::fchmod(Out, Mode) == 0 && ::close(Out) == 0;
  if (Copied && Closed && std::rename(Temporary.c_str(), Target.c_str()) == 0)
    return {};
  int Errno = errno;
  ::unlink(Temporary.c_str());
  if (!Copied)
    return Copied.error();
  return runtime::systemError("cannot write " + Path, Errno ? Errno : EIO);
}

} // namespace wasmaot::cli
