//===- wasi/WasiFdIoTest.cpp - fd_read, fd_write, fd_pread, fd_pwrite, fd_readdir
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <map>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

std::string sandboxFile(std::string_view Name) {
  return std::string(SandboxDir) + "/" + std::string(Name);
}

/// A pipe whose ends are closed with the test.
struct Pipe {
  int Read = -1, Write = -1;
  explicit Pipe(int Flags = 0) {
    int Fds[2];
    REQUIRE(pipe2(Fds, O_CLOEXEC | Flags) == 0);
    Read = Fds[0];
    Write = Fds[1];
  }
  ~Pipe() {
    close(Read);
    close(Write);
  }
  std::string drain() const {
    char Buffer[256];
    ssize_t Count = ::read(Read, Buffer, sizeof Buffer);
    return Count > 0 ? std::string(Buffer, size_t(Count)) : "";
  }
};

struct ReaddirEntry {
  uint64_t Next;
  uint64_t Ino;
  uint8_t Type;
  std::string Name;
};

/// Parses the complete entries of an fd_readdir buffer.
std::vector<ReaddirEntry> parseDirents(const WasiFixture &W, uint32_t Buf, uint32_t Used) {
  std::vector<ReaddirEntry> Entries;
  uint32_t Offset = 0;
  while (Offset + sizeof(Dirent) <= Used) {
    Dirent Header = W.load<Dirent>(Buf + Offset);
    Offset += sizeof(Dirent);
    if (Offset + Header.NameLen > Used)
      break;
    Entries.push_back(
        {Header.Next, Header.Ino, Header.Type, W.bytes(Buf + Offset, Header.NameLen)});
    Offset += Header.NameLen;
  }
  return Entries;
}

} // namespace

TEST_CASE("fd_write writes every iovec to the host's stdout", "[wasi]") {
  Pipe Out;
  WasiFixture W([&](WasiOptions &O) { O.Stdout = Out.Write; });
  uint32_t Written = W.alloc(4);
  REQUIRE(W.call(FdWrite, 1, W.iovecs({"hello", ", ", "", "world\n"}), 4, Written) ==
          Errno::Success);
  CHECK(W.load<uint32_t>(Written) == 13);
  CHECK(Out.drain() == "hello, world\n");
  // No iovecs: nothing written.
  REQUIRE(W.call(FdWrite, 1, W.alloc(0), 0, Written) == Errno::Success);
  CHECK(W.load<uint32_t>(Written) == 0);
}

TEST_CASE("fd_write reports a partial write's count", "[wasi]") {
  Pipe Out(O_NONBLOCK);
  int Capacity = fcntl(Out.Write, F_SETPIPE_SZ, 4096);
  REQUIRE(Capacity > 0);
  REQUIRE(Capacity < 60000);
  WasiFixture W([&](WasiOptions &O) { O.Stdout = Out.Write; });
  uint32_t Buffer = W.alloc(60000);
  uint32_t Written = W.alloc(4);
  REQUIRE(W.call(FdWrite, 1, W.iovecsOver({{Buffer, 60000}}), 1, Written) == Errno::Success);
  CHECK(W.load<uint32_t>(Written) == uint32_t(Capacity));
  // Full: the host's EAGAIN is the guest's.
  CHECK(W.call(FdWrite, 1, W.iovecsOver({{Buffer, 1}}), 1, Written) == Errno::Again);
}

TEST_CASE("fd_write checks every buffer before writing anything", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdWrite);
  uint32_t Good = W.str("XX").Ptr;
  uint32_t End = W.memorySize();
  uint32_t Written = W.alloc(4);
  CHECK(W.call(FdWrite, File, W.iovecsOver({{Good, 2}, {End - 1, 2}}), 2, Written) == Errno::Fault);
  CHECK(W.call(FdWrite, File, W.iovecsOver({{Good, 2}, {0xFFFFFFFF, 0xFFFFFFFF}}), 2, Written) ==
        Errno::Fault);
  CHECK(W.call(FdWrite, File, End - 8, 2, Written) == Errno::Fault);
  CHECK(W.call(FdWrite, File, W.iovecsOver({{Good, 2}}), 1, End - 3) == Errno::Fault);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
  // A zero-length buffer may sit at the very end.
  REQUIRE(W.call(FdWrite, File, W.iovecsOver({{End, 0}}), 1, Written) == Errno::Success);
  CHECK(W.load<uint32_t>(Written) == 0);
}

TEST_CASE("fd_write needs the fd_write right", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdWrite, File, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::NotCapable);
  CHECK(W.call(FdWrite, WasiFixture::Sandbox, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::NotCapable);
  CHECK(W.call(FdWrite, 42, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::BadF);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
}

TEST_CASE("fd_read reads the host's stdin into every iovec", "[wasi]") {
  Pipe In;
  WasiFixture W([&](WasiOptions &O) { O.Stdin = In.Read; });
  REQUIRE(::write(In.Write, "abcdefg", 7) == 7);
  uint32_t A = W.alloc(3), B = W.alloc(10);
  uint32_t Count = W.alloc(4);
  REQUIRE(W.call(FdRead, 0, W.iovecsOver({{A, 3}, {B, 10}}), 2, Count) == Errno::Success);
  CHECK(W.load<uint32_t>(Count) == 7);
  CHECK(W.bytes(A, 3) == "abc");
  CHECK(W.bytes(B, 4) == "defg");
  // End of file.
  close(In.Write);
  In.Write = -1;
  REQUIRE(W.call(FdRead, 0, W.iovecsOver({{A, 3}}), 1, Count) == Errno::Success);
  CHECK(W.load<uint32_t>(Count) == 0);
  CHECK(W.call(FdRead, 0, W.iovecsOver({{W.memorySize() - 2, 3}}), 1, Count) == Errno::Fault);
  uint32_t WriteOnly = W.open("file.txt", 0, rights::FdWrite);
  CHECK(W.call(FdRead, WriteOnly, W.iovecsOver({{A, 3}}), 1, Count) == Errno::NotCapable);
}

TEST_CASE("fd_pread and fd_pwrite use the offset and leave the position alone", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, WasiFixture::FileRights);
  uint32_t Count = W.alloc(4);
  REQUIRE(W.call(FdPwrite, File, W.iovecs({"J", "Y"}), 2, 1, Count) == Errno::Success);
  CHECK(W.load<uint32_t>(Count) == 2);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hJYlo");
  uint32_t Buffer = W.alloc(8);
  REQUIRE(W.call(FdPread, File, W.iovecsOver({{Buffer, 8}}), 1, 3, Count) == Errno::Success);
  CHECK(W.load<uint32_t>(Count) == 2);
  CHECK(W.bytes(Buffer, 2) == "lo");
  // Neither moved the position: a plain read starts at 0.
  CHECK(W.read(File) == "hJYlo");
  CHECK(W.call(FdPread, File, W.iovecsOver({{Buffer, 8}}), 1, -1, Count) == Errno::Inval);

  uint32_t NoSeek = W.open("file.txt", 0, rights::FdRead | rights::FdWrite);
  CHECK(W.call(FdPread, NoSeek, W.iovecsOver({{Buffer, 8}}), 1, 0, Count) == Errno::NotCapable);
  CHECK(W.call(FdPwrite, NoSeek, W.iovecs({"x"}), 1, 0, Count) == Errno::NotCapable);
  CHECK(W.call(FdPwrite, File, W.iovecs({"x"}), 1, 0, W.memorySize()) == Errno::Fault);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hJYlo");
}

TEST_CASE("fd_readdir lists every entry with its type, . and .. included", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  uint32_t Buf = W.alloc(1024);
  uint32_t Used = W.alloc(4);
  REQUIRE(W.call(FdReaddir, WasiFixture::Sandbox, Buf, 1024, 0, Used) == Errno::Success);
  REQUIRE(W.load<uint32_t>(Used) < 1024);
  std::vector<ReaddirEntry> Entries = parseDirents(W, Buf, W.load<uint32_t>(Used));
  std::map<std::string, uint8_t> Types;
  for (size_t I = 0; I < Entries.size(); ++I) {
    Types[Entries[I].Name] = Entries[I].Type;
    CHECK(Entries[I].Next == I + 1);
  }
  CHECK(Types == std::map<std::string, uint8_t>{{".", filetype::Directory},
                                                {"..", filetype::Directory},
                                                {"file.txt", filetype::RegularFile},
                                                {"dir", filetype::Directory},
                                                {"link", filetype::SymbolicLink}});
  for (const ReaddirEntry &E : Entries)
    if (E.Name == "file.txt")
      CHECK(E.Ino == W.filestat(W.open("file.txt", 0, rights::FdFilestatGet)).Ino);
}

TEST_CASE("fd_readdir continues from a cookie and cuts off what does not fit", "[wasi]") {
  WasiFixture W;
  uint32_t Buf = W.alloc(1024);
  uint32_t Used = W.alloc(4);
  REQUIRE(W.call(FdReaddir, WasiFixture::Sandbox, Buf, 1024, 0, Used) == Errno::Success);
  std::vector<ReaddirEntry> All = parseDirents(W, Buf, W.load<uint32_t>(Used));
  REQUIRE(All.size() == 4);

  // A buffer holding one entry and a half: bufused equals the buffer size.
  uint32_t Small = W.alloc(40);
  uint32_t Length = uint32_t(sizeof(Dirent) + All[0].Name.size() + 8);
  REQUIRE(W.call(FdReaddir, WasiFixture::Sandbox, Small, Length, 0, Used) == Errno::Success);
  CHECK(W.load<uint32_t>(Used) == Length);
  std::vector<ReaddirEntry> First = parseDirents(W, Small, Length);
  REQUIRE(First.size() == 1);
  CHECK(First[0].Name == All[0].Name);

  // Paging with each entry's cookie visits the rest, in the same order.
  std::vector<std::string> Names = {First[0].Name};
  uint64_t Cookie = First[0].Next;
  for (;;) {
    REQUIRE(W.call(FdReaddir, WasiFixture::Sandbox, Small, 40, Cookie, Used) == Errno::Success);
    std::vector<ReaddirEntry> Page = parseDirents(W, Small, W.load<uint32_t>(Used));
    if (Page.empty())
      break;
    Names.push_back(Page[0].Name);
    Cookie = Page[0].Next;
  }
  REQUIRE(Names.size() == All.size());
  for (size_t I = 0; I < All.size(); ++I)
    CHECK(Names[I] == All[I].Name);

  REQUIRE(W.call(FdReaddir, WasiFixture::Sandbox, Small, 40, 1000, Used) == Errno::Success);
  CHECK(W.load<uint32_t>(Used) == 0);
}

TEST_CASE("fd_readdir needs a directory with fd_readdir and a buffer in bounds", "[wasi]") {
  WasiFixture W;
  uint32_t Used = W.alloc(4);
  CHECK(W.call(FdReaddir, WasiFixture::Sandbox, W.memorySize() - 10, 11, 0, Used) == Errno::Fault);
  CHECK(W.call(FdReaddir, WasiFixture::Sandbox, W.alloc(64), 64, 0, W.memorySize()) ==
        Errno::Fault);
  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(FdReaddir, File, W.alloc(64), 64, 0, Used) == Errno::NotCapable);
  uint32_t Dir = W.open("dir", oflags::Directory, rights::FdReaddir);
  uint32_t Buf = W.alloc(256);
  REQUIRE(W.call(FdReaddir, Dir, Buf, 256, 0, Used) == Errno::Success);
  std::vector<ReaddirEntry> Entries = parseDirents(W, Buf, W.load<uint32_t>(Used));
  CHECK(Entries.size() == 3);
}
