//===- wasi/PathResolver.h - Resolving guest paths inside a directory -----===//
//
// The sandbox: a guest path is always resolved beneath a directory the guest
// holds (a preopen, or a directory opened through one), and no resolution may
// leave it, whatever the path holds: "..", absolute paths, symlinks pointing
// outside (absolute or relative, directly or through chains), or symlinks
// swapped in while the call runs. Escapes fail with NotCapable.
//
// Two strategies do this:
// - Openat2: the kernel resolves with openat2(RESOLVE_BENEATH |
//   RESOLVE_NO_MAGICLINKS), atomically with respect to concurrent renames
//   and symlink swaps (Linux >= 5.6).
// - Manual: where openat2 answers ENOSYS, components are opened one at a
//   time with openat(O_PATH | O_NOFOLLOW), and symlinks are read and
//   expanded here (at most 40), with the directories walked kept on a stack
//   so ".." never goes above the starting directory. The kernel never
//   follows a symlink, so a swap can only make the walk fail.
//
// Operations on a path's last component (unlink, rename, mkdir, ...) use
// resolveParent: they get the directory holding the component as a file
// descriptor and act on the bare name with the *at() system calls, which do
// not follow it; no host path string is ever built.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasi/Errno.h"
#include "wasi/HostFd.h"

#include <sys/types.h>

#include <string>
#include <string_view>

namespace wasmaot::runtime::wasi {

enum class ResolveStrategy { Openat2, Manual };

/// A path's last component and the directory that holds it.
struct ResolvedPath {
  /// An O_PATH descriptor of the directory holding the component.
  UniqueFd Parent;
  /// The component: never empty, never holds a slash, never "..". A path
  /// ending in "." or ".." names a directory itself: then Parent is that
  /// directory and Name is ".".
  std::string Name;
  /// Whether the path ended in a slash, which asks for a directory.
  bool TrailingSlash = false;
};

class PathResolver {
public:
  ResolveStrategy strategy() const { return Strategy; }
  /// Chooses the strategy; Openat2 switches itself to Manual the first time
  /// the kernel answers ENOSYS.
  void setStrategy(ResolveStrategy S) { Strategy = S; }

  /// openat(Root, Path, Flags, Mode), but beneath Root: a symlink as last
  /// component is followed only if FollowFinal.
  ErrnoOr<UniqueFd> open(int Root, std::string_view Path, int Flags, mode_t Mode, bool FollowFinal);

  /// The directory beneath Root holding Path's last component. If
  /// FollowFinal, a symlink as last component is replaced by what it points
  /// to (resolved beneath Root in turn), so the result is never a symlink
  /// unless one is swapped in afterwards; the *at() calls made on it do not
  /// follow symlinks, so a swap cannot lead outside. A missing last component
  /// is no error here: the operation decides.
  ErrnoOr<ResolvedPath> resolveParent(int Root, std::string_view Path, bool FollowFinal);

private:
  ErrnoOr<UniqueFd> openWithOpenat2(int Root, const std::string &Path, int Flags, mode_t Mode,
                                    bool FollowFinal);
  ErrnoOr<UniqueFd> openManually(int Root, std::string_view Path, int Flags, mode_t Mode,
                                 bool FollowFinal);

  ResolveStrategy Strategy = ResolveStrategy::Openat2;
};

/// The target of symlink Name in directory Dir (Name "" with an O_PATH
/// descriptor of the link itself).
ErrnoOr<std::string> readLinkAt(int Dir, const char *Name);

} // namespace wasmaot::runtime::wasi
