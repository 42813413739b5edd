//===- wasi/WasiContextTest.cpp - The module, creation, memory, proc_exit -===//
#include "WasiTestSupport.h"

#include "RuntimeTestSupport.h"
#include "instance/TypeRegistry.h"
#include "traps/Trap.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

template <typename T> constexpr uint8_t wasmType() { return sizeof(T) == 8 ? 0x7E : 0x7F; }

/// Whether the module exports F with F's wasm signature, returning i32.
template <typename... Params> void checkExport(const WasiContext &Context, WasiFn<Params...> F) {
  INFO(F.Name);
  std::optional<Extern> Export = Context.module().exported(F.Name);
  REQUIRE(Export);
  CHECK(Export->Kind == ExternKind::Func);
  CHECK(Export->Func->type_id == canonicalTypeId(FuncSig{{wasmType<Params>()...}, {0x7F}}));
}

struct ExitCall {
  void *Code;
  wasmaot_vmctx *Vmctx;
  int32_t Status;
};

/// Stands in for generated code calling the import: a frame owning nothing.
void callProcExit(void *Arg) {
  auto *Call = static_cast<ExitCall *>(Arg);
  reinterpret_cast<void (*)(wasmaot_vmctx *, int32_t)>(Call->Code)(Call->Vmctx, Call->Status);
}

} // namespace

TEST_CASE("wasi module exports all 46 functions with their witx signatures", "[wasi]") {
  WasiFixture W;
  const WasiContext &C = *W.Context;
  checkExport(C, ArgsGet);
  checkExport(C, ArgsSizesGet);
  checkExport(C, EnvironGet);
  checkExport(C, EnvironSizesGet);
  checkExport(C, ClockResGet);
  checkExport(C, ClockTimeGet);
  checkExport(C, FdAdvise);
  checkExport(C, FdAllocate);
  checkExport(C, FdClose);
  checkExport(C, FdDatasync);
  checkExport(C, FdFdstatGet);
  checkExport(C, FdFdstatSetFlags);
  checkExport(C, FdFdstatSetRights);
  checkExport(C, FdFilestatGet);
  checkExport(C, FdFilestatSetSize);
  checkExport(C, FdFilestatSetTimes);
  checkExport(C, FdPread);
  checkExport(C, FdPrestatGet);
  checkExport(C, FdPrestatDirName);
  checkExport(C, FdPwrite);
  checkExport(C, FdRead);
  checkExport(C, FdReaddir);
  checkExport(C, FdRenumber);
  checkExport(C, FdSeek);
  checkExport(C, FdSync);
  checkExport(C, FdTell);
  checkExport(C, FdWrite);
  checkExport(C, PathCreateDirectory);
  checkExport(C, PathFilestatGet);
  checkExport(C, PathFilestatSetTimes);
  checkExport(C, PathLink);
  checkExport(C, PathOpen);
  checkExport(C, PathReadlink);
  checkExport(C, PathRemoveDirectory);
  checkExport(C, PathRename);
  checkExport(C, PathSymlink);
  checkExport(C, PathUnlinkFile);
  checkExport(C, PollOneoff);
  checkExport(C, ProcRaise);
  checkExport(C, SchedYield);
  checkExport(C, RandomGet);
  checkExport(C, SockAccept);
  checkExport(C, SockRecv);
  checkExport(C, SockSend);
  checkExport(C, SockShutdown);

  std::optional<Extern> Exit = C.module().exported("proc_exit");
  REQUIRE(Exit);
  CHECK(Exit->Func->type_id == canonicalTypeId(FuncSig{{0x7F}, {}}));
  CHECK_FALSE(C.module().exported("fd_nonexistent"));
}

TEST_CASE("wasi context creation fails naming a preopen that cannot be opened", "[wasi]") {
  WasiOptions Options;
  Options.Dirs = {{"/nonexistent/wasmaot-dir", "/data"}};
  Result<std::unique_ptr<WasiContext>> Context = WasiContext::create(Options);
  REQUIRE_FALSE(Context);
  CHECK(Context.error().message().find("/nonexistent/wasmaot-dir") != std::string::npos);

  TempTree Tree;
  Options.Dirs = {{Tree.path(std::string(SandboxDir) + "/file.txt"), "/file"}};
  Context = WasiContext::create(Options);
  REQUIRE_FALSE(Context);
  CHECK(Context.error().message().find("file.txt") != std::string::npos);
}

TEST_CASE("wasi context creation rejects a socket that is not one", "[wasi]") {
  int Null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  REQUIRE(Null >= 0);
  WasiOptions Options;
  Options.Sockets = {Null};
  Result<std::unique_ptr<WasiContext>> Context = WasiContext::create(Options);
  close(Null);
  REQUIRE_FALSE(Context);
  CHECK(Context.error().message().find("not a socket") != std::string::npos);
}

TEST_CASE("wasi numbers preopens from 3 and sockets after them", "[wasi]") {
  int Pair[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair) == 0);
  TempTree Other;
  WasiFixture W([&](WasiOptions &O) {
    O.Dirs.push_back({Other.path("outside"), "/second"});
    O.Sockets = {Pair[0]};
  });
  close(Pair[0]);
  close(Pair[1]);
  CHECK(W.fdstat(3).Filetype == filetype::Directory);
  CHECK(W.fdstat(4).Filetype == filetype::Directory);
  CHECK(W.fdstat(5).Filetype == filetype::SocketStream);
  CHECK(W.call(FdFdstatGet, 6, W.alloc(sizeof(Fdstat))) == Errno::BadF);
}

TEST_CASE("wasi leaves a guest stdio fd closed when the host's is", "[wasi]") {
  int Closed = open("/dev/null", O_RDONLY | O_CLOEXEC);
  REQUIRE(Closed >= 0);
  close(Closed);
  WasiFixture W([&](WasiOptions &O) { O.Stdin = Closed; });
  CHECK(W.call(FdFdstatGet, 0, W.alloc(sizeof(Fdstat))) == Errno::BadF);
  CHECK(W.fdstat(1).RightsBase != 0);
}

TEST_CASE("wasi closing the guest's stdout leaves the host's open", "[wasi]") {
  int Pipe[2];
  REQUIRE(pipe2(Pipe, O_CLOEXEC) == 0);
  {
    WasiFixture W([&](WasiOptions &O) { O.Stdout = Pipe[1]; });
    CHECK(W.write(1, "guest") == 5);
    CHECK(W.call(FdClose, 1) == Errno::Success);
    CHECK(W.call(FdWrite, 1, W.iovecs({"x"}), 1, W.alloc(4)) == Errno::BadF);
  }
  CHECK(::write(Pipe[1], "host", 4) == 4);
  char Buffer[16] = {};
  CHECK(::read(Pipe[0], Buffer, sizeof Buffer) == 9);
  CHECK(std::string(Buffer) == "guesthost");
  close(Pipe[0]);
  close(Pipe[1]);
}

TEST_CASE("wasi functions answer EFAULT before a memory is bound", "[wasi]") {
  WasiOptions Options;
  Options.Args = {"guest"};
  Result<std::unique_ptr<WasiContext>> Context = WasiContext::create(Options);
  REQUIRE(Context);
  std::optional<Extern> F = (*Context)->module().exported("args_sizes_get");
  REQUIRE(F);
  auto *Native = reinterpret_cast<int32_t (*)(wasmaot_vmctx *, int32_t, int32_t)>(F->Func->code);
  CHECK(Native(F->Func->vmctx, 0, 4) == int32_t(Errno::Fault));
}

TEST_CASE("wasi follows a memory that grows and moves", "[wasi]") {
  WasiFixture W;
  std::shared_ptr<LinearMemory> Moving =
      wasmaot::runtime::test::makeMemory(1, std::nullopt, WASMAOT_BOUNDS_EXPLICIT);
  W.Context->bindMemory(Moving);
  uint32_t InSecondPage = uint32_t(uint64_t(WASMAOT_PAGE_SIZE)) + 16;
  CHECK(W.call(ArgsSizesGet, InSecondPage, InSecondPage + 4) == Errno::Fault);
  REQUIRE(Moving->grow(1) == 1);
  CHECK(W.call(ArgsSizesGet, InSecondPage, InSecondPage + 4) == Errno::Success);
  uint32_t Argc;
  std::memcpy(&Argc, Moving->base() + InSecondPage, 4);
  CHECK(Argc == 1);
  CHECK(W.call(ArgsSizesGet, 2 * uint32_t(uint64_t(WASMAOT_PAGE_SIZE)) - 2, 0) == Errno::Fault);
}

TEST_CASE("proc_exit records the code and unwinds with WASMAOT_TRAP_EXIT", "[wasi]") {
  WasiFixture W;
  CHECK_FALSE(W.Context->exitCode());
  auto [Code, Vmctx] = W.function("proc_exit");
  ExitCall Call{Code, Vmctx, 7};
  CHECK(callWasm(callProcExit, &Call) == WASMAOT_TRAP_EXIT);
  CHECK(W.Context->exitCode() == 7u);

  // The code is a u32: -1 is 4294967295, not a failure of the call.
  Call.Status = -1;
  CHECK(callWasm(callProcExit, &Call) == WASMAOT_TRAP_EXIT);
  CHECK(W.Context->exitCode() == 0xFFFFFFFFu);
}
