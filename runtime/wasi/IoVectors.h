//===- wasi/IoVectors.h - Guest scatter/gather lists as host iovecs -------===//
#pragma once

#include "wasi/Errno.h"
#include "wasi/FdTable.h"
#include "wasi/GuestMemory.h"
#include "wasi/WasiContext.h"

#include <sys/uio.h>

#include <cstdint>
#include <vector>

namespace wasmaot::runtime::wasi {

/// The most bytes one transfer moves: what Linux moves at most per call.
inline constexpr uint64_t MaxTransfer = 0x7FFFF000;

/// The host iovecs for the Count guest iovecs at Iovs, every buffer checked
/// (Fault if one is out of bounds). At most IOV_MAX of them and at most
/// MaxTransfer bytes in all are taken: reads and writes may be partial, and
/// the count they return must fit the guest's u32.
ErrnoOr<std::vector<iovec>> hostIovecs(GuestMemory Memory, uint32_t Iovs, uint32_t Count);

/// Writes Buffers to Entry's host descriptor; to a socket without raising
/// SIGPIPE, so a closed peer is EPIPE rather than the death of the host.
ssize_t writeVectors(const FdEntry &Entry, const std::vector<iovec> &Buffers);

/// The shape of fd_read, fd_write, fd_pread, fd_pwrite, sock_recv and
/// sock_send: checks that Fd has the Needed rights and that the Count iovecs
/// at Iovs and the u32 at TransferredPtr are in bounds, then runs
/// Move(Entry, Buffers), a host call returning a byte count or -1, and stores
/// the count.
template <typename MoveFn>
Errno transferVectors(WasiContext &Context, uint32_t Fd, uint64_t Needed, uint32_t Iovs,
                      uint32_t Count, uint32_t TransferredPtr, MoveFn Move) {
  ErrnoOr<FdEntry *> Entry = Context.fds().get(Fd, Needed);
  if (!Entry)
    return Entry.error();
  ErrnoOr<std::vector<iovec>> Buffers = hostIovecs(Context.memory(), Iovs, Count);
  if (!Buffers)
    return Buffers.error();
  if (!Context.memory().contains(TransferredPtr, 4))
    return Errno::Fault;
  ssize_t Transferred = Move(**Entry, *Buffers);
  if (Transferred < 0)
    return lastHostErrno();
  Context.memory().store(TransferredPtr, uint32_t(Transferred));
  return Errno::Success;
}

} // namespace wasmaot::runtime::wasi
