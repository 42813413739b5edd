//===- wasi/FdTable.h - The guest's file descriptors and their rights ------===//
//
// A guest file descriptor is a number in the context's table, never a host
// fd: the guest reaches exactly the host files the table holds. Each entry
// owns its host descriptor (the host's stdio and sockets are duplicated into
// the table, so a guest that closes fd 1 leaves the host's stdout alone) and
// carries the WASI rights that every function checks before acting.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasi/Errno.h"
#include "wasi/HostFd.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::runtime::wasi {

struct Rights {
  uint64_t Base = 0;
  uint64_t Inheriting = 0;
};

/// The most rights a descriptor of WASI filetype Type can use: what the host
/// grants to the stdio and socket descriptors it hands in and what path_open
/// and sock_accept cut requested rights down to. Character devices lack
/// fd_seek and fd_tell, which is how wasi-libc's isatty recognizes a terminal.
Rights applicableRights(uint8_t Type);

/// A directory entry as fd_readdir reports it.
struct DirectoryEntry {
  uint64_t Ino = 0;
  uint8_t Type = 0;
  std::string Name;
};

struct FdEntry {
  UniqueFd Host;
  uint8_t Type = 0; // filetype
  Rights Granted;
  /// The name the guest knows a preopened directory by (fd_prestat_*).
  std::optional<std::string> PreopenName;
  /// fd_readdir's snapshot of the directory, taken at cookie 0, so that the
  /// cookies of one listing keep meaning the same entries.
  std::vector<DirectoryEntry> Listing;
};

class FdTable {
public:
  /// Adds Entry under the lowest free number, which it returns.
  uint32_t insert(FdEntry Entry);
  /// Adds Entry under number Fd, which must be free.
  void insertAt(uint32_t Fd, FdEntry Entry);

  /// Entry Fd if it has all of Needed: BadF if Fd is not open, NotCapable if
  /// a right is missing.
  ErrnoOr<FdEntry *> get(uint32_t Fd, uint64_t Needed);

  /// Closes Fd; BadF if it is not open.
  Errno close(uint32_t Fd);
  /// Moves From to To, closing what To held; both must be open.
  Errno renumber(uint32_t From, uint32_t To);

private:
  std::map<uint32_t, FdEntry> Entries;
};

} // namespace wasmaot::runtime::wasi
