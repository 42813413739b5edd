//===- wasi/WasiPollTest.cpp - poll_oneoff ----------------------------------===//
#include "WasiTestSupport.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

using namespace wasmaot::runtime::wasi;
using namespace wasmaot::runtime::wasi::test;

namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t Millisecond = 1'000'000;

Subscription clockSub(uint64_t Userdata, uint32_t Id, uint64_t Timeout, uint16_t Flags = 0) {
  Subscription Sub;
  Sub.Userdata = Userdata;
  Sub.Tag = eventtype::Clock;
  Sub.ClockIdOrFd = Id;
  Sub.Timeout = Timeout;
  Sub.Flags = Flags;
  return Sub;
}

Subscription fdSub(uint64_t Userdata, uint8_t Type, uint32_t Fd) {
  Subscription Sub;
  Sub.Userdata = Userdata;
  Sub.Tag = Type;
  Sub.ClockIdOrFd = Fd;
  return Sub;
}

/// Runs poll_oneoff on Subs; the events, and how long it took in ms.
struct PollResult {
  Errno Result;
  std::vector<Event> Events;
  int64_t Milliseconds;
};

PollResult poll(WasiFixture &W, const std::vector<Subscription> &Subs) {
  uint32_t In = W.alloc(uint32_t(Subs.size() * sizeof(Subscription)));
  std::memcpy(W.Memory->base() + In, Subs.data(), Subs.size() * sizeof(Subscription));
  uint32_t Out = W.alloc(uint32_t(Subs.size() * sizeof(Event)));
  uint32_t NEvents = W.alloc(4);
  Clock::time_point Start = Clock::now();
  PollResult R;
  R.Result = W.call(PollOneoff, In, Out, uint32_t(Subs.size()), NEvents);
  R.Milliseconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - Start).count();
  if (R.Result == Errno::Success)
    for (uint32_t I = 0; I < W.load<uint32_t>(NEvents); ++I)
      R.Events.push_back(W.load<Event>(Out + I * sizeof(Event)));
  return R;
}

struct Pipe {
  int Read = -1, Write = -1;
  Pipe() {
    int Fds[2];
    REQUIRE(pipe2(Fds, O_CLOEXEC) == 0);
    Read = Fds[0];
    Write = Fds[1];
  }
  ~Pipe() {
    close(Read);
    if (Write >= 0)
      close(Write);
  }
};

} // namespace

TEST_CASE("poll_oneoff sleeps for a relative clock subscription", "[wasi]") {
  WasiFixture W;
  PollResult R = poll(W, {clockSub(42, clockid::Monotonic, 30 * Millisecond)});
  REQUIRE(R.Result == Errno::Success);
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Userdata == 42);
  CHECK(R.Events[0].Type == eventtype::Clock);
  CHECK(R.Events[0].Error == 0);
  CHECK(R.Milliseconds >= 30);

  R = poll(W, {clockSub(1, clockid::Realtime, 20 * Millisecond)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Milliseconds >= 20);
}

TEST_CASE("poll_oneoff waits for absolute clock subscriptions", "[wasi]") {
  WasiFixture W;
  uint32_t Time = W.alloc(8);
  REQUIRE(W.call(ClockTimeGet, clockid::Monotonic, 0, Time) == Errno::Success);
  uint64_t Monotonic = W.load<uint64_t>(Time);
  PollResult Past =
      poll(W, {clockSub(1, clockid::Monotonic, Monotonic - 1, subclockflags::Abstime)});
  REQUIRE(Past.Events.size() == 1);
  CHECK(Past.Milliseconds < 1000);

  PollResult Future = poll(
      W, {clockSub(2, clockid::Monotonic, Monotonic + 60 * Millisecond, subclockflags::Abstime)});
  REQUIRE(Future.Events.size() == 1);
  CHECK(Future.Milliseconds >= 40);

  REQUIRE(W.call(ClockTimeGet, clockid::Realtime, 0, Time) == Errno::Success);
  uint64_t Realtime = W.load<uint64_t>(Time);
  PollResult Real = poll(
      W, {clockSub(3, clockid::Realtime, Realtime + 40 * Millisecond, subclockflags::Abstime)});
  REQUIRE(Real.Events.size() == 1);
  CHECK(Real.Events[0].Userdata == 3);
  CHECK(Real.Milliseconds >= 30);
}

TEST_CASE("poll_oneoff reports only the clocks that expired", "[wasi]") {
  WasiFixture W;
  PollResult R = poll(W, {clockSub(1, clockid::Monotonic, 10'000 * Millisecond),
                          clockSub(2, clockid::Monotonic, 10 * Millisecond)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Userdata == 2);
  CHECK(R.Milliseconds < 5000);
}

TEST_CASE("poll_oneoff reports subscription errors as events without waiting", "[wasi]") {
  WasiFixture W;
  uint32_t NoPoll = W.open("file.txt", 0, rights::FdRead);
  PollResult R = poll(W, {clockSub(1, clockid::Monotonic, 10'000 * Millisecond),
                          clockSub(2, clockid::ProcessCputime, 1), clockSub(3, 17, 1),
                          clockSub(4, clockid::Monotonic, 1, 2), fdSub(5, eventtype::FdRead, 99),
                          fdSub(6, eventtype::FdWrite, NoPoll)});
  REQUIRE(R.Result == Errno::Success);
  CHECK(R.Milliseconds < 5000);
  REQUIRE(R.Events.size() == 5);
  CHECK(R.Events[0].Userdata == 2);
  CHECK(R.Events[0].Error == uint16_t(Errno::Inval));
  CHECK(R.Events[1].Error == uint16_t(Errno::Inval));
  CHECK(R.Events[2].Error == uint16_t(Errno::Inval));
  CHECK(R.Events[3].Userdata == 5);
  CHECK(R.Events[3].Type == eventtype::FdRead);
  CHECK(R.Events[3].Error == uint16_t(Errno::BadF));
  CHECK(R.Events[4].Error == uint16_t(Errno::NotCapable));
}

TEST_CASE("poll_oneoff waits for descriptors to be ready", "[wasi]") {
  Pipe In, Out;
  WasiFixture W([&](WasiOptions &O) {
    O.Stdin = In.Read;
    O.Stdout = Out.Write;
  });
  // Nothing to read: only the clock fires; the pipe is writable at once.
  PollResult R =
      poll(W, {fdSub(1, eventtype::FdRead, 0), clockSub(2, clockid::Monotonic, 20 * Millisecond)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Userdata == 2);
  R = poll(W, {fdSub(3, eventtype::FdWrite, 1)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Type == eventtype::FdWrite);
  CHECK(R.Events[0].Error == 0);

  REQUIRE(::write(In.Write, "abc", 3) == 3);
  R = poll(W,
           {fdSub(4, eventtype::FdRead, 0), clockSub(5, clockid::Monotonic, 10'000 * Millisecond)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Userdata == 4);
  CHECK(R.Events[0].NBytes == 3);
  CHECK(R.Events[0].Flags == 0);

  close(In.Write);
  In.Write = -1;
  REQUIRE(W.read(0) == "abc");
  R = poll(W, {fdSub(6, eventtype::FdRead, 0)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].Flags == eventrwflags::FdReadwriteHangup);
}

TEST_CASE("poll_oneoff reports a regular file readable with its remaining size", "[wasi]") {
  WasiFixture W;
  uint32_t File = W.open("file.txt", 0, rights::FdRead | rights::PollFdReadwrite);
  W.read(File, 2);
  PollResult R = poll(W, {fdSub(1, eventtype::FdRead, File)});
  REQUIRE(R.Events.size() == 1);
  CHECK(R.Events[0].NBytes == 3);
}

TEST_CASE("poll_oneoff rejects bad arguments", "[wasi]") {
  WasiFixture W;
  uint32_t Buf = W.alloc(64);
  uint32_t NEvents = W.alloc(4);
  CHECK(W.call(PollOneoff, Buf, Buf, 0, NEvents) == Errno::Inval);
  Subscription Bad = fdSub(1, 3, 0);
  std::memcpy(W.Memory->base() + Buf, &Bad, sizeof Bad);
  CHECK(W.call(PollOneoff, Buf, W.alloc(32), 1, NEvents) == Errno::Inval);
  CHECK(W.call(PollOneoff, W.memorySize() - 47, W.alloc(32), 1, NEvents) == Errno::Fault);
  CHECK(W.call(PollOneoff, Buf, W.memorySize() - 31, 1, NEvents) == Errno::Fault);
  CHECK(W.call(PollOneoff, Buf, W.alloc(32), 1, W.memorySize() - 3) == Errno::Fault);
  CHECK(W.call(PollOneoff, Buf, Buf, 0x10000000, NEvents) == Errno::Fault);
}
