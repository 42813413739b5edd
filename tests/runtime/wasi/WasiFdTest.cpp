//===- wasi/WasiFdTest.cpp - Descriptor management and metadata -----------===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

std::string sandboxFile(std::string_view Name) {
  return std::string(SandboxDir) + "/" + std::string(Name);
}

} // namespace

TEST_CASE("fd_fdstat_get describes preopens, files and stdio", "[wasi]") {
  int Pipe[2];
  REQUIRE(pipe2(Pipe, O_CLOEXEC) == 0);
  int Null = open("/dev/null", O_RDWR | O_CLOEXEC);
  WasiFixture W([&](WasiOptions &O) {
    O.Stdin = Pipe[0];
    O.Stdout = Null;
  });
  close(Pipe[0]);
  close(Pipe[1]);
  close(Null);

  Fdstat Dir = W.fdstat(WasiFixture::Sandbox);
  CHECK(Dir.Filetype == filetype::Directory);
  CHECK((Dir.RightsBase & rights::PathOpen));
  CHECK_FALSE((Dir.RightsBase & rights::FdWrite));
  CHECK((Dir.RightsInheriting & rights::FdWrite));

  uint32_t File = W.open("file.txt", 0, rights::FdRead | rights::FdSeek, fdflags::Append);
  Fdstat Stat = W.fdstat(File);
  CHECK(Stat.Filetype == filetype::RegularFile);
  CHECK(Stat.Flags == fdflags::Append);
  CHECK(Stat.RightsBase == (rights::FdRead | rights::FdSeek));
  CHECK(Stat.RightsInheriting == 0);

  // A FIFO has no WASI filetype; /dev/null is a character device, without
  // the seek and tell rights wasi-libc's isatty looks for.
  CHECK(W.fdstat(0).Filetype == filetype::Unknown);
  Fdstat Device = W.fdstat(1);
  CHECK(Device.Filetype == filetype::CharacterDevice);
  CHECK_FALSE((Device.RightsBase & (rights::FdSeek | rights::FdTell)));
  CHECK((Device.RightsBase & rights::FdWrite));

  CHECK(W.call(FdFdstatGet, 42, W.alloc(24)) == Errno::BadF);
  CHECK(W.call(FdFdstatGet, File, W.memorySize() - 23) == Errno::Fault);
}

TEST_CASE("fd_fdstat_set_flags changes append and nonblock only", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdWrite | rights::FdFdstatSetFlags);
  REQUIRE(W.call(FdFdstatSetFlags, File, fdflags::Append) == Errno::Success);
  CHECK(W.fdstat(File).Flags == fdflags::Append);
  W.write(File, "!");
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello!");

  REQUIRE(W.call(FdFdstatSetFlags, File, fdflags::Nonblock) == Errno::Success);
  CHECK(W.fdstat(File).Flags == fdflags::Nonblock);
  CHECK(W.call(FdFdstatSetFlags, File, fdflags::Sync) == Errno::NotSup);
  CHECK(W.call(FdFdstatSetFlags, File, 1 << 5) == Errno::Inval);
  uint32_t ReadOnly = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdFdstatSetFlags, ReadOnly, fdflags::Append) == Errno::NotCapable);
}

TEST_CASE("fd_fdstat_set_rights only drops rights", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead | rights::FdWrite);
  CHECK(W.call(FdFdstatSetRights, File, rights::FdRead | rights::FdWrite | rights::FdSeek, 0) ==
        Errno::NotCapable);
  CHECK(W.call(FdFdstatSetRights, File, rights::FdRead, rights::FdRead) == Errno::NotCapable);
  REQUIRE(W.call(FdFdstatSetRights, File, rights::FdRead, 0) == Errno::Success);
  CHECK(W.fdstat(File).RightsBase == rights::FdRead);
  CHECK(W.call(FdWrite, File, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::NotCapable);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
  // Dropped for good.
  CHECK(W.call(FdFdstatSetRights, File, rights::FdRead | rights::FdWrite, 0) == Errno::NotCapable);
  CHECK(W.call(FdFdstatSetRights, 42, 0, 0) == Errno::BadF);
}

TEST_CASE("fd_prestat_get and fd_prestat_dir_name describe preopens", "[wasi]") {
  WasiFixture W;
  uint32_t Prestat = W.alloc(8);
  REQUIRE(W.call(FdPrestatGet, WasiFixture::Sandbox, Prestat) == Errno::Success);
  CHECK(W.load<uint8_t>(Prestat) == preopentype::Dir);
  CHECK(W.load<uint32_t>(Prestat + 4) == 8);
  uint32_t Name = W.alloc(8);
  REQUIRE(W.call(FdPrestatDirName, WasiFixture::Sandbox, Name, 8) == Errno::Success);
  CHECK(W.bytes(Name, 8) == "/sandbox");
  CHECK(W.call(FdPrestatDirName, WasiFixture::Sandbox, Name, 7) == Errno::NameTooLong);
  CHECK(W.call(FdPrestatDirName, WasiFixture::Sandbox, W.memorySize() - 4, 8) == Errno::Fault);

  // Anything but a preopen is EBADF: wasi-libc stops looking for preopens there.
  CHECK(W.call(FdPrestatGet, 0, Prestat) == Errno::BadF);
  CHECK(W.call(FdPrestatGet, 4, Prestat) == Errno::BadF);
  uint32_t Sub = W.open("dir", oflags::Directory, rights::FdReaddir);
  CHECK(W.call(FdPrestatGet, Sub, Prestat) == Errno::BadF);
  CHECK(W.call(FdPrestatGet, WasiFixture::Sandbox, W.memorySize() - 7) == Errno::Fault);
}

TEST_CASE("fd_filestat_get, fd_filestat_set_size and fd_filestat_set_times", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, WasiFixture::FileRights);
  Filestat Stat = W.filestat(File);
  CHECK(Stat.Filetype == filetype::RegularFile);
  CHECK(Stat.Size == 5);
  CHECK(Stat.Nlink == 1);
  struct stat Host;
  REQUIRE(stat(W.Tree.path(sandboxFile("file.txt")).c_str(), &Host) == 0);
  CHECK(Stat.Ino == Host.st_ino);
  CHECK(Stat.Dev == Host.st_dev);

  REQUIRE(W.call(FdFilestatSetSize, File, 2) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "he");
  CHECK(W.call(FdFilestatSetSize, File, -1) == Errno::Inval);

  uint64_t Atim = 1'000'000'123, Mtim = 2'000'000'456;
  REQUIRE(W.call(FdFilestatSetTimes, File, Atim, Mtim, fstflags::Atim | fstflags::Mtim) ==
          Errno::Success);
  Stat = W.filestat(File);
  CHECK(Stat.Atim == Atim);
  CHECK(Stat.Mtim == Mtim);
  // Only the access time, to now; the modification time stays.
  REQUIRE(W.call(FdFilestatSetTimes, File, 0, 0, fstflags::AtimNow) == Errno::Success);
  Stat = W.filestat(File);
  CHECK(Stat.Atim > Atim);
  CHECK(Stat.Mtim == Mtim);
  CHECK(W.call(FdFilestatSetTimes, File, 0, 0, fstflags::Mtim | fstflags::MtimNow) == Errno::Inval);
  CHECK(W.call(FdFilestatSetTimes, File, 0, 0, 1 << 4) == Errno::Inval);

  uint32_t ReadOnly = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdFilestatGet, ReadOnly, W.alloc(64)) == Errno::NotCapable);
  CHECK(W.call(FdFilestatSetSize, ReadOnly, 0) == Errno::NotCapable);
  CHECK(W.call(FdFilestatSetTimes, ReadOnly, 0, 0, fstflags::AtimNow) == Errno::NotCapable);
  CHECK(W.call(FdFilestatGet, File, W.memorySize() - 63) == Errno::Fault);
}

TEST_CASE("fd_advise, fd_allocate, fd_datasync and fd_sync", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, WasiFixture::FileRights);
  CHECK(W.call(FdAdvise, File, 0, 5, advice::Sequential) == Errno::Success);
  CHECK(W.call(FdAdvise, File, 0, 5, advice::NoReuse + 1) == Errno::Inval);
  REQUIRE(W.call(FdAllocate, File, 0, 4096) == Errno::Success);
  CHECK(W.filestat(File).Size == 4096);
  CHECK(W.call(FdAllocate, File, -1, 1) == Errno::Inval);
  CHECK(W.call(FdDatasync, File) == Errno::Success);
  CHECK(W.call(FdSync, File) == Errno::Success);

  uint32_t ReadOnly = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdAdvise, ReadOnly, 0, 0, advice::Normal) == Errno::NotCapable);
  CHECK(W.call(FdAllocate, ReadOnly, 0, 1) == Errno::NotCapable);
  CHECK(W.call(FdDatasync, ReadOnly) == Errno::NotCapable);
  CHECK(W.call(FdSync, ReadOnly) == Errno::NotCapable);
  CHECK(W.call(FdSync, 99) == Errno::BadF);
}

TEST_CASE("fd_seek and fd_tell move and report the offset", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead | rights::FdSeek | rights::FdTell);
  uint32_t Offset = W.alloc(8);
  REQUIRE(W.call(FdSeek, File, 1, whence::Set, Offset) == Errno::Success);
  CHECK(W.load<uint64_t>(Offset) == 1);
  REQUIRE(W.call(FdSeek, File, 2, whence::Cur, Offset) == Errno::Success);
  CHECK(W.load<uint64_t>(Offset) == 3);
  CHECK(W.read(File) == "lo");
  REQUIRE(W.call(FdTell, File, Offset) == Errno::Success);
  CHECK(W.load<uint64_t>(Offset) == 5);
  REQUIRE(W.call(FdSeek, File, -4, whence::End, Offset) == Errno::Success);
  CHECK(W.load<uint64_t>(Offset) == 1);
  CHECK(W.call(FdSeek, File, -10, whence::Cur, Offset) == Errno::Inval);
  CHECK(W.call(FdSeek, File, 0, 3, Offset) == Errno::Inval);
  CHECK(W.call(FdSeek, File, 0, whence::Set, W.memorySize() - 7) == Errno::Fault);
  CHECK(W.call(FdTell, File, W.memorySize() - 7) == Errno::Fault);

  // Only fd_tell: asking where the offset is works, moving it does not.
  uint32_t TellOnly = W.open("file.txt", 0, rights::FdRead | rights::FdTell);
  CHECK(W.call(FdSeek, TellOnly, 0, whence::Cur, Offset) == Errno::Success);
  CHECK(W.call(FdSeek, TellOnly, 1, whence::Set, Offset) == Errno::NotCapable);
  uint32_t NoRights = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdTell, NoRights, Offset) == Errno::NotCapable);
}

TEST_CASE("fd_seek on a pipe is ESPIPE", "[wasi]") {
  int Pipe[2];
  REQUIRE(pipe2(Pipe, O_CLOEXEC) == 0);
  WasiFixture W([&](WasiOptions &O) { O.Stdin = Pipe[0]; });
  close(Pipe[0]);
  close(Pipe[1]);
  CHECK(W.call(FdSeek, 0, 0, whence::Set, W.alloc(8)) == Errno::SPipe);
}

TEST_CASE("fd_close closes once", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdClose, File) == Errno::Success);
  CHECK(W.call(FdClose, File) == Errno::BadF);
  CHECK(W.call(FdRead, File, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::BadF);
  // The lowest free number is reused.
  CHECK(W.open("file.txt", 0, rights::FdRead) == File);
  // Preopens can be closed too.
  CHECK(W.call(FdClose, WasiFixture::Sandbox) == Errno::Success);
  CHECK(W.call(PathCreateDirectory, WasiFixture::Sandbox, W.str("new")) == Errno::BadF);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new")));
}

TEST_CASE("fd_renumber moves a descriptor over another", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  uint32_t Nested = W.open("dir/nested.txt", 0, rights::FdRead);
  REQUIRE(W.call(FdRenumber, Nested, File) == Errno::Success);
  CHECK(W.read(File) == "nested");
  CHECK(W.call(FdClose, Nested) == Errno::BadF);
  CHECK(W.call(FdRenumber, File, File) == Errno::Success);
  CHECK(W.call(FdRenumber, File, 77) == Errno::BadF);
  CHECK(W.call(FdRenumber, 77, File) == Errno::BadF);
  CHECK(W.read(File) == "");
}
