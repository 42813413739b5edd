//===- wasi/WasiPathTest.cpp - path_* inside the sandbox ------------------===//
//
// What each path function does to paths that stay inside the preopen;
// SandboxTest.cpp has the paths that try to leave it.
//
//===----------------------------------------------------------------------===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

std::string sandboxFile(std::string_view Name) {
  return std::string(SandboxDir) + "/" + std::string(Name);
}

constexpr uint32_t Sandbox = WasiFixture::Sandbox;

/// path_open's errno; the new fd, if any, in Fd.
Errno tryOpen(WasiFixture &W, std::string_view Path, uint32_t OFlags, uint64_t Base,
              uint64_t Inheriting = 0, uint32_t LookupFlags = 0, uint32_t Dir = Sandbox,
              uint32_t *Fd = nullptr) {
  uint32_t FdPtr = W.alloc(4);
  Errno Result =
      W.call(PathOpen, Dir, LookupFlags, W.str(Path), OFlags, Base, Inheriting, 0, FdPtr);
  if (Fd)
    *Fd = W.load<uint32_t>(FdPtr);
  return Result;
}

Filestat pathStat(WasiFixture &W, std::string_view Path, uint32_t LookupFlags = 0) {
  uint32_t Buf = W.alloc(sizeof(Filestat));
  REQUIRE(W.call(PathFilestatGet, Sandbox, LookupFlags, W.str(Path), Buf) == Errno::Success);
  return W.load<Filestat>(Buf);
}

} // namespace

TEST_CASE("path_open opens and creates files with the oflags asked for", "[wasi]") {
  WasiFixture W;
  CHECK(W.read(W.open("file.txt", 0, rights::FdRead)) == "hello");

  uint32_t Created = W.open("new.txt", oflags::Creat | oflags::Excl, rights::FdWrite);
  W.write(Created, "fresh");
  CHECK(W.Tree.read(sandboxFile("new.txt")) == "fresh");
  CHECK(tryOpen(W, "new.txt", oflags::Creat | oflags::Excl, rights::FdWrite) == Errno::Exist);

  W.open("file.txt", oflags::Trunc, rights::FdWrite);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "");

  uint32_t Appending = W.open("new.txt", 0, rights::FdWrite, fdflags::Append);
  W.write(Appending, "!");
  CHECK(W.Tree.read(sandboxFile("new.txt")) == "fresh!");

  CHECK(tryOpen(W, "missing.txt", 0, rights::FdRead) == Errno::NoEnt);
  CHECK(tryOpen(W, "new.txt", oflags::Directory, rights::FdRead) == Errno::NotDir);
  CHECK(tryOpen(W, "dir", 0, rights::FdWrite) == Errno::IsDir);
  CHECK(tryOpen(W, "x", oflags::Creat | oflags::Directory, rights::FdRead) == Errno::Inval);
  CHECK(tryOpen(W, "x", 1 << 4, rights::FdRead) == Errno::Inval);
  CHECK(tryOpen(W, "", 0, rights::FdRead) == Errno::NoEnt);
  CHECK(tryOpen(W, std::string("file.txt\0x", 10), 0, rights::FdRead) == Errno::Inval);
  CHECK_FALSE(W.Tree.exists(sandboxFile("x")));
}

TEST_CASE("path_open grants the rights asked for that apply, within the inheriting ones",
          "[wasi]") {
  WasiFixture W;
  uint32_t Dir = 0;
  REQUIRE(tryOpen(W, "dir", oflags::Directory,
                  rights::FdReaddir | rights::PathOpen | rights::FdSeek,
                  rights::FdRead | rights::FdSeek, 0, Sandbox, &Dir) == Errno::Success);
  Fdstat Stat = W.fdstat(Dir);
  CHECK(Stat.Filetype == filetype::Directory);
  CHECK(Stat.RightsBase == (rights::FdReaddir | rights::PathOpen));
  CHECK(Stat.RightsInheriting == (rights::FdRead | rights::FdSeek));

  // Through the subdirectory: only what it passes on.
  CHECK(W.read(W.open("nested.txt", 0, rights::FdRead, 0, Dir)) == "nested");
  CHECK(tryOpen(W, "nested.txt", 0, rights::FdWrite, 0, 0, Dir) == Errno::NotCapable);
  CHECK(tryOpen(W, "nested.txt", 0, rights::FdRead, rights::FdWrite, 0, Dir) == Errno::NotCapable);
  // A preopen passes on file and directory rights, not socket rights.
  CHECK(tryOpen(W, "file.txt", 0, rights::SockAccept) == Errno::NotCapable);
}

TEST_CASE("path_open needs path_open, path_create_file and path_filestat_set_size", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  uint64_t All = W.fdstat(Sandbox).RightsBase;
  REQUIRE(W.call(FdFdstatSetRights, Sandbox, All & ~rights::PathCreateFile,
                 W.fdstat(Sandbox).RightsInheriting) == Errno::Success);
  CHECK(tryOpen(W, "new.txt", oflags::Creat, rights::FdWrite) == Errno::NotCapable);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new.txt")));
  REQUIRE(W.call(FdFdstatSetRights, Sandbox,
                 All & ~(rights::PathCreateFile | rights::PathFilestatSetSize),
                 W.fdstat(Sandbox).RightsInheriting) == Errno::Success);
  CHECK(tryOpen(W, "file.txt", oflags::Trunc, rights::FdWrite) == Errno::NotCapable);
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");
  CHECK(tryOpen(W, "file.txt", 0, rights::FdRead) == Errno::Success);
  REQUIRE(W.call(FdFdstatSetRights, Sandbox, 0, W.fdstat(Sandbox).RightsInheriting) ==
          Errno::Success);
  CHECK(tryOpen(W, "file.txt", 0, rights::FdRead) == Errno::NotCapable);

  CHECK(tryOpen(W, "x", 0, 0, 0, 0, File) == Errno::NotCapable);
  CHECK(tryOpen(W, "x", 0, 0, 0, 0, 42) == Errno::BadF);
}

TEST_CASE("path_open follows a last symlink only with symlink_follow", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  CHECK(tryOpen(W, "link", 0, rights::FdRead) == Errno::Loop);
  uint32_t Fd = 0;
  REQUIRE(tryOpen(W, "link", 0, rights::FdRead, 0, lookupflags::SymlinkFollow, Sandbox, &Fd) ==
          Errno::Success);
  CHECK(W.read(Fd) == "hello");
  CHECK(tryOpen(W, "link", 0, rights::FdRead, 0, 2) == Errno::Inval);
}

TEST_CASE("path_open checks the fd pointer before creating anything", "[wasi]") {
  WasiFixture W;
  CHECK(W.call(PathOpen, Sandbox, 0, W.str("new.txt"), oflags::Creat, rights::FdWrite, 0, 0,
               W.memorySize() - 3) == Errno::Fault);
  CHECK(W.call(PathOpen, Sandbox, 0, GuestString{W.memorySize() - 3, 7}, oflags::Creat,
               rights::FdWrite, 0, 0, W.alloc(4)) == Errno::Fault);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new.txt")));
  CHECK(W.call(PathOpen, Sandbox, 0, GuestString{W.alloc(4096), 4096}, 0, 0, 0, 0, W.alloc(4)) ==
        Errno::NameTooLong);
}

TEST_CASE("path_create_directory and path_remove_directory", "[wasi]") {
  WasiFixture W;
  REQUIRE(W.call(PathCreateDirectory, Sandbox, W.str("made")) == Errno::Success);
  CHECK(pathStat(W, "made").Filetype == filetype::Directory);
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str("made")) == Errno::Exist);
  REQUIRE(W.call(PathCreateDirectory, Sandbox, W.str("made/inner/")) == Errno::Success);
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str("none/inner")) == Errno::NoEnt);

  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("made")) == Errno::NotEmpty);
  REQUIRE(W.call(PathRemoveDirectory, Sandbox, W.str("made/inner/")) == Errno::Success);
  REQUIRE(W.call(PathRemoveDirectory, Sandbox, W.str("made")) == Errno::Success);
  CHECK_FALSE(W.Tree.exists(sandboxFile("made")));
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("file.txt")) == Errno::NotDir);
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str(".")) == Errno::Inval);

  uint32_t File = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(PathCreateDirectory, File, W.str("x")) == Errno::NotCapable);
  CHECK(W.call(PathCreateDirectory, Sandbox, GuestString{W.memorySize(), 1}) == Errno::Fault);
}

TEST_CASE("path_unlink_file removes files and symlinks, not directories", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  REQUIRE(W.call(PathUnlinkFile, Sandbox, W.str("link")) == Errno::Success);
  CHECK_FALSE(W.Tree.exists(sandboxFile("link")));
  CHECK(W.Tree.read(sandboxFile("file.txt")) == "hello");

  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("file.txt/")) == Errno::NotDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("dir")) == Errno::IsDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("dir/")) == Errno::IsDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("missing")) == Errno::NoEnt);
  REQUIRE(W.call(PathUnlinkFile, Sandbox, W.str("dir/nested.txt")) == Errno::Success);
  CHECK_FALSE(W.Tree.exists(sandboxFile("dir/nested.txt")));

  uint32_t Dir = W.open("dir", oflags::Directory, rights::FdReaddir);
  CHECK(W.call(PathUnlinkFile, Dir, W.str("x")) == Errno::NotCapable);
  CHECK(W.call(PathUnlinkFile, Sandbox, GuestString{W.memorySize() - 2, 8}) == Errno::Fault);
  CHECK(W.Tree.exists(sandboxFile("file.txt")));
}

TEST_CASE("path_filestat_get follows a last symlink with symlink_follow or a slash", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  W.Tree.symlink("dir", sandboxFile("dirlink"));
  Filestat File = pathStat(W, "file.txt");
  CHECK(File.Filetype == filetype::RegularFile);
  CHECK(File.Size == 5);
  CHECK(pathStat(W, "link").Filetype == filetype::SymbolicLink);
  CHECK(pathStat(W, "link", lookupflags::SymlinkFollow).Ino == File.Ino);
  CHECK(pathStat(W, "dirlink").Filetype == filetype::SymbolicLink);
  CHECK(pathStat(W, "dirlink/").Filetype == filetype::Directory);
  CHECK(pathStat(W, "dir/..").Ino == pathStat(W, ".").Ino);

  uint32_t Buf = W.alloc(64);
  CHECK(W.call(PathFilestatGet, Sandbox, 0, W.str("file.txt/"), Buf) == Errno::NotDir);
  CHECK(W.call(PathFilestatGet, Sandbox, 0, W.str("missing"), Buf) == Errno::NoEnt);
  CHECK(W.call(PathFilestatGet, Sandbox, 2, W.str("file.txt"), Buf) == Errno::Inval);
  CHECK(W.call(PathFilestatGet, Sandbox, 0, W.str("file.txt"), W.memorySize() - 63) ==
        Errno::Fault);
  uint32_t File2 = W.open("file.txt", 0, rights::FdRead);
  CHECK(W.call(PathFilestatGet, File2, 0, W.str("x"), Buf) == Errno::NotCapable);
}

TEST_CASE("path_filestat_set_times sets the link's or the target's times", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  uint64_t Mtim = 3'000'000'000;
  REQUIRE(W.call(PathFilestatSetTimes, Sandbox, 0, W.str("link"), 0, Mtim, fstflags::Mtim) ==
          Errno::Success);
  CHECK(pathStat(W, "link").Mtim == Mtim);
  CHECK(pathStat(W, "file.txt").Mtim != Mtim);
  REQUIRE(W.call(PathFilestatSetTimes, Sandbox, lookupflags::SymlinkFollow, W.str("link"), Mtim,
                 Mtim + 1, fstflags::Atim | fstflags::Mtim) == Errno::Success);
  CHECK(pathStat(W, "file.txt").Mtim == Mtim + 1);
  CHECK(pathStat(W, "file.txt").Atim == Mtim);

  CHECK(W.call(PathFilestatSetTimes, Sandbox, 0, W.str("file.txt"), 0, 0,
               fstflags::Atim | fstflags::AtimNow) == Errno::Inval);
  CHECK(W.call(PathFilestatSetTimes, Sandbox, 0, W.str("missing"), 0, 0, fstflags::MtimNow) ==
        Errno::NoEnt);
  uint32_t Dir = W.open("dir", oflags::Directory, rights::FdReaddir);
  CHECK(W.call(PathFilestatSetTimes, Dir, 0, W.str("nested.txt"), 0, 0, fstflags::MtimNow) ==
        Errno::NotCapable);
}

TEST_CASE("path_link makes hard links, of the link or of its target", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("file.txt", sandboxFile("link"));
  REQUIRE(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("dir/hard")) ==
          Errno::Success);
  CHECK(W.Tree.read(sandboxFile("dir/hard")) == "hello");
  CHECK(pathStat(W, "file.txt").Nlink == 2);

  REQUIRE(W.call(PathLink, Sandbox, 0, W.str("link"), Sandbox, W.str("link2")) == Errno::Success);
  CHECK(pathStat(W, "link2").Filetype == filetype::SymbolicLink);
  REQUIRE(W.call(PathLink, Sandbox, lookupflags::SymlinkFollow, W.str("link"), Sandbox,
                 W.str("followed")) == Errno::Success);
  CHECK(pathStat(W, "followed").Filetype == filetype::RegularFile);
  CHECK(pathStat(W, "file.txt").Nlink == 3);

  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("link")) == Errno::Exist);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("dir"), Sandbox, W.str("dir2")) == Errno::Perm);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt/"), Sandbox, W.str("x")) == Errno::NotDir);
  // A new name with a trailing slash names a directory a link cannot be.
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("new/")) == Errno::NoEnt);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("link/")) == Errno::Exist);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Sandbox, W.str("dir/")) == Errno::Exist);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new")));
  CHECK(W.call(PathLink, Sandbox, 0, W.str("missing"), Sandbox, W.str("x")) == Errno::NoEnt);
  uint32_t Dir = W.open("dir", oflags::Directory, rights::PathLinkSource);
  CHECK(W.call(PathLink, Sandbox, 0, W.str("file.txt"), Dir, W.str("x")) == Errno::NotCapable);
  CHECK(W.call(PathLink, Dir, 0, W.str("hard"), Sandbox, W.str("x")) == Errno::Success);
}

TEST_CASE("path_readlink reads a target and cuts it to the buffer", "[wasi]") {
  WasiFixture W;
  W.Tree.symlink("dir/nested.txt", sandboxFile("link"));
  uint32_t Buf = W.alloc(64);
  uint32_t Used = W.alloc(4);
  REQUIRE(W.call(PathReadlink, Sandbox, W.str("link"), Buf, 64, Used) == Errno::Success);
  CHECK(W.bytes(Buf, W.load<uint32_t>(Used)) == "dir/nested.txt");
  REQUIRE(W.call(PathReadlink, Sandbox, W.str("link"), Buf, 3, Used) == Errno::Success);
  CHECK(W.load<uint32_t>(Used) == 3);
  CHECK(W.call(PathReadlink, Sandbox, W.str("file.txt"), Buf, 64, Used) == Errno::Inval);
  CHECK(W.call(PathReadlink, Sandbox, W.str("missing"), Buf, 64, Used) == Errno::NoEnt);
  CHECK(W.call(PathReadlink, Sandbox, W.str("link/"), Buf, 64, Used) == Errno::NotDir);
  CHECK(W.call(PathReadlink, Sandbox, W.str("link"), W.memorySize() - 2, 3, Used) == Errno::Fault);
  CHECK(W.call(PathReadlink, Sandbox, W.str("link"), Buf, 64, W.memorySize()) == Errno::Fault);
  uint32_t Dir = W.open("dir", oflags::Directory, rights::FdReaddir);
  CHECK(W.call(PathReadlink, Dir, W.str("x"), Buf, 64, Used) == Errno::NotCapable);
}

TEST_CASE("path_rename moves files and directories", "[wasi]") {
  WasiFixture W;
  REQUIRE(W.call(PathRename, Sandbox, W.str("file.txt"), Sandbox, W.str("dir/moved.txt")) ==
          Errno::Success);
  CHECK_FALSE(W.Tree.exists(sandboxFile("file.txt")));
  CHECK(W.Tree.read(sandboxFile("dir/moved.txt")) == "hello");
  // Over an existing file.
  REQUIRE(W.call(PathRename, Sandbox, W.str("dir/moved.txt"), Sandbox, W.str("dir/nested.txt")) ==
          Errno::Success);
  CHECK(W.Tree.read(sandboxFile("dir/nested.txt")) == "hello");
  REQUIRE(W.call(PathRename, Sandbox, W.str("dir/"), Sandbox, W.str("renamed/")) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("renamed/nested.txt")) == "hello");

  CHECK(W.call(PathRename, Sandbox, W.str("missing"), Sandbox, W.str("x")) == Errno::NoEnt);
  CHECK(W.call(PathRename, Sandbox, W.str("renamed/nested.txt"), Sandbox, W.str("y/")) ==
        Errno::NotDir);
  W.Tree.write(sandboxFile("plain"), "p");
  CHECK(W.call(PathRename, Sandbox, W.str("renamed"), Sandbox, W.str("plain")) == Errno::NotDir);
  uint32_t Dir = W.open("renamed", oflags::Directory, rights::PathRenameSource);
  CHECK(W.call(PathRename, Sandbox, W.str("plain"), Dir, W.str("p")) == Errno::NotCapable);
  CHECK(W.call(PathRename, Dir, W.str("nested.txt"), Sandbox, W.str("back")) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("back")) == "hello");
}

TEST_CASE("path_symlink stores the target as given", "[wasi]") {
  WasiFixture W;
  REQUIRE(W.call(PathSymlink, W.str("file.txt"), Sandbox, W.str("dir/up")) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("dir/up")) == "<missing>"); // dangling from dir/
  REQUIRE(W.call(PathSymlink, W.str("../file.txt"), Sandbox, W.str("dir/rel")) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("dir/rel")) == "hello");
  uint32_t Fd = 0;
  REQUIRE(tryOpen(W, "dir/rel", 0, rights::FdRead, 0, lookupflags::SymlinkFollow, Sandbox, &Fd) ==
          Errno::Success);
  CHECK(W.read(Fd) == "hello");

  CHECK(W.call(PathSymlink, W.str("x"), Sandbox, W.str("file.txt")) == Errno::Exist);
  CHECK(W.call(PathSymlink, W.str("x"), Sandbox, W.str("new/")) == Errno::NoEnt);
  // Absolute targets never resolve inside the sandbox.
  CHECK(W.call(PathSymlink, W.str("/"), Sandbox, W.str("abs")) == Errno::Perm);
  CHECK(W.call(PathSymlink, W.str("/etc/passwd"), Sandbox, W.str("abs")) == Errno::Perm);
  CHECK_FALSE(W.Tree.exists(sandboxFile("abs")));
  CHECK(W.call(PathSymlink, W.str(std::string("a\0b", 3)), Sandbox, W.str("z")) == Errno::Inval);
  CHECK(W.call(PathSymlink, GuestString{W.memorySize(), 1}, Sandbox, W.str("z")) == Errno::Fault);
  uint32_t Dir = W.open("dir", oflags::Directory, rights::FdReaddir);
  CHECK(W.call(PathSymlink, W.str("x"), Dir, W.str("z")) == Errno::NotCapable);
  CHECK_FALSE(W.Tree.exists(sandboxFile("z")));
}

namespace {

/// A fixture whose context resolves with the strategy under test, with the
/// symlinks the trailing-slash cases need beside file.txt and dir/.
struct SlashFixture : WasiFixture {
  explicit SlashFixture(ResolveStrategy Strategy) {
    Context->resolver().setStrategy(Strategy);
    Tree.symlink("file.txt", sandboxFile("flink"));
    Tree.symlink("dir", sandboxFile("dlink"));
    Tree.symlink("nowhere", sandboxFile("dangling"));
    Tree.symlink("loop", sandboxFile("loop"));
    Tree.symlink("new/", sandboxFile("newslash"));
  }

  Errno stat(std::string_view Path, uint32_t LookupFlags = 0) {
    return call(PathFilestatGet, Sandbox, LookupFlags, str(Path), alloc(sizeof(Filestat)));
  }
  Errno readlink(std::string_view Path) {
    return call(PathReadlink, Sandbox, str(Path), alloc(64), 64, alloc(4));
  }
  Errno link(std::string_view Old, std::string_view New, uint32_t LookupFlags = 0) {
    return call(PathLink, Sandbox, LookupFlags, str(Old), Sandbox, str(New));
  }
  Errno symlink(std::string_view Target, std::string_view New) {
    return call(PathSymlink, str(Target), Sandbox, str(New));
  }
};

} // namespace

TEST_CASE("path_open with O_CREAT refuses any path ending in a slash", "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  // Linux answers EISDIR before it looks at what the name holds.
  for (const char *Path : {"new/", "new//", "file.txt/", "dir/", "dlink/", "flink/", "dangling/"}) {
    INFO(Path);
    CHECK(tryOpen(W, Path, oflags::Creat, rights::FdRead) == Errno::IsDir);
    CHECK(tryOpen(W, Path, oflags::Creat | oflags::Excl, rights::FdRead) == Errno::IsDir);
  }
  // Also where a followed link's target ends in one.
  CHECK(tryOpen(W, "newslash", oflags::Creat, rights::FdRead, 0, lookupflags::SymlinkFollow) ==
        Errno::IsDir);
  CHECK(tryOpen(W, "newslash", oflags::Creat, rights::FdRead) == Errno::Loop);
  // The directory part is walked first.
  CHECK(tryOpen(W, "file.txt/new/", oflags::Creat, rights::FdRead) == Errno::NotDir);
  CHECK(tryOpen(W, "none/new/", oflags::Creat, rights::FdRead) == Errno::NoEnt);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new")));
  CHECK_FALSE(W.Tree.exists(sandboxFile("nowhere")));
  // Without O_CREAT the slash asks for a directory, through a link too.
  CHECK(tryOpen(W, "file.txt/", 0, rights::FdRead) == Errno::NotDir);
  CHECK(tryOpen(W, "flink/", 0, rights::FdRead) == Errno::NotDir);
  CHECK(tryOpen(W, "dlink/", 0, rights::FdRead) == Errno::Success);
  CHECK(tryOpen(W, "dangling/", 0, rights::FdRead) == Errno::NoEnt);
  CHECK(tryOpen(W, "loop/", 0, rights::FdRead) == Errno::Loop);
}

TEST_CASE("path_open with O_CREAT|O_EXCL fails on a last symlink, even dangling", "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  CHECK(tryOpen(W, "dangling", oflags::Creat | oflags::Excl, rights::FdWrite, 0,
                lookupflags::SymlinkFollow) == Errno::Exist);
  CHECK_FALSE(W.Tree.exists(sandboxFile("nowhere")));
  // Without O_EXCL the link is followed and its target created.
  CHECK(tryOpen(W, "dangling", oflags::Creat, rights::FdWrite, 0, lookupflags::SymlinkFollow) ==
        Errno::Success);
  CHECK(W.Tree.read(sandboxFile("nowhere")) == "");
}

TEST_CASE("path_readlink follows a symlink before a trailing slash", "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  // readlink(2) looks at what "link/" names: the link's target.
  CHECK(W.readlink("dlink/") == Errno::Inval);
  CHECK(W.readlink("dangling/") == Errno::NoEnt);
  CHECK(W.readlink("flink/") == Errno::NotDir);
  CHECK(W.readlink("loop/") == Errno::Loop);
  CHECK(W.readlink("dir/") == Errno::Inval);
  CHECK(W.readlink("file.txt/") == Errno::NotDir);
  CHECK(W.readlink("dlink") == Errno::Success);
  W.Tree.symlink("..", sandboxFile("up"));
  CHECK(W.readlink("up/") == Errno::NotCapable);
  CHECK(W.readlink("up") == Errno::Success);
}

TEST_CASE("path_symlink and path_link to a new name ending in a slash", "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  // A link is never a directory: EEXIST when the name is taken (by anything),
  // else ENOENT.
  for (const char *Taken : {"file.txt/", "dir/", "dlink/", "flink/", "dangling/", "loop/"}) {
    INFO(Taken);
    CHECK(W.symlink("x", Taken) == Errno::Exist);
    CHECK(W.link("file.txt", Taken) == Errno::Exist);
  }
  CHECK(W.symlink("x", "new/") == Errno::NoEnt);
  CHECK(W.symlink("dir", "new/") == Errno::NoEnt);
  CHECK(W.link("file.txt", "new/") == Errno::NoEnt);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new")));
}

TEST_CASE("path_link looks up its source, followed before a slash, before the new name",
          "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  // linkat(2) follows "link/" without AT_SYMLINK_FOLLOW.
  CHECK(W.link("dlink/", "new") == Errno::Perm);
  CHECK(W.link("dir/", "new") == Errno::Perm);
  CHECK(W.link("dangling/", "new") == Errno::NoEnt);
  CHECK(W.link("flink/", "new") == Errno::NotDir);
  CHECK(W.link("loop/", "new") == Errno::Loop);
  // The source's errors come first.
  CHECK(W.link("file.txt/", "new/") == Errno::NotDir);
  CHECK(W.link("missing", "file.txt/") == Errno::NoEnt);
  CHECK(W.link("missing", "../escape") == Errno::NoEnt);
  CHECK_FALSE(W.Tree.exists(sandboxFile("new")));
  // Without a slash the links themselves are linked.
  CHECK(W.link("dangling", "new") == Errno::Success);
  CHECK(W.stat("new") == Errno::Success);
  CHECK(W.Tree.exists(sandboxFile("new")));
}

TEST_CASE("trailing slashes: removing, renaming and stat act as on Linux", "[wasi]") {
  SlashFixture W(GENERATE(from_range(Strategies)));
  // Creating a directory "d/" works; a name taken by anything is EEXIST.
  CHECK(W.call(PathCreateDirectory, Sandbox, W.str("made/")) == Errno::Success);
  for (const char *Taken : {"file.txt/", "dlink/", "dangling/", "loop/"}) {
    INFO(Taken);
    CHECK(W.call(PathCreateDirectory, Sandbox, W.str(Taken)) == Errno::Exist);
  }
  // Removing: a symlink before the slash is not followed, and is no directory.
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("made/")) == Errno::Success);
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("dlink/")) == Errno::NotDir);
  CHECK(W.call(PathRemoveDirectory, Sandbox, W.str("file.txt/")) == Errno::NotDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("dlink/")) == Errno::NotDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("flink/")) == Errno::NotDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("dangling/")) == Errno::NotDir);
  CHECK(W.call(PathUnlinkFile, Sandbox, W.str("missing/")) == Errno::NoEnt);
  // Renaming: a slash on either name asks for a directory as the source.
  CHECK(W.call(PathRename, Sandbox, W.str("file.txt"), Sandbox, W.str("new/")) == Errno::NotDir);
  CHECK(W.call(PathRename, Sandbox, W.str("dlink/"), Sandbox, W.str("new")) == Errno::NotDir);
  CHECK(W.call(PathRename, Sandbox, W.str("dangling/"), Sandbox, W.str("new")) == Errno::NotDir);
  CHECK(W.call(PathRename, Sandbox, W.str("dir"), Sandbox, W.str("dlink/")) == Errno::NotDir);
  CHECK(W.call(PathRename, Sandbox, W.str("missing"), Sandbox, W.str("file.txt/")) ==
        Errno::NoEnt);
  CHECK(W.call(PathRename, Sandbox, W.str("dir/"), Sandbox, W.str("moved/")) == Errno::Success);
  CHECK(W.Tree.read(sandboxFile("moved/nested.txt")) == "nested");
  // stat: the slash follows a last symlink; what it reaches must be a directory.
  CHECK(W.stat("dlink/") == Errno::NoEnt); // dir was moved
  CHECK(W.stat("flink/") == Errno::NotDir);
  CHECK(W.stat("dangling/") == Errno::NoEnt);
  CHECK(W.stat("loop/") == Errno::Loop);
  CHECK(W.call(PathFilestatSetTimes, Sandbox, 0, W.str("flink/"), 0, 0, fstflags::MtimNow) ==
        Errno::NotDir);
  W.Tree.symlink("file.txt/", sandboxFile("fslash"));
  CHECK(W.stat("fslash", lookupflags::SymlinkFollow) == Errno::NotDir);
  CHECK(W.stat("fslash") == Errno::Success);
}
