//===- wasi/WasiFd.cpp - Descriptor management and metadata ---------------===//
//
// fd_close, fd_renumber, fd_fdstat_*, fd_prestat_*, fd_filestat_*,
// fd_advise, fd_allocate, fd_datasync, fd_sync, fd_seek, fd_tell. Reading
// and writing are in WasiFdIo.cpp.
//
//===----------------------------------------------------------------------===//
#include "wasi/HostFile.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace wasmaot::runtime::wasi {
namespace {

Errno fdClose(WasiContext &Context, uint32_t Fd) { return Context.fds().close(Fd); }

Errno fdRenumber(WasiContext &Context, uint32_t From, uint32_t To) {
  return Context.fds().renumber(From, To);
}

Errno fdFdstatGet(WasiContext &Context, uint32_t Fd, uint32_t StatPtr) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, 0);
  if (!Entry)
    return Entry.error();
  if (!Context.memory().contains(StatPtr, sizeof(Fdstat)))
    return Errno::Fault;
  int StatusFlags = fcntl((*Entry)->Host.get(), F_GETFL);
  if (StatusFlags < 0)
    return lastHostErrno();
  Fdstat Stat;
  Stat.Filetype = (*Entry)->Type;
  Stat.Flags = fdflagsFromHost(StatusFlags);
  Stat.RightsBase = (*Entry)->Granted.Base;
  Stat.RightsInheriting = (*Entry)->Granted.Inheriting;
  Context.memory().store(StatPtr, Stat);
  return Errno::Success;
}

Errno fdFdstatSetFlags(WasiContext &Context, uint32_t Fd, uint32_t Flags) {
  if (Flags & ~uint32_t(fdflags::All))
    return Errno::Inval;
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdFdstatSetFlags);
  if (!Entry)
    return Entry.error();
  int Host = (*Entry)->Host.get();
  int Current = fcntl(Host, F_GETFL);
  if (Current < 0)
    return lastHostErrno();
  // Linux changes only O_APPEND and O_NONBLOCK of an open file; the sync
  // flags stay as the file was opened.
  constexpr int Changeable = O_APPEND | O_NONBLOCK;
  constexpr int SyncFlags = O_SYNC | O_DSYNC;
  int Wanted = fdflagsToHost(uint16_t(Flags));
  if ((Wanted & SyncFlags) != (Current & SyncFlags))
    return Errno::NotSup;
  return hostCall(fcntl(Host, F_SETFL, (Current & ~Changeable) | (Wanted & Changeable)));
}

Errno fdFdstatSetRights(WasiContext &Context, uint32_t Fd, uint64_t Base, uint64_t Inheriting) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, 0);
  if (!Entry)
    return Entry.error();
  // Rights can only be dropped, never regained.
  Rights &Granted = (*Entry)->Granted;
  if ((Base & ~Granted.Base) || (Inheriting & ~Granted.Inheriting))
    return Errno::NotCapable;
  Granted = {Base, Inheriting};
  return Errno::Success;
}

/// The preopened directory Fd: BadF for anything else, which is how
/// wasi-libc finds the end of the preopens.
ErrnoOr<const std::string *> preopenName(WasiContext &Context, uint32_t Fd) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, 0);
  if (!Entry)
    return Entry.error();
  if (!(*Entry)->PreopenName)
    return Errno::BadF;
  return &*(*Entry)->PreopenName;
}

Errno fdPrestatGet(WasiContext &Context, uint32_t Fd, uint32_t PrestatPtr) {
  ErrnoOr<const std::string *> Name = preopenName(Context, Fd);
  if (!Name)
    return Name.error();
  Prestat Stat;
  Stat.NameLen = uint32_t((*Name)->size());
  if (!Context.memory().store(PrestatPtr, Stat))
    return Errno::Fault;
  return Errno::Success;
}

Errno fdPrestatDirName(WasiContext &Context, uint32_t Fd, uint32_t Path, uint32_t PathLen) {
  ErrnoOr<const std::string *> Name = preopenName(Context, Fd);
  if (!Name)
    return Name.error();
  uint8_t *Buffer = Context.memory().bytes(Path, PathLen);
  if (!Buffer)
    return Errno::Fault;
  if (PathLen < (*Name)->size())
    return Errno::NameTooLong;
  std::memcpy(Buffer, (*Name)->data(), (*Name)->size());
  return Errno::Success;
}

Errno fdFilestatGet(WasiContext &Context, uint32_t Fd, uint32_t StatPtr) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdFilestatGet);
  if (!Entry)
    return Entry.error();
  if (!Context.memory().contains(StatPtr, sizeof(Filestat)))
    return Errno::Fault;
  struct stat St;
  if (fstat((*Entry)->Host.get(), &St) != 0)
    return lastHostErrno();
  Filestat Stat = toFilestat(St);
  // The host's sockets all look alike to fstat.
  Stat.Filetype = (*Entry)->Type;
  Context.memory().store(StatPtr, Stat);
  return Errno::Success;
}

Errno fdFilestatSetSize(WasiContext &Context, uint32_t Fd, uint64_t Size) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdFilestatSetSize);
  if (!Entry)
    return Entry.error();
  return hostCall(retryOnEintr([&] { return ftruncate((*Entry)->Host.get(), off_t(Size)); }));
}

Errno fdFilestatSetTimes(WasiContext &Context, uint32_t Fd, uint64_t Atim, uint64_t Mtim,
                         uint32_t Flags) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdFilestatSetTimes);
  if (!Entry)
    return Entry.error();
  ErrnoOr<std::array<timespec, 2>> Times = toHostTimes(Atim, Mtim, Flags);
  if (!Times)
    return Times.error();
  return hostCall(futimens((*Entry)->Host.get(), Times->data()));
}

Errno fdAdvise(WasiContext &Context, uint32_t Fd, uint64_t Offset, uint64_t Length,
               uint32_t Advice) {
  static constexpr int HostAdvice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                                       POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                                       POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  static_assert(std::size(HostAdvice) == advice::NoReuse + 1);
  if (Advice >= std::size(HostAdvice))
    return Errno::Inval;
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdAdvise);
  if (!Entry)
    return Entry.error();
  // posix_fadvise and posix_fallocate return the error instead of setting errno.
  return fromHostErrno(
      posix_fadvise((*Entry)->Host.get(), off_t(Offset), off_t(Length), HostAdvice[Advice]));
}

Errno fdAllocate(WasiContext &Context, uint32_t Fd, uint64_t Offset, uint64_t Length) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdAllocate);
  if (!Entry)
    return Entry.error();
  return fromHostErrno(posix_fallocate((*Entry)->Host.get(), off_t(Offset), off_t(Length)));
}

Errno fdDatasync(WasiContext &Context, uint32_t Fd) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdDatasync);
  if (!Entry)
    return Entry.error();
  return hostCall(fdatasync((*Entry)->Host.get()));
}

Errno fdSync(WasiContext &Context, uint32_t Fd) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdSync);
  if (!Entry)
    return Entry.error();
  return hostCall(fsync((*Entry)->Host.get()));
}

Errno fdSeek(WasiContext &Context, uint32_t Fd, int64_t Offset, uint32_t Whence,
             uint32_t NewOffsetPtr) {
  static constexpr int HostWhence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  static_assert(std::size(HostWhence) == whence::End + 1);
  if (Whence >= std::size(HostWhence))
    return Errno::Inval;
  // Asking where the offset is only needs fd_tell.
  bool Tell = Offset == 0 && Whence == whence::Cur;
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, Tell ? rights::FdTell : rights::FdSeek);
  if (!Entry)
    return Entry.error();
  if (!Context.memory().contains(NewOffsetPtr, 8))
    return Errno::Fault;
  off_t Position = lseek((*Entry)->Host.get(), off_t(Offset), HostWhence[Whence]);
  if (Position < 0)
    return lastHostErrno();
  Context.memory().store(NewOffsetPtr, uint64_t(Position));
  return Errno::Success;
}

Errno fdTell(WasiContext &Context, uint32_t Fd, uint32_t OffsetPtr) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdTell);
  if (!Entry)
    return Entry.error();
  if (!Context.memory().contains(OffsetPtr, 8))
    return Errno::Fault;
  off_t Position = lseek((*Entry)->Host.get(), 0, SEEK_CUR);
  if (Position < 0)
    return lastHostErrno();
  Context.memory().store(OffsetPtr, uint64_t(Position));
  return Errno::Success;
}

} // namespace

void addFdFunctions(HostModule &Module) {
  addWasiFunction<&fdAdvise>(Module, "fd_advise");
  addWasiFunction<&fdAllocate>(Module, "fd_allocate");
  addWasiFunction<&fdClose>(Module, "fd_close");
  addWasiFunction<&fdDatasync>(Module, "fd_datasync");
  addWasiFunction<&fdFdstatGet>(Module, "fd_fdstat_get");
  addWasiFunction<&fdFdstatSetFlags>(Module, "fd_fdstat_set_flags");
  addWasiFunction<&fdFdstatSetRights>(Module, "fd_fdstat_set_rights");
  addWasiFunction<&fdFilestatGet>(Module, "fd_filestat_get");
  addWasiFunction<&fdFilestatSetSize>(Module, "fd_filestat_set_size");
  addWasiFunction<&fdFilestatSetTimes>(Module, "fd_filestat_set_times");
  addWasiFunction<&fdPrestatGet>(Module, "fd_prestat_get");
  addWasiFunction<&fdPrestatDirName>(Module, "fd_prestat_dir_name");
  addWasiFunction<&fdRenumber>(Module, "fd_renumber");
  addWasiFunction<&fdSeek>(Module, "fd_seek");
  addWasiFunction<&fdSync>(Module, "fd_sync");
  addWasiFunction<&fdTell>(Module, "fd_tell");
}

} // namespace wasmaot::runtime::wasi
