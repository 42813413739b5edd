//===- wasi/WasiFdIo.cpp - Reading and writing descriptors ----------------===//
//
// fd_read, fd_write, fd_pread, fd_pwrite, fd_readdir. Stdio is the host's
// descriptors themselves (duplicated): nothing is buffered here, and a
// partial write reports the count the host wrote.
//
//===----------------------------------------------------------------------===//
#include "wasi/HostFile.h"
#include "wasi/IoVectors.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace wasmaot::runtime::wasi {
namespace {

Errno fdRead(WasiContext &Context, uint32_t Fd, uint32_t Iovs, uint32_t IovsLen,
             uint32_t NReadPtr) {
  return transferVectors(Context, Fd, rights::FdRead, Iovs, IovsLen, NReadPtr,
                         [](const FdEntry &Entry, const std::vector<iovec> &Buffers) {
                           return retryOnEintr([&] {
                             return readv(Entry.Host.get(), Buffers.data(), int(Buffers.size()));
                           });
                         });
}

Errno fdPread(WasiContext &Context, uint32_t Fd, uint32_t Iovs, uint32_t IovsLen, uint64_t Offset,
              uint32_t NReadPtr) {
  return transferVectors(Context, Fd, rights::FdRead | rights::FdSeek, Iovs, IovsLen, NReadPtr,
                         [&](const FdEntry &Entry, const std::vector<iovec> &Buffers) {
                           return retryOnEintr([&] {
                             return preadv(Entry.Host.get(), Buffers.data(), int(Buffers.size()),
                                           off_t(Offset));
                           });
                         });
}

Errno fdWrite(WasiContext &Context, uint32_t Fd, uint32_t Iovs, uint32_t IovsLen,
              uint32_t NWrittenPtr) {
  return transferVectors(Context, Fd, rights::FdWrite, Iovs, IovsLen, NWrittenPtr, writeVectors);
}

Errno fdPwrite(WasiContext &Context, uint32_t Fd, uint32_t Iovs, uint32_t IovsLen, uint64_t Offset,
               uint32_t NWrittenPtr) {
  return transferVectors(Context, Fd, rights::FdWrite | rights::FdSeek, Iovs, IovsLen, NWrittenPtr,
                         [&](const FdEntry &Entry, const std::vector<iovec> &Buffers) {
                           return retryOnEintr([&] {
                             return pwritev(Entry.Host.get(), Buffers.data(), int(Buffers.size()),
                                            off_t(Offset));
                           });
                         });
}

/// Every entry of directory Dir, "." and ".." included, in the host's order.
ErrnoOr<std::vector<DirectoryEntry>> listDirectory(int Dir) {
  // A descriptor of its own, so the listing starts at the beginning and
  // leaves Dir's offset alone.
  int Fd = openat(Dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (Fd < 0)
    return lastHostErrno();
  std::unique_ptr<DIR, int (*)(DIR *)> Stream(fdopendir(Fd), closedir);
  if (!Stream) {
    Errno Failure = lastHostErrno();
    close(Fd);
    return Failure;
  }
  std::vector<DirectoryEntry> Entries;
  for (;;) {
    errno = 0;
    const dirent *Next = readdir(Stream.get());
    if (!Next)
      break;
    DirectoryEntry Entry;
    Entry.Ino = Next->d_ino;
    Entry.Name = Next->d_name;
    Entry.Type = filetypeOfMode(DTTOIF(Next->d_type));
    // Some filesystems leave the type to a stat.
    struct stat St;
    if (Next->d_type == DT_UNKNOWN && fstatat(Fd, Next->d_name, &St, AT_SYMLINK_NOFOLLOW) == 0)
      Entry.Type = filetypeOfMode(St.st_mode);
    Entries.push_back(std::move(Entry));
  }
  if (errno != 0)
    return lastHostErrno();
  return Entries;
}

/// Copies what fits of Size bytes at Source to Target, which has Room bytes
/// left; how many it copied.
uint32_t copyTruncated(uint8_t *Target, uint32_t Room, const void *Source, size_t Size) {
  uint32_t Count = uint32_t(std::min<size_t>(Room, Size));
  std::memcpy(Target, Source, Count);
  return Count;
}

/// Fills the buffer with entries from the Cookie-th on, each a dirent header
/// and the name; the last may be cut off (the guest then asks again with a
/// bigger buffer). A buffer not filled up means the end was reached. The
/// cookie of an entry is its position in the listing plus one.
Errno fdReaddir(WasiContext &Context, uint32_t Fd, uint32_t Buf, uint32_t BufLen, uint64_t Cookie,
                uint32_t BufUsedPtr) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, rights::FdReaddir);
  if (!Entry)
    return Entry.error();
  uint8_t *Target = Context.memory().bytes(Buf, BufLen);
  if (!Target || !Context.memory().contains(BufUsedPtr, 4))
    return Errno::Fault;
  std::vector<DirectoryEntry> &Listing = (*Entry)->Listing;
  if (Cookie == 0 || Listing.empty()) {
    ErrnoOr<std::vector<DirectoryEntry>> Fresh = listDirectory((*Entry)->Host.get());
    if (!Fresh)
      return Fresh.error();
    Listing = std::move(*Fresh);
  }
  uint32_t Used = 0;
  for (uint64_t Index = Cookie; Index < Listing.size() && Used < BufLen; ++Index) {
    const DirectoryEntry &Next = Listing[Index];
    Dirent Header;
    Header.Next = Index + 1;
    Header.Ino = Next.Ino;
    Header.NameLen = uint32_t(Next.Name.size());
    Header.Type = Next.Type;
    Used += copyTruncated(Target + Used, BufLen - Used, &Header, sizeof Header);
    Used += copyTruncated(Target + Used, BufLen - Used, Next.Name.data(), Next.Name.size());
  }
  Context.memory().store(BufUsedPtr, Used);
  return Errno::Success;
}

} // namespace

void addFdIoFunctions(HostModule &Module) {
  addWasiFunction<&fdPread>(Module, "fd_pread");
  addWasiFunction<&fdPwrite>(Module, "fd_pwrite");
  addWasiFunction<&fdRead>(Module, "fd_read");
  addWasiFunction<&fdReaddir>(Module, "fd_readdir");
  addWasiFunction<&fdWrite>(Module, "fd_write");
}

} // namespace wasmaot::runtime::wasi
