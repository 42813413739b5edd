//===- wasi/SandboxTest.cpp - Guests cannot reach outside their preopens --===//
//
// Every escape a guest can attempt through paths, under both resolution
// strategies: each must fail with the spec's errno and leave everything
// outside the sandbox as it was (TempTree::outsideSnapshot).
//
//===----------------------------------------------------------------------===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

constexpr uint32_t Sandbox = WasiFixture::Sandbox;

std::string sandboxFile(std::string_view Name) {
  return std::string(SandboxDir) + "/" + std::string(Name);
}

/// A fixture whose context resolves paths with the strategy under test.
struct SandboxFixture : WasiFixture {
  explicit SandboxFixture(ResolveStrategy Strategy) {
    Context->resolver().setStrategy(Strategy);
    Before = Tree.outsideSnapshot();
  }
  ~SandboxFixture() { CHECK(Tree.outsideSnapshot() == Before); }

  Errno open(std::string_view Path, uint32_t OFlags = 0, uint32_t LookupFlags = 0,
             uint64_t Base = rights::FdRead | rights::FdWrite, uint32_t Dir = Sandbox) {
    return call(PathOpen, Dir, LookupFlags, str(Path), OFlags, Base, 0, 0, alloc(4));
  }
  Errno stat(std::string_view Path, uint32_t LookupFlags) {
    return call(PathFilestatGet, Sandbox, LookupFlags, str(Path), alloc(sizeof(Filestat)));
  }

  std::string Before;
};

constexpr uint32_t Follow = lookupflags::SymlinkFollow;

} // namespace

TEST_CASE("sandbox: .. cannot leave the preopen", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  CHECK(W.open("../outside/secret.txt") == Errno::NotCapable);
  CHECK(W.open("dir/../../outside/secret.txt") == Errno::NotCapable);
  CHECK(W.open("dir/../dir/../../outside/secret.txt") == Errno::NotCapable);
  CHECK(W.open("..", oflags::Directory, 0, rights::FdReaddir) == Errno::NotCapable);
  CHECK(W.open("../escape.txt", oflags::Creat) == Errno::NotCapable);
  CHECK(W.stat("..", 0) == Errno::NotCapable);
  CHECK(W.stat("dir/../..", Follow) == Errno::NotCapable);
  // Staying inside through .. is fine.
  CHECK(W.open("dir/../file.txt") == Errno::Success);
  CHECK(W.open("./dir/./../dir/nested.txt") == Errno::Success);
}

TEST_CASE("sandbox: absolute paths are not capable", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  CHECK(W.open("/etc/passwd", 0, 0, rights::FdRead) == Errno::NotCapable);
  CHECK(W.open(W.Tree.path("outside/secret.txt")) == Errno::NotCapable);
  CHECK(W.open(W.Tree.path("outside/new.txt"), oflags::Creat) == Errno::NotCapable);
  CHECK(W.open("/") == Errno::NotCapable);
  CHECK(W.stat("/etc", 0) == Errno::NotCapable);
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str(W.Tree.path("outside/made"))) ==
        Errno::NotCapable);
}

TEST_CASE("sandbox: a symlink to an absolute path is not followed", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  W.Tree.symlink("/etc", sandboxFile("etc"));
  W.Tree.symlink(W.Tree.path("outside"), sandboxFile("out"));
  CHECK(W.open("etc/passwd", 0, 0, rights::FdRead) == Errno::NotCapable);
  CHECK(W.open("etc", oflags::Directory, Follow, rights::FdReaddir) == Errno::NotCapable);
  CHECK(W.open("out/secret.txt", oflags::Trunc) == Errno::NotCapable);
  CHECK(W.open("out/new.txt", oflags::Creat) == Errno::NotCapable);
  CHECK(W.stat("etc", Follow) == Errno::NotCapable);
  CHECK(W.stat("etc/", 0) == Errno::NotCapable);
  CHECK(W.stat("etc/passwd", 0) == Errno::NotCapable);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("out/secret.txt")) == Errno::NotCapable);
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str("out/made")) == Errno::NotCapable);
  // Without following, the link itself is what the guest sees.
  CHECK(W.stat("etc", 0) == Errno::Success);
}

TEST_CASE("sandbox: a relative symlink climbing out is not followed", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  W.Tree.symlink("../../", sandboxFile("up"));
  W.Tree.symlink("../../../outside/secret.txt", sandboxFile("dir/secret"));
  CHECK(W.open("up/outside/secret.txt") == Errno::NotCapable);
  CHECK(W.open("up", oflags::Directory, Follow, rights::FdReaddir) == Errno::NotCapable);
  CHECK(W.open("dir/secret", 0, Follow) == Errno::NotCapable);
  CHECK(W.open("dir/secret", oflags::Trunc, Follow) == Errno::NotCapable);
  CHECK(W.stat("dir/secret", Follow) == Errno::NotCapable);
  CHECK(W.call(PathRename, Sandbox, W.str("file.txt"), Sandbox, W.str("up/outside/stolen")) ==
        Errno::NotCapable);
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("up/outside")) == Errno::NotCapable);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
}

TEST_CASE("sandbox: a chain of symlinks is judged where it ends", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  W.Tree.symlink("b", sandboxFile("a"));
  W.Tree.symlink("dir/c", sandboxFile("b"));
  W.Tree.symlink("../../../outside", sandboxFile("dir/c"));
  CHECK(W.open("a/secret.txt") == Errno::NotCapable);
  CHECK(W.stat("a", Follow) == Errno::NotCapable);
  CHECK(W.call(PathLink, Sandbox, Follow, W.str("a/secret.txt"), Sandbox, W.str("got")) ==
        Errno::NotCapable);

  // A chain that stays inside works, .. in a link's target included.
  W.Tree.symlink("y", sandboxFile("x"));
  W.Tree.symlink("dir/z", sandboxFile("y"));
  W.Tree.symlink("../dir", sandboxFile("dir/z"));
  CHECK(W.open("x/nested.txt", 0, 0, rights::FdRead) == Errno::Success);
  CHECK(W.stat("x", Follow) == Errno::Success);

  // A loop ends.
  W.Tree.symlink("loop2", sandboxFile("loop1"));
  W.Tree.symlink("loop1", sandboxFile("loop2"));
  CHECK(W.open("loop1", 0, Follow) == Errno::Loop);
  CHECK(W.stat("loop1", Follow) == Errno::Loop);
}

TEST_CASE("sandbox: a symlink the guest creates to outside is never followed out",
          "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  // Creating relative ones is allowed: the target is only text. An absolute
  // one could never resolve inside the sandbox, and is refused.
  REQUIRE(W.call(PathSymlink, W.str("../../outside/secret.txt"), Sandbox, W.str("rel")) ==
          Errno::Success);
  CHECK(W.call(PathSymlink, W.str(W.Tree.path("outside/secret.txt")), Sandbox, W.str("abs")) ==
        Errno::Perm);
  CHECK(W.call(PathSymlink, W.str("/"), Sandbox, W.str("root")) == Errno::Perm);
  W.Tree.symlink(W.Tree.path("outside/secret.txt"), sandboxFile("abs"));
  REQUIRE(W.call(PathSymlink, W.str("../../outside/created.txt"), Sandbox, W.str("dangling")) ==
          Errno::Success);
  REQUIRE(W.call(PathSymlink, W.str("../.."), Sandbox, W.str("dir/top")) == Errno::Success);
  W.Before = W.Tree.outsideSnapshot();

  for (const char *Link : {"rel", "abs"}) {
    INFO(Link);
    CHECK(W.open(Link, 0, Follow) == Errno::NotCapable);
    CHECK(W.open(Link, oflags::Trunc, Follow) == Errno::NotCapable);
    CHECK(W.stat(Link, Follow) == Errno::NotCapable);
    CHECK(W.call(PathFilestatSetTimes, Sandbox, Follow, W.str(Link), 0, 0, fstflags::MtimNow) ==
          Errno::NotCapable);
    CHECK(W.call(PathLink, Sandbox, Follow, W.str(Link), Sandbox, W.str("hard")) ==
          Errno::NotCapable);
    // Without following, they are only links.
    CHECK(W.open(Link, 0, 0) == Errno::Loop);
  }
  // O_CREAT through a dangling link must not create its target outside.
  CHECK(W.open("dangling", oflags::Creat, Follow) == Errno::NotCapable);
  CHECK(W.open("dir/top/outside/secret.txt") == Errno::NotCapable);
  CHECK(W.call(PathSymlink, W.str("x"), Sandbox, W.str("dir/top/outside/evil")) ==
        Errno::NotCapable);
  CHECK_FALSE(W.Tree.exists(sandboxFile("hard")));
}

TEST_CASE("sandbox: rename and link cannot move files out or in", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  CHECK(W.call(PathRename, Sandbox, W.str("file.txt"), Sandbox, W.str("../moved.txt")) ==
        Errno::NotCapable);
  CHECK(W.call(PathRename, Sandbox, W.str("dir"), Sandbox, W.str("../../moved")) ==
        Errno::NotCapable);
  CHECK(W.call(PathRename, Sandbox, W.str("../../outside/secret.txt"), Sandbox,
               W.str("stolen.txt")) == Errno::NotCapable);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("../linked.txt")) ==
        Errno::NotCapable);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("../../outside/secret.txt"), Sandbox,
               W.str("stolen.txt")) == Errno::NotCapable);
  CHECK(W.call(PathRename, Sandbox, W.str("file.txt"), Sandbox, W.str("..")) == Errno::NotCapable);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
  CHECK_FALSE(W.Tree.exists(sandboxFile("stolen.txt")));
}

TEST_CASE("sandbox: every path function refuses to step out", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  GuestString Out = W.str("../../outside/secret.txt");
  GuestString OutDir = W.str("../../outside");
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str("../made")) == Errno::NotCapable);
  CHECK(W.call(PathRemoveDirectory, Sandbox, OutDir) == Errno::NotCapable);
  CHECK(W.call(PathUnlinkFile, Sandbox, Out) == Errno::NotCapable);
  CHECK(W.call(PathFilestatSetTimes, Sandbox, 0, Out, 0, 0, fstflags::MtimNow) ==
        Errno::NotCapable);
  CHECK(W.call(PathReadlink, Sandbox, Out, W.alloc(64), 64, W.alloc(4)) == Errno::NotCapable);
  CHECK(W.call(PathSymlink, W.str("x"), Sandbox, W.str("../../outside/evil")) == Errno::NotCapable);
  CHECK(W.stat("../../outside/secret.txt", 0) == Errno::NotCapable);
}

TEST_CASE("sandbox: a directory opened inside confines paths beneath itself", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  uint32_t FdPtr = W.alloc(4);
  REQUIRE(W.call(PathOpen, Sandbox, 0, W.str("dir"), oflags::Directory,
                 rights::PathOpen | rights::PathFilestatGet, rights::FdRead, 0,
                 FdPtr) == Errno::Success);
  uint32_t Dir = W.load<uint32_t>(FdPtr);
  CHECK(W.open("nested.txt", 0, 0, rights::FdRead, Dir) == Errno::Success);
  CHECK(W.open("../file.txt", 0, 0, rights::FdRead, Dir) == Errno::NotCapable);
  CHECK(W.call(PathFilestatGet, Dir, 0, W.str(".."), W.alloc(64)) == Errno::NotCapable);
}

TEST_CASE("sandbox: magic links are not followed", "[wasi][sandbox]") {
  ResolveStrategy Strategy = GENERATE(from_range(Strategies));
  WasiFixture W([](WasiOptions &O) { O.Dirs.push_back({"/proc/self", "/proc"}); });
  W.Context->resolver().setStrategy(Strategy);
  uint32_t Proc = 4;
  uint32_t FdPtr = W.alloc(4);
  Errno Root =
      W.call(PathOpen, Proc, Follow, W.str("root/etc/passwd"), 0, rights::FdRead, 0, 0, FdPtr);
  CHECK((Root == Errno::NotCapable || Root == Errno::Loop));
  Errno Cwd = W.call(PathOpen, Proc, Follow, W.str("cwd"), oflags::Directory, rights::FdReaddir, 0,
                     0, FdPtr);
  CHECK((Cwd == Errno::NotCapable || Cwd == Errno::Loop));
}

TEST_CASE("sandbox: swapping a symlink during resolution never leads outside", "[wasi][sandbox]") {
  SandboxFixture W(GENERATE(from_range(Strategies)));
  std::string Swap = W.Tree.path(sandboxFile("swap"));
  std::string Temp = W.Tree.path(sandboxFile("swap.tmp"));
  W.Tree.symlink("dir", sandboxFile("swap"));
  std::atomic<bool> Stop = false;
  std::thread Swapper([&] {
    bool Inside = false;
    while (!Stop) {
      ::unlink(Temp.c_str());
      if (::symlink(Inside ? "dir" : "../../outside", Temp.c_str()) == 0)
        std::rename(Temp.c_str(), Swap.c_str());
      Inside = !Inside;
    }
  });
  GuestString Path = W.str("swap/secret.txt");
  uint32_t FdPtr = W.alloc(4);
  uint32_t StatPtr = W.alloc(sizeof(Filestat));
  int Escapes = 0;
  for (int I = 0; I < 3000; ++I) {
    // secret.txt exists only outside: any success would be an escape.
    if (W.call(PathOpen, Sandbox, Follow, Path, 0, rights::FdRead, 0, 0, FdPtr) == Errno::Success)
      ++Escapes;
    if (W.call(PathFilestatGet, Sandbox, Follow, Path, StatPtr) == Errno::Success)
      ++Escapes;
    if (W.call(PathUnlinkFile, Sandbox, Path) == Errno::Success)
      ++Escapes;
  }
  Stop = true;
  Swapper.join();
  CHECK(Escapes == 0);
}
