//===- wasi/ErrnoTest.cpp - WASI errno values and host errno mapping ------===//
#include "wasi/Errno.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <map>

using namespace wasmaot::runtime::wasi;

TEST_CASE("wasi errno values are those of typenames.witx", "[wasi]") {
  CHECK(uint16_t(Errno::Success) == 0);
  CHECK(uint16_t(Errno::TooBig) == 1);
  CHECK(uint16_t(Errno::Acces) == 2);
  CHECK(uint16_t(Errno::BadF) == 8);
  CHECK(uint16_t(Errno::Exist) == 20);
  CHECK(uint16_t(Errno::Fault) == 21);
  CHECK(uint16_t(Errno::Inval) == 28);
  CHECK(uint16_t(Errno::Io) == 29);
  CHECK(uint16_t(Errno::IsDir) == 31);
  CHECK(uint16_t(Errno::Loop) == 32);
  CHECK(uint16_t(Errno::NameTooLong) == 37);
  CHECK(uint16_t(Errno::NoEnt) == 44);
  CHECK(uint16_t(Errno::NoSys) == 52);
  CHECK(uint16_t(Errno::NotDir) == 54);
  CHECK(uint16_t(Errno::NotEmpty) == 55);
  CHECK(uint16_t(Errno::NotSock) == 57);
  CHECK(uint16_t(Errno::Perm) == 63);
  CHECK(uint16_t(Errno::SPipe) == 70);
  CHECK(uint16_t(Errno::XDev) == 75);
  CHECK(uint16_t(Errno::NotCapable) == 76);
}

TEST_CASE("wasi maps host errnos to the WASI errno of the same name", "[wasi]") {
  CHECK(fromHostErrno(0) == Errno::Success);
  CHECK(fromHostErrno(E2BIG) == Errno::TooBig);
  CHECK(fromHostErrno(EACCES) == Errno::Acces);
  CHECK(fromHostErrno(EAGAIN) == Errno::Again);
  CHECK(fromHostErrno(EWOULDBLOCK) == Errno::Again);
  CHECK(fromHostErrno(EOPNOTSUPP) == Errno::NotSup);
  CHECK(fromHostErrno(ENOENT) == Errno::NoEnt);
  CHECK(fromHostErrno(ENOTEMPTY) == Errno::NotEmpty);
  CHECK(fromHostErrno(EXDEV) == Errno::XDev);
  CHECK(fromHostErrno(ETXTBSY) == Errno::TxtBsy);
  CHECK(fromHostErrno(EPIPE) == Errno::Pipe);
  // Host errnos WASI has no name for.
  CHECK(fromHostErrno(ENOKEY) == Errno::Io);
  CHECK(fromHostErrno(EREMOTEIO) == Errno::Io);

  errno = ELOOP;
  CHECK(lastHostErrno() == Errno::Loop);
  errno = ENOTDIR;
  CHECK(hostCall(-1) == Errno::NotDir);
  CHECK(hostCall(0) == Errno::Success);
  CHECK(hostCall(5) == Errno::Success);
}

TEST_CASE("wasi maps every host errno to a distinct WASI errno", "[wasi]") {
  // Two host errnos with the same WASI errno would be a typo in the table,
  // except for Linux's aliases and the fallback Io.
  std::map<Errno, int> Seen;
  for (int Host = 1; Host < 134; ++Host) {
    Errno Wasi = fromHostErrno(Host);
    if (Wasi == Errno::Io && Host != EIO)
      continue;
    auto [It, Inserted] = Seen.emplace(Wasi, Host);
    INFO("host errnos " << It->second << " and " << Host);
    CHECK(Inserted);
  }
  // Every WASI errno but Success and NotCapable (which is the sandbox's, not
  // the host's) has a host errno.
  CHECK(Seen.size() == 75);
}
