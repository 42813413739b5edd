//===- wasi/WasiSocketTest.cpp - sock_* on sockets the host handed in -----===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

/// The guest's number of the first socket: after stdio and the sandbox.
constexpr uint32_t GuestSocket = 4;

/// A connected pair: Guest goes to the guest, Host stays here.
struct SocketPair {
  int Guest = -1, Host = -1;
  explicit SocketPair(int Type = SOCK_STREAM) {
    int Fds[2];
    REQUIRE(socketpair(AF_UNIX, Type | SOCK_CLOEXEC, 0, Fds) == 0);
    Guest = Fds[0];
    Host = Fds[1];
  }
  ~SocketPair() {
    close(Guest);
    if (Host >= 0)
      close(Host);
  }
  std::string receive() const {
    char Buffer[256];
    ssize_t Count = recv(Host, Buffer, sizeof Buffer, MSG_DONTWAIT);
    return Count > 0 ? std::string(Buffer, size_t(Count)) : "";
  }
};

struct Received {
  Errno Result;
  std::string Data;
  uint16_t Flags;
};

Received receive(WasiFixture &W, uint32_t Fd, uint32_t Max, uint32_t RiFlags = 0) {
  uint32_t Buffer = W.alloc(Max);
  uint32_t Length = W.alloc(4), Flags = W.alloc(2);
  Errno Result = W.call(SockRecv, Fd, W.iovecsOver({{Buffer, Max}}), 1, RiFlags, Length, Flags);
  if (Result != Errno::Success)
    return {Result, "", 0};
  return {Result, W.bytes(Buffer, W.load<uint32_t>(Length)), W.load<uint16_t>(Flags)};
}

} // namespace

TEST_CASE("sock_recv and sock_send exchange data with the host", "[wasi]") {
  SocketPair Pair;
  WasiFixture W([&](WasiOptions &O) { O.Sockets = {Pair.Guest}; });
  Fdstat Stat = W.fdstat(GuestSocket);
  CHECK(Stat.Filetype == filetype::SocketStream);
  CHECK((Stat.RightsBase & rights::SockShutdown));

  REQUIRE(send(Pair.Host, "ping", 4, 0) == 4);
  Received Peeked = receive(W, GuestSocket, 16, riflags::RecvPeek);
  CHECK(Peeked.Result == Errno::Success);
  CHECK(Peeked.Data == "ping");
  Received Got = receive(W, GuestSocket, 16);
  CHECK(Got.Data == "ping");
  CHECK(Got.Flags == 0);

  uint32_t Sent = W.alloc(4);
  REQUIRE(W.call(SockSend, GuestSocket, W.iovecs({"po", "ng"}), 2, 0, Sent) == Errno::Success);
  CHECK(W.load<uint32_t>(Sent) == 4);
  CHECK(Pair.receive() == "pong");
  // fd_read and fd_write work on sockets too.
  CHECK(W.write(GuestSocket, "fd") == 2);
  CHECK(Pair.receive() == "fd");

  CHECK(receive(W, GuestSocket, 16, 4).Result == Errno::Inval);
  CHECK(W.call(SockSend, GuestSocket, W.iovecs({"x"}), 1, 1, Sent) == Errno::Inval);
  CHECK(W.call(SockSend, GuestSocket, W.iovecs({"x"}), 1, 0, W.memorySize()) == Errno::Fault);
  CHECK(W.call(SockRecv, GuestSocket, W.iovecs({"x"}), 1, 0, W.alloc(4), W.memorySize() - 1) ==
        Errno::Fault);
  CHECK(Pair.receive() == "");
}

TEST_CASE("sock_recv reports truncated datagrams", "[wasi]") {
  SocketPair Pair(SOCK_DGRAM);
  WasiFixture W([&](WasiOptions &O) { O.Sockets = {Pair.Guest}; });
  CHECK(W.fdstat(GuestSocket).Filetype == filetype::SocketDgram);
  REQUIRE(send(Pair.Host, "datagram", 8, 0) == 8);
  Received Got = receive(W, GuestSocket, 4);
  CHECK(Got.Data == "data");
  CHECK(Got.Flags == roflags::RecvDataTruncated);
}

TEST_CASE("writing to a socket whose peer is gone is EPIPE, not SIGPIPE", "[wasi]") {
  SocketPair Pair;
  WasiFixture W([&](WasiOptions &O) { O.Sockets = {Pair.Guest}; });
  close(Pair.Host);
  Pair.Host = -1;
  CHECK(W.call(SockSend, GuestSocket, W.iovecs({"x"}), 1, 0, W.alloc(4)) == Errno::Pipe);
  CHECK(W.call(FdWrite, GuestSocket, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::Pipe);
}

TEST_CASE("sock_shutdown shuts down either direction", "[wasi]") {
  SocketPair Pair;
  WasiFixture W([&](WasiOptions &O) { O.Sockets = {Pair.Guest}; });
  CHECK(W.call(SockShutdown, GuestSocket, 0) == Errno::Inval);
  CHECK(W.call(SockShutdown, GuestSocket, 4) == Errno::Inval);
  REQUIRE(W.call(SockShutdown, GuestSocket, sdflags::Wr) == Errno::Success);
  char Byte;
  CHECK(recv(Pair.Host, &Byte, 1, 0) == 0);
  REQUIRE(W.call(SockShutdown, GuestSocket, sdflags::Rd | sdflags::Wr) == Errno::Success);
  CHECK(receive(W, GuestSocket, 4).Data == "");
}

TEST_CASE("sock_accept accepts connections on a listening socket", "[wasi]") {
  TempTree Tree;
  sockaddr_un Address = {};
  Address.sun_family = AF_UNIX;
  std::string Path = Tree.path("socket");
  REQUIRE(Path.size() < sizeof Address.sun_path);
  std::memcpy(Address.sun_path, Path.c_str(), Path.size() + 1);
  int Listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(bind(Listener, reinterpret_cast<sockaddr *>(&Address), sizeof Address) == 0);
  REQUIRE(listen(Listener, 4) == 0);
  WasiFixture W([&](WasiOptions &O) { O.Sockets = {Listener}; });
  close(Listener);

  // A non-blocking listener without pending connections.
  uint32_t Accepted = W.alloc(4);
  REQUIRE(W.call(FdFdstatSetFlags, GuestSocket, fdflags::Nonblock) == Errno::Success);
  CHECK(W.call(SockAccept, GuestSocket, 0, Accepted) == Errno::Again);
  int Client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(connect(Client, reinterpret_cast<sockaddr *>(&Address), sizeof Address) == 0);
  CHECK(W.call(SockAccept, GuestSocket, fdflags::Append, Accepted) == Errno::Inval);
  CHECK(W.call(SockAccept, GuestSocket, 0, W.memorySize()) == Errno::Fault);
  // The flags are the new connection's.
  REQUIRE(W.call(SockAccept, GuestSocket, fdflags::Nonblock, Accepted) == Errno::Success);
  uint32_t Connection = W.load<uint32_t>(Accepted);
  CHECK(Connection == GuestSocket + 1);
  Fdstat Stat = W.fdstat(Connection);
  CHECK(Stat.Filetype == filetype::SocketStream);
  CHECK(Stat.Flags == fdflags::Nonblock);
  CHECK(receive(W, Connection, 8).Result == Errno::Again);
  CHECK((Stat.RightsBase & rights::FdRead));
  REQUIRE(send(Client, "hi", 2, 0) == 2);
  CHECK(receive(W, Connection, 8).Data == "hi");
  close(Client);
}

TEST_CASE("sock_* refuse descriptors that are not sockets", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead | rights::FdWrite);
  CHECK(receive(W, File, 4).Result == Errno::NotSock);
  CHECK(W.call(SockSend, File, W.iovecs({"x"}), 1, 0, W.alloc(4)) == Errno::NotSock);
  CHECK(W.call(SockAccept, File, 0, W.alloc(4)) == Errno::NotSock);
  CHECK(W.call(SockShutdown, File, sdflags::Rd) == Errno::NotSock);
  CHECK(W.call(SockShutdown, 42, sdflags::Rd) == Errno::BadF);
  CHECK(W.Tree.read(std::string(SandboxDir) + "/file.txt") == "hello");
}
