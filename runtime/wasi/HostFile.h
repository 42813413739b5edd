//===- wasi/HostFile.h - How WASI describes host files ---------------------===//
//
// Conversions between the host's view of a file (struct stat, socket type,
// timespec) and WASI's (filetype, filestat, timestamps in nanoseconds).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasi/Errno.h"
#include "wasi/WasiAbi.h"

#include <sys/stat.h>
#include <time.h>

#include <array>
#include <cstdint>

namespace wasmaot::runtime::wasi {

/// The WASI filetype of a host st_mode. Sockets come out as SocketStream;
/// filetypeOf tells datagram sockets apart. FIFOs have no WASI filetype and
/// are Unknown.
uint8_t filetypeOfMode(mode_t Mode);

/// The WASI filetype of host file descriptor Fd.
ErrnoOr<uint8_t> filetypeOf(int Fd);

/// The fdflags of host file status flags (F_GETFL). Linux's O_RSYNC is
/// O_SYNC, so RSYNC is never reported apart from SYNC.
uint16_t fdflagsFromHost(int StatusFlags);
/// The host file status flags of fdflags Flags.
int fdflagsToHost(uint16_t Flags);

/// A filestat describing St.
Filestat toFilestat(const struct stat &St);

uint64_t toNanoseconds(const timespec &Time);
timespec toTimespec(uint64_t Nanoseconds);

/// The two timespecs of futimens/utimensat for fd_filestat_set_times and
/// path_filestat_set_times: each time is Atim/Mtim, "now" or left alone as
/// Flags (fstflags) say. Inval if a time is both given and "now", or if
/// Flags has unknown bits.
ErrnoOr<std::array<timespec, 2>> toHostTimes(uint64_t Atim, uint64_t Mtim, uint32_t Flags);

} // namespace wasmaot::runtime::wasi
