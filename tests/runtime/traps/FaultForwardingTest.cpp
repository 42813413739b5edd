//===- traps/FaultForwardingTest.cpp - Faults that are not traps -----------===//
//
// The signal handler must claim only wasm traps. Every other fault has to
// reach the handler installed before the runtime's, or kill the process as it
// would have without the runtime. These tests run in child processes: the
// ones expected to die are fork()ed, and the ones that install a handler of
// their own before the runtime's re-execute the test binary to run a hidden
// test case ([.]) in a process where the runtime has installed nothing yet.
//
//===----------------------------------------------------------------------===//
#include "traps/Trap.h"

#include "RuntimeTestSupport.h"
#include "memory/LinearMemory.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <csignal>
#include <cstring>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

WASMAOT_STAND_IN_FOR_WASM void touch(void *Address) { *static_cast<volatile char *>(Address) = 1; }

/// The same access from the host's own code (a runtime or host function
/// called from wasm, say), which is no stand-in for compiled code.
__attribute__((noinline)) void touchFromHost(void *Address) {
  *static_cast<volatile char *>(Address) = 1;
}

void prepareOrDie() {
  Result<void> Prepared = prepareThread();
  if (!Prepared) {
    std::fprintf(stderr, "%s\n", Prepared.error().message().c_str());
    _exit(20);
  }
}

/// The exit status of a test handler that got the fault it expected.
constexpr int ChainedStatus = 42;

void writeStderr(const char *Text) {
  ssize_t Ignored = write(STDERR_FILENO, Text, std::strlen(Text));
  (void)Ignored;
}

/// The fault address the chained handlers expect: an inaccessible page of
/// the child process.
volatile char *ExpectedAddress;

void siginfoHandler(int Signal, siginfo_t *Info, void *) {
  if (Signal == SIGSEGV && Info->si_addr == ExpectedAddress) {
    writeStderr("siginfo handler got the fault\n");
    _exit(ChainedStatus);
  }
  writeStderr("siginfo handler got an unexpected signal\n");
  _exit(30);
}

void plainHandler(int Signal) {
  writeStderr("plain handler got the fault\n");
  _exit(Signal == SIGSEGV ? ChainedStatus : 31);
}

void installBeforeRuntime(const struct sigaction &Action) {
  if (sigaction(SIGSEGV, &Action, nullptr) != 0)
    _exit(21);
  prepareOrDie();
}

/// Faults at a page that is not a guard region, inside an activation or not.
void faultAtInaccessiblePage(bool InsideActivation) {
  InaccessiblePage Page;
  ExpectedAddress = Page.address();
  if (InsideActivation)
    callWasm([](void *) { touch(const_cast<char *>(ExpectedAddress)); }, nullptr);
  else
    touch(const_cast<char *>(ExpectedAddress));
  writeStderr("the fault was swallowed\n");
  _exit(32);
}

void expectChained(const char *HiddenTest) {
  ChildResult Child = runTestInNewProcess(HiddenTest);
  INFO(Child.describe());
  CHECK(Child.exited(ChainedStatus));
}

} // namespace

TEST_CASE("a fault outside any activation is not swallowed") {
  prepareOrDie();
  ChildResult Child = runInChild([] { faultAtInaccessiblePage(false); });
  INFO(Child.describe());
  CHECK(Child.diedOfSegfault());
}

TEST_CASE("a fault inside an activation outside any guard region is not swallowed") {
  prepareOrDie();
  ChildResult Child = runInChild([] { faultAtInaccessiblePage(true); });
  INFO(Child.describe());
  CHECK(Child.diedOfSegfault());
}

TEST_CASE("a fault in an explicitly checked memory's reservation is not a trap") {
  prepareOrDie();
  // Compiled code checks every access to such a memory, so a fault there is a
  // bug in it, which must not be hidden as a trap.
  ChildResult Child = runInChild([] {
    auto Memory = LinearMemory::create(1, 4, WASMAOT_BOUNDS_EXPLICIT);
    if (!Memory)
      _exit(22);
    callWasm(touch, (*Memory)->base() + (*Memory)->byteSize());
    _exit(32);
  });
  INFO(Child.describe());
  CHECK(Child.diedOfSegfault());
}

TEST_CASE("a guard-region fault outside compiled code is not a trap") {
  prepareOrDie();
  // The address would be a trap for compiled code; from anywhere else it is
  // a bug of the host, which must crash rather than pass for a wasm trap.
  ChildResult Child = runInChild([] {
    auto Memory = LinearMemory::create(1, 4, WASMAOT_BOUNDS_GUARD);
    if (!Memory)
      _exit(22);
    if (callWasm(touch, (*Memory)->base() + (*Memory)->byteSize()) !=
        WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS)
      _exit(23);
    callWasm(touchFromHost, (*Memory)->base() + (*Memory)->byteSize());
    _exit(32);
  });
  INFO(Child.describe());
  CHECK(Child.diedOfSegfault());
}

TEST_CASE("a SIGSEGV sent to a thread running wasm code is not a trap") {
  prepareOrDie();
  ChildResult Child = runInChild([] {
    callWasm([](void *) { raise(SIGSEGV); }, nullptr);
    _exit(32);
  });
  INFO(Child.describe());
  CHECK(Child.diedOfSegfault());
}

TEST_CASE("wasmaot_rt_trap outside any activation aborts") {
  ChildResult Child = runInChild([] { wasmaot_rt_trap(nullptr, WASMAOT_TRAP_UNREACHABLE); });
  INFO(Child.describe());
  CHECK(Child.killedBy(SIGABRT));
  CHECK(Child.Stderr.find("outside wasm code") != std::string::npos);
}

TEST_CASE("wasmaot_rt_trap with an invalid kind aborts") {
  ChildResult Child = runInChild([] {
    callWasm([](void *) { wasmaot_rt_trap(nullptr, 0); }, nullptr);
  });
  INFO(Child.describe());
  CHECK(Child.killedBy(SIGABRT));
  CHECK(Child.Stderr.find("invalid trap kind") != std::string::npos);
}

TEST_CASE("faults that are not traps reach the handler installed before the runtime") {
  SECTION("an SA_SIGINFO handler, fault outside any activation") {
    expectChained("child - siginfo handler - fault outside wasm");
  }
  SECTION("an SA_SIGINFO handler, fault inside an activation") {
    expectChained("child - siginfo handler - fault inside wasm");
  }
  SECTION("a plain handler") { expectChained("child - plain handler - fault inside wasm"); }
  SECTION("the handler still gets faults after traps were handled") {
    expectChained("child - siginfo handler - fault after traps");
  }
}

TEST_CASE("an ignored SIGSEGV still lets a fault kill the process") {
  ChildResult Child = runTestInNewProcess("child - SIGSEGV ignored - fault inside wasm");
  INFO(Child.describe());
  CHECK(Child.killedBy(SIGSEGV));
}

TEST_CASE("child - siginfo handler - fault outside wasm", "[.]") {
  struct sigaction Action = {};
  Action.sa_sigaction = siginfoHandler;
  Action.sa_flags = SA_SIGINFO;
  installBeforeRuntime(Action);
  faultAtInaccessiblePage(false);
}

TEST_CASE("child - siginfo handler - fault inside wasm", "[.]") {
  struct sigaction Action = {};
  Action.sa_sigaction = siginfoHandler;
  Action.sa_flags = SA_SIGINFO;
  installBeforeRuntime(Action);
  faultAtInaccessiblePage(true);
}

TEST_CASE("child - plain handler - fault inside wasm", "[.]") {
  struct sigaction Action = {};
  Action.sa_handler = plainHandler;
  installBeforeRuntime(Action);
  faultAtInaccessiblePage(true);
}

TEST_CASE("child - siginfo handler - fault after traps", "[.]") {
  struct sigaction Action = {};
  Action.sa_sigaction = siginfoHandler;
  Action.sa_flags = SA_SIGINFO;
  installBeforeRuntime(Action);
  auto Memory = LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
  if (!Memory)
    _exit(22);
  for (int I = 0; I < 10; ++I)
    if (callWasm(touch, (*Memory)->base() + (*Memory)->byteSize()) !=
        WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS)
      _exit(23);
  faultAtInaccessiblePage(true);
}

TEST_CASE("child - SIGSEGV ignored - fault inside wasm", "[.]") {
  struct sigaction Action = {};
  Action.sa_handler = SIG_IGN;
  installBeforeRuntime(Action);
  faultAtInaccessiblePage(true);
}
