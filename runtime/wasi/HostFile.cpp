//===- wasi/HostFile.cpp ---------------------------------------------------===//
#include "wasi/HostFile.h"

#include <fcntl.h>
#include <sys/socket.h>

namespace wasmaot::runtime::wasi {

uint8_t filetypeOfMode(mode_t Mode) {
  switch (Mode & S_IFMT) {
  case S_IFBLK:
    return filetype::BlockDevice;
  case S_IFCHR:
    return filetype::CharacterDevice;
  case S_IFDIR:
    return filetype::Directory;
  case S_IFREG:
    return filetype::RegularFile;
  case S_IFSOCK:
    return filetype::SocketStream;
  case S_IFLNK:
    return filetype::SymbolicLink;
  default:
    return filetype::Unknown;
  }
}

ErrnoOr<uint8_t> filetypeOf(int Fd) {
  struct stat St;
  if (fstat(Fd, &St) != 0)
    return lastHostErrno();
  uint8_t Type = filetypeOfMode(St.st_mode);
  if (Type != filetype::SocketStream)
    return Type;
  int SocketType = 0;
  socklen_t Length = sizeof SocketType;
  if (getsockopt(Fd, SOL_SOCKET, SO_TYPE, &SocketType, &Length) != 0)
    return lastHostErrno();
  return SocketType == SOCK_DGRAM ? filetype::SocketDgram : filetype::SocketStream;
}

uint16_t fdflagsFromHost(int StatusFlags) {
  uint16_t Flags = 0;
  if (StatusFlags & O_APPEND)
    Flags |= fdflags::Append;
  if (StatusFlags & O_NONBLOCK)
    Flags |= fdflags::Nonblock;
  // O_SYNC includes O_DSYNC's bit.
  if ((StatusFlags & O_SYNC) == O_SYNC)
    Flags |= fdflags::Sync;
  else if (StatusFlags & O_DSYNC)
    Flags |= fdflags::Dsync;
  return Flags;
}

int fdflagsToHost(uint16_t Flags) {
  int StatusFlags = 0;
  if (Flags & fdflags::Append)
    StatusFlags |= O_APPEND;
  if (Flags & fdflags::Nonblock)
    StatusFlags |= O_NONBLOCK;
  if (Flags & fdflags::Dsync)
    StatusFlags |= O_DSYNC;
  if (Flags & fdflags::Rsync)
    StatusFlags |= O_RSYNC;
  if (Flags & fdflags::Sync)
    StatusFlags |= O_SYNC;
  return StatusFlags;
}

uint64_t toNanoseconds(const timespec &Time) {
  return uint64_t(Time.tv_sec) * 1'000'000'000u + uint64_t(Time.tv_nsec);
}

timespec toTimespec(uint64_t Nanoseconds) {
  timespec Time;
  Time.tv_sec = time_t(Nanoseconds / 1'000'000'000u);
  Time.tv_nsec = long(Nanoseconds % 1'000'000'000u);
  return Time;
}

Filestat toFilestat(const struct stat &St) {
  Filestat Stat;
  Stat.Dev = uint64_t(St.st_dev);
  Stat.Ino = uint64_t(St.st_ino);
  Stat.Filetype = filetypeOfMode(St.st_mode);
  Stat.Nlink = uint64_t(St.st_nlink);
  Stat.Size = uint64_t(St.st_size);
  Stat.Atim = toNanoseconds(St.st_atim);
  Stat.Mtim = toNanoseconds(St.st_mtim);
  Stat.Ctim = toNanoseconds(St.st_ctim);
  return Stat;
}

ErrnoOr<std::array<timespec, 2>> toHostTimes(uint64_t Atim, uint64_t Mtim, uint32_t Flags) {
  if (Flags & ~uint32_t(fstflags::All))
    return Errno::Inval;
  auto Convert = [](uint64_t Time, bool Given, bool Now) -> ErrnoOr<timespec> {
    if (Given && Now)
      return Errno::Inval;
    if (Given)
      return toTimespec(Time);
    timespec Special = {};
    Special.tv_nsec = Now ? UTIME_NOW : UTIME_OMIT;
    return Special;
  };
  ErrnoOr<timespec> Access = Convert(Atim, Flags & fstflags::Atim, Flags & fstflags::AtimNow);
  if (!Access)
    return Access.error();
  ErrnoOr<timespec> Modification = Convert(Mtim, Flags & fstflags::Mtim, Flags & fstflags::MtimNow);
  if (!Modification)
    return Modification.error();
  return std::array<timespec, 2>{*Access, *Modification};
}

} // namespace wasmaot::runtime::wasi
