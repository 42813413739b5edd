//===- wasi/IoVectors.cpp --------------------------------------------------===//
#include "wasi/IoVectors.h"

#include "wasi/WasiAbi.h"

#include <sys/socket.h>

#include <algorithm>
#include <climits>

namespace wasmaot::runtime::wasi {

ErrnoOr<std::vector<iovec>> hostIovecs(GuestMemory Memory, uint32_t Iovs, uint32_t Count) {
  if (!Memory.contains(Iovs, uint64_t(Count) * sizeof(Iovec)))
    return Errno::Fault;
  std::vector<iovec> Buffers;
  uint64_t Total = 0;
  for (uint32_t I = 0; I < Count && Buffers.size() < IOV_MAX && Total < MaxTransfer; ++I) {
    Iovec Guest;
    Memory.load(Iovs + I * uint32_t(sizeof(Iovec)), Guest);
    uint8_t *Bytes = Memory.bytes(Guest.Buf, Guest.BufLen);
    if (!Bytes)
      return Errno::Fault;
    uint64_t Length = std::min<uint64_t>(Guest.BufLen, MaxTransfer - Total);
    Buffers.push_back({Bytes, size_t(Length)});
    Total += Length;
  }
  return Buffers;
}

ssize_t writeVectors(const FdEntry &Entry, const std::vector<iovec> &Buffers) {
  if (Entry.Type != filetype::SocketStream && Entry.Type != filetype::SocketDgram)
    return retryOnEintr(
        [&] { return writev(Entry.Host.get(), Buffers.data(), int(Buffers.size())); });
  msghdr Message = {};
  Message.msg_iov = const_cast<iovec *>(Buffers.data());
  Message.msg_iovlen = Buffers.size();
  return retryOnEintr([&] { return sendmsg(Entry.Host.get(), &Message, MSG_NOSIGNAL); });
}

} // namespace wasmaot::runtime::wasi
