//===- wasi/WasiPath.cpp - Functions on paths ------------------------------===//
//
// path_*: every path is resolved beneath the directory descriptor it is
// relative to by the PathResolver; operations on the last component use the
// *at() calls on the directory it yields, which never follow a symlink there.
//
//===----------------------------------------------------------------------===//
#include "wasi/HostFile.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace wasmaot::runtime::wasi {
namespace {

/// Whether a symlink as last component is followed.
enum class Follow {
  Never,
  Always,
  /// Only when the path ends in a slash, which asks for what the link points
  /// to: the calls that look at an existing file (stat, readlink, a link's
  /// source) without lookupflags::SymlinkFollow. The calls that remove,
  /// rename or create a name act on the link itself.
  IfTrailingSlash,
};

/// The string at [Ptr, Ptr + Len): a path, or a symlink's target.
ErrnoOr<std::string> readPath(GuestMemory Memory, uint32_t Ptr, uint32_t Len) {
  const uint8_t *Bytes = Memory.bytes(Ptr, Len);
  if (!Bytes)
    return Errno::Fault;
  if (Len >= PATH_MAX)
    return Errno::NameTooLong;
  std::string Path(reinterpret_cast<const char *>(Bytes), Len);
  // A NUL would end the string early for the host.
  if (Path.find('\0') != std::string::npos)
    return Errno::Inval;
  return Path;
}

/// Guest fd Fd, which must be a directory with the Needed rights.
ErrnoOr<FdEntry *> directory(WasiContext &Context, uint32_t Fd, uint64_t Needed) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, Needed);
  if (Entry && (*Entry)->Type != filetype::Directory)
    return Errno::NotDir;
  return Entry;
}

/// The guest path at [PathPtr, PathPtr + PathLen), resolved beneath directory
/// Fd, which must have the Needed rights.
ErrnoOr<ResolvedPath> resolve(WasiContext &Context, uint32_t Fd, uint64_t Needed, uint32_t PathPtr,
                              uint32_t PathLen, Follow Final) {
  ErrnoOr<FdEntry *> Dir = directory(Context, Fd, Needed);
  if (!Dir)
    return Dir.error();
  ErrnoOr<std::string> Path = readPath(Context.memory(), PathPtr, PathLen);
  if (!Path)
    return Path.error();
  bool FollowFinal = Final == Follow::Always ||
                     (Final == Follow::IfTrailingSlash && !Path->empty() && Path->back() == '/');
  return Context.resolver().resolveParent((*Dir)->Host.get(), *Path, FollowFinal);
}

/// Whether the last component (not followed) exists, and if TrailingSlash,
/// is a directory, which a path ending in a slash names.
Errno checkExists(const ResolvedPath &Path, bool TrailingSlash) {
  struct stat St;
  if (fstatat(Path.Parent.get(), Path.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
    return lastHostErrno();
  return !TrailingSlash || S_ISDIR(St.st_mode) ? Errno::Success : Errno::NotDir;
}

/// A path ending in a slash names a directory: NotDir unless the last
/// component (not followed) is one. TrailingSlash says whether it ended so.
Errno checkTrailingSlash(const ResolvedPath &Path, bool TrailingSlash) {
  return TrailingSlash ? checkExists(Path, true) : Errno::Success;
}

/// The new name of a hard or symbolic link. Neither is a directory, so a name
/// ending in a slash names nothing they could create: EEXIST if anything, a
/// dangling symlink too, is there (Linux checks that first), else ENOENT.
Errno checkNewLinkName(const ResolvedPath &Path) {
  if (!Path.TrailingSlash)
    return Errno::Success;
  struct stat St;
  return fstatat(Path.Parent.get(), Path.Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) == 0
             ? Errno::Exist
             : Errno::NoEnt;
}

/// One path argument of a WASI call: the directory it is relative to, the
/// rights that directory needs, the guest string, and what to follow.
struct PathArgument {
  uint32_t Fd;
  uint64_t Needed;
  uint32_t Ptr, Len;
  Follow Final = Follow::Never;
};

/// The source and the target of a link or rename.
struct SourceAndTarget {
  ResolvedPath Old, New;
};

/// Resolves both paths of a link or rename. A trailing slash on either says
/// the source must be a directory.
ErrnoOr<SourceAndTarget> resolveSourceAndTarget(WasiContext &Context, const PathArgument &Old,
                                                const PathArgument &New) {
  ErrnoOr<ResolvedPath> Source = resolve(Context, Old.Fd, Old.Needed, Old.Ptr, Old.Len, Old.Final);
  if (!Source)
    return Source.error();
  ErrnoOr<ResolvedPath> Target = resolve(Context, New.Fd, New.Needed, New.Ptr, New.Len, New.Final);
  if (!Target)
    return Target.error();
  if (Errno Failed = checkTrailingSlash(*Source, Source->TrailingSlash || Target->TrailingSlash);
      Failed != Errno::Success)
    return Failed;
  return SourceAndTarget{std::move(*Source), std::move(*Target)};
}

Errno pathCreateDirectory(WasiContext &Context, uint32_t Fd, uint32_t PathPtr, uint32_t PathLen) {
  ErrnoOr<ResolvedPath> Path =
      resolve(Context, Fd, rights::PathCreateDirectory, PathPtr, PathLen, Follow::Never);
  if (!Path)
    return Path.error();
  return hostCall(mkdirat(Path->Parent.get(), Path->Name.c_str(), 0777));
}

Errno pathRemoveDirectory(WasiContext &Context, uint32_t Fd, uint32_t PathPtr, uint32_t PathLen) {
  ErrnoOr<ResolvedPath> Path =
      resolve(Context, Fd, rights::PathRemoveDirectory, PathPtr, PathLen, Follow::Never);
  if (!Path)
    return Path.error();
  return hostCall(unlinkat(Path->Parent.get(), Path->Name.c_str(), AT_REMOVEDIR));
}

Errno pathUnlinkFile(WasiContext &Context, uint32_t Fd, uint32_t PathPtr, uint32_t PathLen) {
  ErrnoOr<ResolvedPath> Path =
      resolve(Context, Fd, rights::PathUnlinkFile, PathPtr, PathLen, Follow::Never);
  if (!Path)
    return Path.error();
  if (Errno Failed = checkTrailingSlash(*Path, Path->TrailingSlash); Failed != Errno::Success)
    return Failed;
  return hostCall(unlinkat(Path->Parent.get(), Path->Name.c_str(), 0));
}

Errno pathFilestatGet(WasiContext &Context, uint32_t Fd, uint32_t LookupFlags, uint32_t PathPtr,
                      uint32_t PathLen, uint32_t StatPtr) {
  if (LookupFlags & ~lookupflags::SymlinkFollow)
    return Errno::Inval;
  if (!Context.memory().contains(StatPtr, sizeof(Filestat)))
    return Errno::Fault;
  ErrnoOr<ResolvedPath> Path = resolve(
      Context, Fd, rights::PathFilestatGet, PathPtr, PathLen,
      (LookupFlags & lookupflags::SymlinkFollow) ? Follow::Always : Follow::IfTrailingSlash);
  if (!Path)
    return Path.error();
  if (Errno Failed = checkTrailingSlash(*Path, Path->TrailingSlash); Failed != Errno::Success)
    return Failed;
  struct stat St;
  if (fstatat(Path->Parent.get(), Path->Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) != 0)
    return lastHostErrno();
  Context.memory().store(StatPtr, toFilestat(St));
  return Errno::Success;
}

Errno pathFilestatSetTimes(WasiContext &Context, uint32_t Fd, uint32_t LookupFlags,
                           uint32_t PathPtr, uint32_t PathLen, uint64_t Atim, uint64_t Mtim,
                           uint32_t Flags) {
  if (LookupFlags & ~lookupflags::SymlinkFollow)
    return Errno::Inval;
  ErrnoOr<std::array<timespec, 2>> Times = toHostTimes(Atim, Mtim, Flags);
  if (!Times)
    return Times.error();
  ErrnoOr<ResolvedPath> Path = resolve(
      Context, Fd, rights::PathFilestatSetTimes, PathPtr, PathLen,
      (LookupFlags & lookupflags::SymlinkFollow) ? Follow::Always : Follow::IfTrailingSlash);
  if (!Path)
    return Path.error();
  if (Errno Failed = checkTrailingSlash(*Path, Path->TrailingSlash); Failed != Errno::Success)
    return Failed;
  return hostCall(
      utimensat(Path->Parent.get(), Path->Name.c_str(), Times->data(), AT_SYMLINK_NOFOLLOW));
}

Errno pathLink(WasiContext &Context, uint32_t OldFd, uint32_t OldFlags, uint32_t OldPathPtr,
               uint32_t OldPathLen, uint32_t NewFd, uint32_t NewPathPtr, uint32_t NewPathLen) {
  if (OldFlags & ~lookupflags::SymlinkFollow)
    return Errno::Inval;
  // "link/" asks for what the link points to even without symlink_follow,
  // as linkat(2) follows it: a directory then fails with EPERM, not ENOTDIR.
  Follow OldFinal =
      (OldFlags & lookupflags::SymlinkFollow) ? Follow::Always : Follow::IfTrailingSlash;
  ErrnoOr<ResolvedPath> Old =
      resolve(Context, OldFd, rights::PathLinkSource, OldPathPtr, OldPathLen, OldFinal);
  if (!Old)
    return Old.error();
  // Linux looks the source up completely before the new name, so a missing
  // or mistyped source is reported first.
  if (Errno Failed = checkExists(*Old, Old->TrailingSlash); Failed != Errno::Success)
    return Failed;
  ErrnoOr<ResolvedPath> New =
      resolve(Context, NewFd, rights::PathLinkTarget, NewPathPtr, NewPathLen, Follow::Never);
  if (!New)
    return New.error();
  if (Errno Failed = checkNewLinkName(*New); Failed != Errno::Success)
    return Failed;
  return hostCall(
      linkat(Old->Parent.get(), Old->Name.c_str(), New->Parent.get(), New->Name.c_str(), 0));
}

Errno pathRename(WasiContext &Context, uint32_t OldFd, uint32_t OldPathPtr, uint32_t OldPathLen,
                 uint32_t NewFd, uint32_t NewPathPtr, uint32_t NewPathLen) {
  PathArgument Source{OldFd, rights::PathRenameSource, OldPathPtr, OldPathLen};
  PathArgument Target{NewFd, rights::PathRenameTarget, NewPathPtr, NewPathLen};
  ErrnoOr<SourceAndTarget> Paths = resolveSourceAndTarget(Context, Source, Target);
  if (!Paths)
    return Paths.error();
  const auto &[Old, New] = *Paths;
  return hostCall(
      renameat(Old.Parent.get(), Old.Name.c_str(), New.Parent.get(), New.Name.c_str()));
}

/// A relative target is stored as the guest wrote it, pointing outside or
/// not: following it is what the resolver checks, and it never follows one
/// out. An absolute target can never resolve inside the sandbox, so such a
/// link is refused (EPERM), as Wasmtime does.
Errno pathSymlink(WasiContext &Context, uint32_t TargetPtr, uint32_t TargetLen, uint32_t Fd,
                  uint32_t NewPathPtr, uint32_t NewPathLen) {
  ErrnoOr<std::string> Target = readPath(Context.memory(), TargetPtr, TargetLen);
  if (!Target)
    return Target.error();
  ErrnoOr<ResolvedPath> New =
      resolve(Context, Fd, rights::PathSymlink, NewPathPtr, NewPathLen, Follow::Never);
  if (!New)
    return New.error();
  if (!Target->empty() && (*Target)[0] == '/')
    return Errno::Perm;
  if (Errno Failed = checkNewLinkName(*New); Failed != Errno::Success)
    return Failed;
  return hostCall(symlinkat(Target->c_str(), New->Parent.get(), New->Name.c_str()));
}

/// Copies the link's target into the buffer, cut off if it does not fit (as
/// readlink(2) does). "link/" names what the link points to, as in
/// readlink(2): EINVAL for a directory there, not ENOTDIR.
Errno pathReadlink(WasiContext &Context, uint32_t Fd, uint32_t PathPtr, uint32_t PathLen,
                   uint32_t Buf, uint32_t BufLen, uint32_t BufUsedPtr) {
  uint8_t *Target = Context.memory().bytes(Buf, BufLen);
  if (!Target || !Context.memory().contains(BufUsedPtr, 4))
    return Errno::Fault;
  ErrnoOr<ResolvedPath> Path =
      resolve(Context, Fd, rights::PathReadlink, PathPtr, PathLen, Follow::IfTrailingSlash);
  if (!Path)
    return Path.error();
  if (Errno Failed = checkTrailingSlash(*Path, Path->TrailingSlash); Failed != Errno::Success)
    return Failed;
  ErrnoOr<std::string> Link = readLinkAt(Path->Parent.get(), Path->Name.c_str());
  if (!Link)
    return Link.error();
  uint32_t Used = uint32_t(std::min<size_t>(BufLen, Link->size()));
  std::memcpy(Target, Link->data(), Used);
  Context.memory().store(BufUsedPtr, Used);
  return Errno::Success;
}

/// The host open(2) flags for path_open. The access mode follows the rights
/// asked for, as wasi-libc derives those from O_RDONLY/O_WRONLY/O_RDWR.
int openFlags(uint32_t OFlags, uint64_t Base, uint32_t FdFlags) {
  int Flags = fdflagsToHost(uint16_t(FdFlags)) | O_NOCTTY;
  if (OFlags & oflags::Creat)
    Flags |= O_CREAT;
  if (OFlags & oflags::Directory)
    Flags |= O_DIRECTORY;
  if (OFlags & oflags::Excl)
    Flags |= O_EXCL;
  if (OFlags & oflags::Trunc)
    Flags |= O_TRUNC;
  bool Read = Base & (rights::FdRead | rights::FdReaddir);
  bool Write = (Base & (rights::FdWrite | rights::FdAllocate | rights::FdFilestatSetSize)) ||
               (FdFlags & fdflags::Append) || (OFlags & oflags::Trunc);
  return Flags | (Read && Write ? O_RDWR : Write ? O_WRONLY : O_RDONLY);
}

Errno pathOpen(WasiContext &Context, uint32_t Fd, uint32_t DirFlags, uint32_t PathPtr,
               uint32_t PathLen, uint32_t OFlags, uint64_t Base, uint64_t Inheriting,
               uint32_t FdFlags, uint32_t OpenedFdPtr) {
  if ((DirFlags & ~lookupflags::SymlinkFollow) || (OFlags & ~uint32_t(oflags::All)) ||
      (FdFlags & ~uint32_t(fdflags::All)))
    return Errno::Inval;
  // Creating a directory is path_create_directory's job.
  if ((OFlags & oflags::Creat) && (OFlags & oflags::Directory))
    return Errno::Inval;
  uint64_t Needed = rights::PathOpen | ((OFlags & oflags::Creat) ? rights::PathCreateFile : 0) |
                    ((OFlags & oflags::Trunc) ? rights::PathFilestatSetSize : 0);
  ErrnoOr<FdEntry *> Dir = directory(Context, Fd, Needed);
  if (!Dir)
    return Dir.error();
  // What a directory opens can have at most the directory's inheriting rights.
  if ((Base | Inheriting) & ~(*Dir)->Granted.Inheriting)
    return Errno::NotCapable;
  ErrnoOr<std::string> Path = readPath(Context.memory(), PathPtr, PathLen);
  if (!Path)
    return Path.error();
  if (!Context.memory().contains(OpenedFdPtr, 4))
    return Errno::Fault;

  ErrnoOr<UniqueFd> Opened =
      Context.resolver().open((*Dir)->Host.get(), *Path, openFlags(OFlags, Base, FdFlags), 0666,
                              DirFlags & lookupflags::SymlinkFollow);
  if (!Opened)
    return Opened.error();
  ErrnoOr<uint8_t> Type = filetypeOf(Opened->get());
  if (!Type)
    return Type.error();
  FdEntry Entry;
  Entry.Host = std::move(*Opened);
  Entry.Type = *Type;
  // Rights that do not apply to what was opened are dropped, as the spec allows.
  Rights Applicable = applicableRights(*Type);
  Entry.Granted = {Base & Applicable.Base, Inheriting & Applicable.Inheriting};
  Context.memory().store(OpenedFdPtr, Context.fds().insert(std::move(Entry)));
  return Errno::Success;
}

} // namespace

void addPathFunctions(HostModule &Module) {
  addWasiFunction<&pathCreateDirectory>(Module, "path_create_directory");
  addWasiFunction<&pathFilestatGet>(Module, "path_filestat_get");
  addWasiFunction<&pathFilestatSetTimes>(Module, "path_filestat_set_times");
  addWasiFunction<&pathLink>(Module, "path_link");
  addWasiFunction<&pathOpen>(Module, "path_open");
  addWasiFunction<&pathReadlink>(Module, "path_readlink");
  addWasiFunction<&pathRemoveDirectory>(Module, "path_remove_directory");
  addWasiFunction<&pathRename>(Module, "path_rename");
  addWasiFunction<&pathSymlink>(Module, "path_symlink");
  addWasiFunction<&pathUnlinkFile>(Module, "path_unlink_file");
}

} // namespace wasmaot::runtime::wasi
