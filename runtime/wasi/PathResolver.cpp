//===- wasi/PathResolver.cpp -----------------------------------------------===//
#include "wasi/PathResolver.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cassert>
#include <climits>
#include <vector>

namespace wasmaot::runtime::wasi {
namespace {

/// As many symlinks as Linux follows in one lookup (MAXSYMLINKS).
constexpr unsigned MaxSymlinks = 40;

/// How often openat2 is retried when it answers EAGAIN, which it does when a
/// rename elsewhere raced with resolving "..".
constexpr unsigned MaxOpenat2Retries = 16;

/// Rejects what no resolution may start from: an absolute path (the guest has
/// no root directory) and a NUL, which would cut the host's string short.
Errno checkPath(std::string_view Path) {
  if (Path.empty())
    return Errno::NoEnt;
  if (Path.front() == '/')
    return Errno::NotCapable;
  if (Path.find('\0') != std::string_view::npos)
    return Errno::Inval;
  return Errno::Success;
}

/// Stands for a trailing slash among the pending components: the walk treats
/// it as ".", so the component before it must be a directory and a symlink
/// there is followed, as POSIX asks. Unlike a "." the guest wrote, it also
/// marks that component as the last one named, which open(O_CREAT) refuses to
/// create. No component the guest writes is empty.
bool isTrailingSlash(const std::string &Component) { return Component.empty(); }

/// Pushes Path's components onto Pending so that the first one is popped
/// first; a trailing slash adds a final isTrailingSlash marker.
void pushComponents(std::vector<std::string> &Pending, std::string_view Path) {
  std::vector<std::string> Components;
  size_t Begin = 0;
  while (Begin < Path.size()) {
    size_t End = Path.find('/', Begin);
    if (End == std::string_view::npos)
      End = Path.size();
    if (End > Begin)
      Components.emplace_back(Path.substr(Begin, End - Begin));
    Begin = End + 1;
  }
  if (Path.back() == '/')
    Components.emplace_back();
  Pending.insert(Pending.end(), Components.rbegin(), Components.rend());
}

/// Replaces a symlink being walked through by its Target.
Errno expandSymlink(std::string_view Target, unsigned &Links, std::vector<std::string> &Pending) {
  if (++Links > MaxSymlinks)
    return Errno::Loop;
  if (Target.empty())
    return Errno::NoEnt;
  if (Target.front() == '/')
    return Errno::NotCapable;
  pushComponents(Pending, Target);
  return Errno::Success;
}

} // namespace

ErrnoOr<std::string> readLinkAt(int Dir, const char *Name) {
  char Buffer[PATH_MAX];
  ssize_t Length = readlinkat(Dir, Name, Buffer, sizeof Buffer);
  if (Length < 0)
    return lastHostErrno();
  if (size_t(Length) == sizeof Buffer)
    return Errno::NameTooLong;
  return std::string(Buffer, size_t(Length));
}

ErrnoOr<UniqueFd> PathResolver::open(int Root, std::string_view Path, int Flags, mode_t Mode,
                                     bool FollowFinal) {
  if (Errno Invalid = checkPath(Path); Invalid != Errno::Success)
    return Invalid;
  if (Strategy == ResolveStrategy::Openat2) {
    ErrnoOr<UniqueFd> Opened = openWithOpenat2(Root, std::string(Path), Flags, Mode, FollowFinal);
    if (Opened || Opened.error() != Errno::NoSys)
      return Opened;
    Strategy = ResolveStrategy::Manual;
  }
  return openManually(Root, Path, Flags, Mode, FollowFinal);
}

ErrnoOr<UniqueFd> PathResolver::openWithOpenat2(int Root, const std::string &Path, int Flags,
                                                mode_t Mode, bool FollowFinal) {
  open_how How = {};
  How.flags = uint64_t(Flags | O_CLOEXEC | (FollowFinal ? 0 : O_NOFOLLOW));
  // openat2 rejects a mode without O_CREAT.
  How.mode = (Flags & O_CREAT) ? Mode : 0;
  How.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  for (unsigned Retries = 0;;) {
    long Fd = syscall(SYS_openat2, Root, Path.c_str(), &How, sizeof How);
    if (Fd >= 0)
      return UniqueFd(int(Fd));
    if (errno == EINTR || (errno == EAGAIN && Retries++ < MaxOpenat2Retries))
      continue;
    // RESOLVE_BENEATH answers EXDEV to every attempt to leave Root.
    if (errno == EXDEV)
      return Errno::NotCapable;
    return lastHostErrno();
  }
}

ErrnoOr<UniqueFd> PathResolver::openManually(int Root, std::string_view Path, int Flags,
                                             mode_t Mode, bool FollowFinal) {
  // The directories walked into, innermost last; empty while at Root. ".."
  // goes back to the previous one, so it can never reach above Root.
  std::vector<UniqueFd> Walked;
  std::vector<std::string> Pending;
  pushComponents(Pending, Path);
  unsigned Links = 0;
  // O_CREAT | O_EXCL fails on any last symlink, dangling or not, as the link
  // is what exists.
  bool FollowLast = FollowFinal && (Flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
  for (;;) {
    assert(!Pending.empty() && "every walk ends by opening a last component");
    std::string Name =
        isTrailingSlash(Pending.back()) ? std::string(".") : std::move(Pending.back());
    Pending.pop_back();
    // Only the marker of a trailing slash is left: Name is the last
    // component named (a symlink's target's, once one is followed).
    bool BeforeTrailingSlash = Pending.size() == 1 && isTrailingSlash(Pending.back());
    bool Last = Pending.empty();
    int Current = Walked.empty() ? Root : Walked.back().get();

    if (Name == "..") {
      if (Walked.empty())
        return Errno::NotCapable;
      Walked.pop_back();
      if (Last)
        Pending.emplace_back(".");
      continue;
    }
    if (Name == "." && !Last)
      continue;
    // Linux refuses to create what a path ending in a slash names before it
    // looks whether it exists, so it answers EISDIR for files, missing names
    // and symlinks alike; openat2 does the same.
    if (BeforeTrailingSlash && (Flags & O_CREAT))
      return Errno::IsDir;

    if (Last) {
      struct stat St;
      if (FollowLast && fstatat(Current, Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(St.st_mode)) {
        ErrnoOr<std::string> Target = readLinkAt(Current, Name.c_str());
        if (!Target)
          return Target.error();
        if (Errno Failed = expandSymlink(*Target, Links, Pending); Failed != Errno::Success)
          return Failed;
        continue;
      }
      // O_NOFOLLOW: a symlink swapped in since the check is not followed.
      int Fd = retryOnEintr(
          [&] { return openat(Current, Name.c_str(), Flags | O_NOFOLLOW | O_CLOEXEC, Mode); });
      if (Fd < 0)
        return lastHostErrno();
      return UniqueFd(Fd);
    }

    // O_PATH | O_NOFOLLOW opens a symlink itself rather than its target.
    UniqueFd Next(openat(Current, Name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!Next)
      return lastHostErrno();
    struct stat St;
    if (fstat(Next.get(), &St) != 0)
      return lastHostErrno();
    if (S_ISDIR(St.st_mode)) {
      Walked.push_back(std::move(Next));
      continue;
    }
    if (!S_ISLNK(St.st_mode))
      return Errno::NotDir;
    ErrnoOr<std::string> Target = readLinkAt(Next.get(), "");
    if (!Target)
      return Target.error();
    if (Errno Failed = expandSymlink(*Target, Links, Pending); Failed != Errno::Success)
      return Failed;
  }
}

ErrnoOr<ResolvedPath> PathResolver::resolveParent(int Root, std::string_view GuestPath,
                                                  bool FollowFinal) {
  if (Errno Invalid = checkPath(GuestPath); Invalid != Errno::Success)
    return Invalid;
  std::string Path(GuestPath);
  for (unsigned Links = 0;; ++Links) {
    // checkPath leaves a relative, non-empty path: something precedes any
    // trailing slashes.
    size_t NameEnd = Path.find_last_not_of('/') + 1;
    size_t NameBegin = Path.rfind('/', NameEnd - 1);
    NameBegin = NameBegin == std::string::npos ? 0 : NameBegin + 1;
    std::string_view Name = std::string_view(Path).substr(NameBegin, NameEnd - NameBegin);
    bool NamesDirectory = Name == "." || Name == "..";
    ResolvedPath Resolved;
    Resolved.Name = NamesDirectory ? std::string(".") : std::string(Name);
    Resolved.TrailingSlash = NameEnd < Path.size();
    std::string Directory = NamesDirectory ? Path : Path.substr(0, NameBegin);

    ErrnoOr<UniqueFd> Parent =
        open(Root, Directory.empty() ? "." : Directory, O_PATH | O_DIRECTORY, 0, true);
    if (!Parent)
      return Parent.error();
    Resolved.Parent = std::move(*Parent);
    struct stat St;
    if (!FollowFinal || Resolved.Name == "." ||
        fstatat(Resolved.Parent.get(), Resolved.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISLNK(St.st_mode))
      return Resolved;

    if (Links == MaxSymlinks)
      return Errno::Loop;
    ErrnoOr<std::string> Target = readLinkAt(Resolved.Parent.get(), Resolved.Name.c_str());
    if (!Target)
      return Target.error();
    if (Target->empty())
      return Errno::NoEnt;
    if (Target->front() == '/')
      return Errno::NotCapable;
    // The target is relative to the link's directory: resolve it from Root
    // through the same directory part, so ".." in it is judged against Root.
    Directory += *Target;
    if (Resolved.TrailingSlash)
      Directory += '/';
    Path = std::move(Directory);
  }
}

} // namespace wasmaot::runtime::wasi
