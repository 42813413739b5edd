//===- wasi/FdTable.cpp ----------------------------------------------------===//
#include "wasi/FdTable.h"

#include "wasi/WasiAbi.h"

#include <cassert>

namespace wasmaot::runtime::wasi {
namespace {

/// What a regular file (or a device, or a pipe) can do.
constexpr uint64_t FileRights = rights::FdDatasync | rights::FdRead | rights::FdSeek |
                                rights::FdFdstatSetFlags | rights::FdSync | rights::FdTell |
                                rights::FdWrite | rights::FdAdvise | rights::FdAllocate |
                                rights::FdFilestatGet | rights::FdFilestatSetSize |
                                rights::FdFilestatSetTimes | rights::PollFdReadwrite;

/// What a directory can do itself; what it opens may have FileRights too.
constexpr uint64_t DirectoryRights =
    rights::FdDatasync | rights::FdFdstatSetFlags | rights::FdSync | rights::PathCreateDirectory |
    rights::PathCreateFile | rights::PathLinkSource | rights::PathLinkTarget | rights::PathOpen |
    rights::FdReaddir | rights::PathReadlink | rights::PathRenameSource | rights::PathRenameTarget |
    rights::PathFilestatGet | rights::PathFilestatSetSize | rights::PathFilestatSetTimes |
    rights::FdFilestatGet | rights::FdFilestatSetTimes | rights::PathSymlink |
    rights::PathRemoveDirectory | rights::PathUnlinkFile | rights::PollFdReadwrite;

constexpr uint64_t SocketRights = rights::FdRead | rights::FdWrite | rights::FdFdstatSetFlags |
                                  rights::FdFilestatGet | rights::PollFdReadwrite |
                                  rights::SockShutdown | rights::SockAccept;

} // namespace

Rights applicableRights(uint8_t Type) {
  switch (Type) {
  case filetype::Directory:
    return {DirectoryRights, DirectoryRights | FileRights};
  case filetype::SocketStream:
  case filetype::SocketDgram:
    return {SocketRights, SocketRights};
  case filetype::CharacterDevice:
    return {FileRights & ~(rights::FdSeek | rights::FdTell), 0};
  default:
    return {FileRights, 0};
  }
}

uint32_t FdTable::insert(FdEntry Entry) {
  uint32_t Fd = 0;
  // Entries are ordered: the first gap in the numbers is the lowest free one.
  for (const auto &Used : Entries) {
    if (Used.first != Fd)
      break;
    ++Fd;
  }
  insertAt(Fd, std::move(Entry));
  return Fd;
}

void FdTable::insertAt(uint32_t Fd, FdEntry Entry) {
  bool Inserted = Entries.emplace(Fd, std::move(Entry)).second;
  assert(Inserted && "guest fd already in use");
  (void)Inserted;
}

ErrnoOr<FdEntry *> FdTable::get(uint32_t Fd, uint64_t Needed) {
  auto It = Entries.find(Fd);
  if (It == Entries.end())
    return Errno::BadF;
  if ((It->second.Granted.Base & Needed) != Needed)
    return Errno::NotCapable;
  return &It->second;
}

Errno FdTable::close(uint32_t Fd) { return Entries.erase(Fd) ? Errno::Success : Errno::BadF; }

Errno FdTable::renumber(uint32_t From, uint32_t To) {
  auto Source = Entries.find(From);
  auto Target = Entries.find(To);
  if (Source == Entries.end() || Target == Entries.end())
    return Errno::BadF;
  if (From == To)
    return Errno::Success;
  Target->second = std::move(Source->second);
  Entries.erase(Source);
  return Errno::Success;
}

} // namespace wasmaot::runtime::wasi
