//===- wasi/WasiSocket.cpp - Sockets the host handed in --------------------===//
//
// sock_accept, sock_recv, sock_send, sock_shutdown. Preview 1 cannot create,
// bind or connect sockets: the guest only uses those the host gave it
// (WasiOptions::Sockets, or stdio that is a socket) and what it accepts on
// them.
//
//===----------------------------------------------------------------------===//
#include "wasi/HostFile.h"
#include "wasi/IoVectors.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <sys/socket.h>

namespace wasmaot::runtime::wasi {
namespace {

/// The socket Fd, if it holds Rights. A descriptor that is no socket answers
/// ENOTSOCK, whatever its rights (files and directories never hold the
/// socket rights), as the sock_* functions define.
ErrnoOr<FdEntry *> socketEntry(WasiContext &Context, uint32_t Fd, uint64_t Rights) {
  ErrnoOr<FdEntry *> Any = Context.fds().get(Fd, 0);
  if (!Any)
    return Any;
  if ((*Any)->Type != filetype::SocketStream && (*Any)->Type != filetype::SocketDgram)
    return Errno::NotSock;
  return Context.fds().get(Fd, Rights);
}

Errno sockAccept(WasiContext &Context, uint32_t Fd, uint32_t Flags, uint32_t AcceptedFdPtr) {
  if (Flags & ~uint32_t(fdflags::Nonblock))
    return Errno::Inval;
  ErrnoOr<FdEntry *> Listener = socketEntry(Context, Fd, rights::SockAccept);
  if (!Listener)
    return Listener.error();
  if (!Context.memory().contains(AcceptedFdPtr, 4))
    return Errno::Fault;
  int SocketFlags = SOCK_CLOEXEC | ((Flags & fdflags::Nonblock) ? SOCK_NONBLOCK : 0);
  FdEntry Entry;
  Entry.Host = UniqueFd(retryOnEintr(
      [&] { return accept4((*Listener)->Host.get(), nullptr, nullptr, SocketFlags); }));
  if (!Entry.Host)
    return lastHostErrno();
  ErrnoOr<uint8_t> Type = filetypeOf(Entry.Host.get());
  if (!Type)
    return Type.error();
  Entry.Type = *Type;
  // A connection has at most the rights the listening socket passes on.
  Rights Applicable = applicableRights(*Type);
  Entry.Granted = {Applicable.Base & (*Listener)->Granted.Inheriting,
                   Applicable.Inheriting & (*Listener)->Granted.Inheriting};
  Context.memory().store(AcceptedFdPtr, Context.fds().insert(std::move(Entry)));
  return Errno::Success;
}

Errno sockRecv(WasiContext &Context, uint32_t Fd, uint32_t RiData, uint32_t RiDataLen,
               uint32_t RiFlags, uint32_t RoDataLenPtr, uint32_t RoFlagsPtr) {
  if (RiFlags & ~uint32_t(riflags::RecvPeek | riflags::RecvWaitall))
    return Errno::Inval;
  if (!Context.memory().contains(RoFlagsPtr, 2))
    return Errno::Fault;
  int HostFlags = ((RiFlags & riflags::RecvPeek) ? MSG_PEEK : 0) |
                  ((RiFlags & riflags::RecvWaitall) ? MSG_WAITALL : 0);
  if (ErrnoOr<FdEntry *> Socket = socketEntry(Context, Fd, rights::FdRead); !Socket)
    return Socket.error();
  int ReceivedFlags = 0;
  Errno Result = transferVectors(Context, Fd, rights::FdRead, RiData, RiDataLen, RoDataLenPtr,
                                 [&](const FdEntry &Entry, const std::vector<iovec> &Buffers) {
                                   msghdr Message = {};
                                   Message.msg_iov = const_cast<iovec *>(Buffers.data());
                                   Message.msg_iovlen = Buffers.size();
                                   ssize_t Received = retryOnEintr([&] {
                                     return recvmsg(Entry.Host.get(), &Message, HostFlags);
                                   });
                                   ReceivedFlags = Message.msg_flags;
                                   return Received;
                                 });
  if (Result != Errno::Success)
    return Result;
  uint16_t RoFlags = (ReceivedFlags & MSG_TRUNC) ? roflags::RecvDataTruncated : 0;
  Context.memory().store(RoFlagsPtr, RoFlags);
  return Errno::Success;
}

Errno sockSend(WasiContext &Context, uint32_t Fd, uint32_t SiData, uint32_t SiDataLen,
               uint32_t SiFlags, uint32_t SoDataLenPtr) {
  // siflags has no flags defined.
  if (SiFlags != 0)
    return Errno::Inval;
  if (ErrnoOr<FdEntry *> Socket = socketEntry(Context, Fd, rights::FdWrite); !Socket)
    return Socket.error();
  return transferVectors(Context, Fd, rights::FdWrite, SiData, SiDataLen, SoDataLenPtr,
                         [](const FdEntry &Entry, const std::vector<iovec> &Buffers) {
                           return writeVectors(Entry, Buffers);
                         });
}

Errno sockShutdown(WasiContext &Context, uint32_t Fd, uint32_t How) {
  int HostHow;
  switch (How) {
  case sdflags::Rd:
    HostHow = SHUT_RD;
    break;
  case sdflags::Wr:
    HostHow = SHUT_WR;
    break;
  case sdflags::Rd | sdflags::Wr:
    HostHow = SHUT_RDWR;
    break;
  default:
    return Errno::Inval;
  }
  ErrnoOr<FdEntry *> Entry = socketEntry(Context, Fd, rights::SockShutdown);
  if (!Entry)
    return Entry.error();
  return hostCall(shutdown((*Entry)->Host.get(), HostHow));
}

} // namespace

void addSocketFunctions(HostModule &Module) {
  addWasiFunction<&sockAccept>(Module, "sock_accept");
  addWasiFunction<&sockRecv>(Module, "sock_recv");
  addWasiFunction<&sockSend>(Module, "sock_send");
  addWasiFunction<&sockShutdown>(Module, "sock_shutdown");
}

} // namespace wasmaot::runtime::wasi
