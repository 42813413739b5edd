//===- wasi/PathResolverTest.cpp - Resolving paths beneath a directory ----===//
#include "wasi/PathResolver.h"

#include "RuntimeTestSupport.h"
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

struct ResolverFixture {
  explicit ResolverFixture(ResolveStrategy Strategy) {
    Resolver.setStrategy(Strategy);
    Root = UniqueFd(::open(Tree.path(SandboxDir).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    REQUIRE(Root);
  }

  /// The inode of what Fd refers to.
  static ino_t inode(int Fd) {
    struct stat St;
    REQUIRE(fstat(Fd, &St) == 0);
    return St.st_ino;
  }
  ino_t hostInode(std::string_view Relative) const {
    struct stat St;
    REQUIRE(lstat(Tree.path(Relative).c_str(), &St) == 0);
    return St.st_ino;
  }

  TempTree Tree;
  PathResolver Resolver;
  UniqueFd Root;
};

std::string sandboxFile(std::string_view Name) {
  return std::string(SandboxDir) + "/" + std::string(Name);
}

/// Makes openat2 answer ENOSYS in this process, as on a kernel before 5.6.
bool denyOpenat2() {
  sock_filter Filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog Program = {sizeof(Filter) / sizeof(Filter[0]), Filter};
  return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
         prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &Program) == 0;
}

} // namespace

TEST_CASE("resolveParent yields the directory and the bare last component", "[wasi]") {
  ResolverFixture F(GENERATE(from_range(Strategies)));
  ErrnoOr<ResolvedPath> Nested = F.Resolver.resolveParent(F.Root.get(), "dir/nested.txt", false);
  REQUIRE(Nested);
  CHECK(Nested->Name == "nested.txt");
  CHECK_FALSE(Nested->TrailingSlash);
  CHECK(F.inode(Nested->Parent.get()) == F.hostInode(sandboxFile("dir")));

  ErrnoOr<ResolvedPath> Slashed = F.Resolver.resolveParent(F.Root.get(), "dir//", false);
  REQUIRE(Slashed);
  CHECK(Slashed->Name == "dir");
  CHECK(Slashed->TrailingSlash);
  CHECK(F.inode(Slashed->Parent.get()) == F.hostInode(SandboxDir));

  // A path ending in .. names a directory itself.
  ErrnoOr<ResolvedPath> Up = F.Resolver.resolveParent(F.Root.get(), "dir/..", false);
  REQUIRE(Up);
  CHECK(Up->Name == ".");
  CHECK(F.inode(Up->Parent.get()) == F.hostInode(SandboxDir));

  // A missing last component is the operation's business.
  ErrnoOr<ResolvedPath> Missing = F.Resolver.resolveParent(F.Root.get(), "dir/none", true);
  REQUIRE(Missing);
  CHECK(Missing->Name == "none");
  ErrnoOr<ResolvedPath> MissingParent = F.Resolver.resolveParent(F.Root.get(), "none/x", false);
  REQUIRE_FALSE(MissingParent);
  CHECK(MissingParent.error() == Errno::NoEnt);
  CHECK(F.Resolver.resolveParent(F.Root.get(), "file.txt/x", false).error() == Errno::NotDir);
  CHECK(F.Resolver.resolveParent(F.Root.get(), "", false).error() == Errno::NoEnt);
  CHECK(F.Resolver.resolveParent(F.Root.get(), "/x", false).error() == Errno::NotCapable);
}

TEST_CASE("resolveParent replaces a followed last symlink by its target", "[wasi]") {
  ResolverFixture F(GENERATE(from_range(Strategies)));
  F.Tree.symlink("dir/hop", sandboxFile("first"));
  F.Tree.symlink("../dir/nested.txt", sandboxFile("dir/hop"));
  ErrnoOr<ResolvedPath> Followed = F.Resolver.resolveParent(F.Root.get(), "first", true);
  REQUIRE(Followed);
  CHECK(Followed->Name == "nested.txt");
  CHECK(F.inode(Followed->Parent.get()) == F.hostInode(sandboxFile("dir")));
  ErrnoOr<ResolvedPath> Kept = F.Resolver.resolveParent(F.Root.get(), "first", false);
  REQUIRE(Kept);
  CHECK(Kept->Name == "first");

  F.Tree.symlink("/etc", sandboxFile("abs"));
  CHECK(F.Resolver.resolveParent(F.Root.get(), "abs", true).error() == Errno::NotCapable);
  CHECK(F.Resolver.resolveParent(F.Root.get(), "abs", false));
}

TEST_CASE("PathResolver::open opens beneath the root with the flags given", "[wasi]") {
  ResolverFixture F(GENERATE(from_range(Strategies)));
  ErrnoOr<UniqueFd> Nested =
      F.Resolver.open(F.Root.get(), "./dir/../dir/nested.txt", O_RDONLY, 0, false);
  REQUIRE(Nested);
  CHECK(F.inode(Nested->get()) == F.hostInode(sandboxFile("dir/nested.txt")));

  ErrnoOr<UniqueFd> Created =
      F.Resolver.open(F.Root.get(), "dir/new", O_WRONLY | O_CREAT | O_EXCL, 0640, false);
  REQUIRE(Created);
  struct stat St;
  REQUIRE(fstat(Created->get(), &St) == 0);
  CHECK((St.st_mode & 0777) == (0640 & ~0022 & 0777));
  CHECK(
      F.Resolver.open(F.Root.get(), "dir/new", O_CREAT | O_EXCL | O_WRONLY, 0600, false).error() ==
      Errno::Exist);

  CHECK(F.Resolver.open(F.Root.get(), "file.txt/", O_RDONLY, 0, false).error() == Errno::NotDir);
  CHECK(F.Resolver.open(F.Root.get(), "dir/", O_RDONLY, 0, false));
  CHECK(F.Resolver.open(F.Root.get(), "..", O_RDONLY, 0, false).error() == Errno::NotCapable);
  F.Tree.symlink("dir", sandboxFile("dirlink"));
  // A trailing slash follows a last symlink, as in POSIX.
  ErrnoOr<UniqueFd> ThroughLink = F.Resolver.open(F.Root.get(), "dirlink/", O_RDONLY, 0, false);
  REQUIRE(ThroughLink);
  CHECK(F.inode(ThroughLink->get()) == F.hostInode(sandboxFile("dir")));
  CHECK(F.Resolver.open(F.Root.get(), "dirlink", O_RDONLY, 0, false).error() == Errno::Loop);
}

TEST_CASE("PathResolver falls back to manual resolution where openat2 is missing", "[wasi]") {
  TempTree Tree;
  std::string Root = Tree.path(SandboxDir);
  wasmaot::runtime::test::ChildResult Child = wasmaot::runtime::test::runInChild([&] {
    if (!denyOpenat2())
      _exit(10);
    open_how How = {};
    if (syscall(SYS_openat2, AT_FDCWD, ".", &How, sizeof How) != -1 || errno != ENOSYS)
      _exit(11);
    PathResolver Resolver;
    UniqueFd Dir(::open(Root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    ErrnoOr<UniqueFd> Nested = Resolver.open(Dir.get(), "dir/nested.txt", O_RDONLY, 0, false);
    if (!Nested)
      _exit(12);
    if (Resolver.strategy() != ResolveStrategy::Manual)
      _exit(13);
    ErrnoOr<UniqueFd> Escape =
        Resolver.open(Dir.get(), "../../outside/secret.txt", O_RDONLY, 0, false);
    if (Escape || Escape.error() != Errno::NotCapable)
      _exit(14);
  });
  INFO(Child.describe());
  CHECK(Child.exited(0));
}
