//===- wasi/WasiArgsClockTest.cpp - args, environ, clocks, random, proc ---===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <ctime>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

void adjustArgsEnv(WasiOptions &O) {
  O.Args = {"prog", "", "two words"};
  O.Env = {"A=1", "EMPTY="};
}

} // namespace

TEST_CASE("args_sizes_get and args_get lay out argv", "[wasi]") {
  WasiFixture W(adjustArgsEnv);
  uint32_t Sizes = W.alloc(8);
  REQUIRE(W.call(ArgsSizesGet, Sizes, Sizes + 4) == Errno::Success);
  CHECK(W.load<uint32_t>(Sizes) == 3);
  CHECK(W.load<uint32_t>(Sizes + 4) == 5 + 1 + 10);

  uint32_t Argv = W.alloc(12);
  uint32_t Buf = W.alloc(16);
  REQUIRE(W.call(ArgsGet, Argv, Buf) == Errno::Success);
  CHECK(W.load<uint32_t>(Argv) == Buf);
  CHECK(W.load<uint32_t>(Argv + 4) == Buf + 5);
  CHECK(W.load<uint32_t>(Argv + 8) == Buf + 6);
  CHECK(W.bytes(Buf, 16) == std::string("prog\0\0two words\0", 16));
}

TEST_CASE("args_get and args_sizes_get check every pointer", "[wasi]") {
  WasiFixture W(adjustArgsEnv);
  uint32_t End = W.memorySize();
  CHECK(W.call(ArgsSizesGet, End - 4, End - 3) == Errno::Fault);
  CHECK(W.call(ArgsSizesGet, 0xFFFFFFFF, 0) == Errno::Fault);
  // The argv array fits; the 16-byte buffer does not.
  CHECK(W.call(ArgsGet, W.alloc(12), End - 15) == Errno::Fault);
  // Nothing was written before the check failed.
  CHECK(W.bytes(End - 15, 15) == std::string(15, '\0'));
  CHECK(W.call(ArgsGet, End - 8, W.alloc(16)) == Errno::Fault);
}

TEST_CASE("environ_sizes_get and environ_get lay out the environment", "[wasi]") {
  WasiFixture W(adjustArgsEnv);
  uint32_t Sizes = W.alloc(8);
  REQUIRE(W.call(EnvironSizesGet, Sizes, Sizes + 4) == Errno::Success);
  CHECK(W.load<uint32_t>(Sizes) == 2);
  CHECK(W.load<uint32_t>(Sizes + 4) == 4 + 7);
  uint32_t Environ = W.alloc(8);
  uint32_t Buf = W.alloc(11);
  REQUIRE(W.call(EnvironGet, Environ, Buf) == Errno::Success);
  CHECK(W.load<uint32_t>(Environ + 4) == Buf + 4);
  CHECK(W.bytes(Buf, 11) == std::string("A=1\0EMPTY=\0", 11));
  CHECK(W.call(EnvironGet, Environ, W.memorySize() - 10) == Errno::Fault);
  CHECK(W.call(EnvironSizesGet, W.memorySize(), Sizes) == Errno::Fault);
}

TEST_CASE("clock_time_get reads the four clocks", "[wasi]") {
  WasiFixture W;
  uint32_t Time = W.alloc(8);
  REQUIRE(W.call(ClockTimeGet, clockid::Realtime, 1, Time) == Errno::Success);
  uint64_t Realtime = W.load<uint64_t>(Time);
  uint64_t HostNow = uint64_t(std::time(nullptr)) * 1'000'000'000u;
  CHECK(Realtime + 5'000'000'000u > HostNow);
  CHECK(Realtime < HostNow + 5'000'000'000u);

  REQUIRE(W.call(ClockTimeGet, clockid::Monotonic, 0, Time) == Errno::Success);
  uint64_t First = W.load<uint64_t>(Time);
  timespec Pause = {0, 2'000'000};
  nanosleep(&Pause, nullptr);
  REQUIRE(W.call(ClockTimeGet, clockid::Monotonic, 0, Time) == Errno::Success);
  CHECK(W.load<uint64_t>(Time) >= First + 2'000'000);

  // Burn some CPU so the CPU-time clocks are not zero.
  volatile uint64_t Sink = 0;
  for (int I = 0; I < 1'000'000; ++I)
    Sink = Sink + uint64_t(I);
  REQUIRE(W.call(ClockTimeGet, clockid::ProcessCputime, 0, Time) == Errno::Success);
  CHECK(W.load<uint64_t>(Time) > 0);
  REQUIRE(W.call(ClockTimeGet, clockid::ThreadCputime, 0, Time) == Errno::Success);
  CHECK(W.load<uint64_t>(Time) > 0);

  CHECK(W.call(ClockTimeGet, 4, 0, Time) == Errno::Inval);
  CHECK(W.call(ClockTimeGet, clockid::Monotonic, 0, W.memorySize() - 7) == Errno::Fault);
}

TEST_CASE("clock_res_get reports each clock's resolution", "[wasi]") {
  WasiFixture W;
  uint32_t Resolution = W.alloc(8);
  for (uint32_t Clock :
       {clockid::Realtime, clockid::Monotonic, clockid::ProcessCputime, clockid::ThreadCputime}) {
    REQUIRE(W.call(ClockResGet, Clock, Resolution) == Errno::Success);
    CHECK(W.load<uint64_t>(Resolution) > 0);
    CHECK(W.load<uint64_t>(Resolution) <= 1'000'000'000u);
  }
  CHECK(W.call(ClockResGet, 99, Resolution) == Errno::Inval);
  CHECK(W.call(ClockResGet, clockid::Monotonic, W.memorySize()) == Errno::Fault);
}

TEST_CASE("random_get fills the buffer with random bytes", "[wasi]") {
  WasiFixture W;
  uint32_t A = W.alloc(64), B = W.alloc(64);
  REQUIRE(W.call(RandomGet, A, 64) == Errno::Success);
  REQUIRE(W.call(RandomGet, B, 64) == Errno::Success);
  CHECK(W.bytes(A, 64) != W.bytes(B, 64));
  CHECK(W.bytes(A, 64) != std::string(64, '\0'));
  CHECK(W.call(RandomGet, W.memorySize() - 8, 9) == Errno::Fault);
  CHECK(W.bytes(W.memorySize() - 8, 8) == std::string(8, '\0'));
  CHECK(W.call(RandomGet, W.memorySize(), 0) == Errno::Success);
}

TEST_CASE("proc_raise is not supported and sched_yield succeeds", "[wasi]") {
  WasiFixture W;
  CHECK(W.call(ProcRaise, 15) == Errno::NoSys);
  CHECK(W.call(SchedYield) == Errno::Success);
}
