//===- wasi/WasiAbi.h - Constants and data layouts of preview 1 ------------===//
//
// The flags, enums and structures of wasi_snapshot_preview1 as typenames.witx
// defines them. The structures mirror the guest's layout byte for byte
// (wasm32, little-endian; the static_asserts pin every offset) and spell out
// their padding, so a value-initialized one copies no stray host bytes into
// guest memory.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace wasmaot::runtime::wasi {

static_assert(std::endian::native == std::endian::little,
              "guest structures are copied as they are in host memory");

namespace rights {
inline constexpr uint64_t FdDatasync = 1ull << 0;
inline constexpr uint64_t FdRead = 1ull << 1;
inline constexpr uint64_t FdSeek = 1ull << 2;
inline constexpr uint64_t FdFdstatSetFlags = 1ull << 3;
inline constexpr uint64_t FdSync = 1ull << 4;
inline constexpr uint64_t FdTell = 1ull << 5;
inline constexpr uint64_t FdWrite = 1ull << 6;
inline constexpr uint64_t FdAdvise = 1ull << 7;
inline constexpr uint64_t FdAllocate = 1ull << 8;
inline constexpr uint64_t PathCreateDirectory = 1ull << 9;
inline constexpr uint64_t PathCreateFile = 1ull << 10;
inline constexpr uint64_t PathLinkSource = 1ull << 11;
inline constexpr uint64_t PathLinkTarget = 1ull << 12;
inline constexpr uint64_t PathOpen = 1ull << 13;
inline constexpr uint64_t FdReaddir = 1ull << 14;
inline constexpr uint64_t PathReadlink = 1ull << 15;
inline constexpr uint64_t PathRenameSource = 1ull << 16;
inline constexpr uint64_t PathRenameTarget = 1ull << 17;
inline constexpr uint64_t PathFilestatGet = 1ull << 18;
inline constexpr uint64_t PathFilestatSetSize = 1ull << 19;
inline constexpr uint64_t PathFilestatSetTimes = 1ull << 20;
inline constexpr uint64_t FdFilestatGet = 1ull << 21;
inline constexpr uint64_t FdFilestatSetSize = 1ull << 22;
inline constexpr uint64_t FdFilestatSetTimes = 1ull << 23;
inline constexpr uint64_t PathSymlink = 1ull << 24;
inline constexpr uint64_t PathRemoveDirectory = 1ull << 25;
inline constexpr uint64_t PathUnlinkFile = 1ull << 26;
inline constexpr uint64_t PollFdReadwrite = 1ull << 27;
inline constexpr uint64_t SockShutdown = 1ull << 28;
inline constexpr uint64_t SockAccept = 1ull << 29;
} // namespace rights

namespace filetype {
inline constexpr uint8_t Unknown = 0;
inline constexpr uint8_t BlockDevice = 1;
inline constexpr uint8_t CharacterDevice = 2;
inline constexpr uint8_t Directory = 3;
inline constexpr uint8_t RegularFile = 4;
inline constexpr uint8_t SocketDgram = 5;
inline constexpr uint8_t SocketStream = 6;
inline constexpr uint8_t SymbolicLink = 7;
} // namespace filetype

namespace fdflags {
inline constexpr uint16_t Append = 1 << 0;
inline constexpr uint16_t Dsync = 1 << 1;
inline constexpr uint16_t Nonblock = 1 << 2;
inline constexpr uint16_t Rsync = 1 << 3;
inline constexpr uint16_t Sync = 1 << 4;
inline constexpr uint16_t All = (1 << 5) - 1;
} // namespace fdflags

namespace oflags {
inline constexpr uint16_t Creat = 1 << 0;
inline constexpr uint16_t Directory = 1 << 1;
inline constexpr uint16_t Excl = 1 << 2;
inline constexpr uint16_t Trunc = 1 << 3;
inline constexpr uint16_t All = (1 << 4) - 1;
} // namespace oflags

namespace lookupflags {
inline constexpr uint32_t SymlinkFollow = 1 << 0;
} // namespace lookupflags

namespace fstflags {
inline constexpr uint16_t Atim = 1 << 0;
inline constexpr uint16_t AtimNow = 1 << 1;
inline constexpr uint16_t Mtim = 1 << 2;
inline constexpr uint16_t MtimNow = 1 << 3;
inline constexpr uint16_t All = (1 << 4) - 1;
} // namespace fstflags

namespace whence {
inline constexpr uint8_t Set = 0;
inline constexpr uint8_t Cur = 1;
inline constexpr uint8_t End = 2;
} // namespace whence

namespace clockid {
inline constexpr uint32_t Realtime = 0;
inline constexpr uint32_t Monotonic = 1;
inline constexpr uint32_t ProcessCputime = 2;
inline constexpr uint32_t ThreadCputime = 3;
} // namespace clockid

namespace advice {
inline constexpr uint8_t Normal = 0;
inline constexpr uint8_t Sequential = 1;
inline constexpr uint8_t Random = 2;
inline constexpr uint8_t WillNeed = 3;
inline constexpr uint8_t DontNeed = 4;
inline constexpr uint8_t NoReuse = 5;
} // namespace advice

namespace eventtype {
inline constexpr uint8_t Clock = 0;
inline constexpr uint8_t FdRead = 1;
inline constexpr uint8_t FdWrite = 2;
} // namespace eventtype

namespace eventrwflags {
inline constexpr uint16_t FdReadwriteHangup = 1 << 0;
} // namespace eventrwflags

namespace subclockflags {
inline constexpr uint16_t Abstime = 1 << 0;
} // namespace subclockflags

namespace riflags {
inline constexpr uint16_t RecvPeek = 1 << 0;
inline constexpr uint16_t RecvWaitall = 1 << 1;
} // namespace riflags

namespace roflags {
inline constexpr uint16_t RecvDataTruncated = 1 << 0;
} // namespace roflags

namespace sdflags {
inline constexpr uint8_t Rd = 1 << 0;
inline constexpr uint8_t Wr = 1 << 1;
} // namespace sdflags

namespace preopentype {
inline constexpr uint8_t Dir = 0;
} // namespace preopentype

/// iovec and ciovec.
struct Iovec {
  uint32_t Buf = 0;
  uint32_t BufLen = 0;
};
static_assert(sizeof(Iovec) == 8);

struct Fdstat {
  uint8_t Filetype = 0;
  uint8_t Pad0 = 0;
  uint16_t Flags = 0;
  uint32_t Pad1 = 0;
  uint64_t RightsBase = 0;
  uint64_t RightsInheriting = 0;
};
static_assert(sizeof(Fdstat) == 24 && offsetof(Fdstat, Flags) == 2 &&
              offsetof(Fdstat, RightsBase) == 8 && offsetof(Fdstat, RightsInheriting) == 16);

struct Filestat {
  uint64_t Dev = 0;
  uint64_t Ino = 0;
  uint8_t Filetype = 0;
  uint8_t Pad[7] = {};
  uint64_t Nlink = 0;
  uint64_t Size = 0;
  uint64_t Atim = 0;
  uint64_t Mtim = 0;
  uint64_t Ctim = 0;
};
static_assert(sizeof(Filestat) == 64 && offsetof(Filestat, Filetype) == 16 &&
              offsetof(Filestat, Nlink) == 24 && offsetof(Filestat, Ctim) == 56);

/// prestat, whose only variant is dir.
struct Prestat {
  uint8_t Tag = preopentype::Dir;
  uint8_t Pad[3] = {};
  uint32_t NameLen = 0;
};
static_assert(sizeof(Prestat) == 8 && offsetof(Prestat, NameLen) == 4);

/// The header of a directory entry; the name follows it, without a NUL.
struct Dirent {
  uint64_t Next = 0;
  uint64_t Ino = 0;
  uint32_t NameLen = 0;
  uint8_t Type = 0;
  uint8_t Pad[3] = {};
};
static_assert(sizeof(Dirent) == 24 && offsetof(Dirent, NameLen) == 16 &&
              offsetof(Dirent, Type) == 20);

/// subscription: the clock variant's fields; the fd_read and fd_write
/// variants hold only a file_descriptor, where the clock id is.
struct Subscription {
  uint64_t Userdata = 0;
  uint8_t Tag = 0;
  uint8_t Pad0[7] = {};
  uint32_t ClockIdOrFd = 0;
  uint32_t Pad1 = 0;
  uint64_t Timeout = 0;
  uint64_t Precision = 0;
  uint16_t Flags = 0;
  uint8_t Pad2[6] = {};
};
static_assert(sizeof(Subscription) == 48 && offsetof(Subscription, Tag) == 8 &&
              offsetof(Subscription, ClockIdOrFd) == 16 && offsetof(Subscription, Timeout) == 24 &&
              offsetof(Subscription, Precision) == 32 && offsetof(Subscription, Flags) == 40);

struct Event {
  uint64_t Userdata = 0;
  uint16_t Error = 0;
  uint8_t Type = 0;
  uint8_t Pad0 = 0;
  uint32_t Pad1 = 0;
  uint64_t NBytes = 0;
  uint16_t Flags = 0;
  uint8_t Pad2[6] = {};
};
static_assert(sizeof(Event) == 32 && offsetof(Event, Error) == 8 && offsetof(Event, Type) == 10 &&
              offsetof(Event, NBytes) == 16 && offsetof(Event, Flags) == 24);

} // namespace wasmaot::runtime::wasi
