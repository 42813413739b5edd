//===- traps/TrapTest.cpp - Activations and the traps that unwind them -----===//
//
// The functions called through callWasm stand in for generated code: plain
// functions whose frames own nothing, so unwinding over them is sound.
//
//===----------------------------------------------------------------------===//
#include "traps/Trap.h"

#include "RuntimeTestSupport.h"
#include "memory/LinearMemory.h"

#include <catch2/catch.hpp>

#include <pthread.h>

#include <atomic>
#include <climits>
#include <thread>
#include <vector>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

void doNothing(void *) {}

void trapWithKind(void *Kind) {
  wasmaot_rt_trap(nullptr, *static_cast<uint32_t *>(Kind));
}

struct Read {
  volatile uint8_t *Address = nullptr;
  uint8_t Value = 0;
};

WASMAOT_STAND_IN_FOR_WASM void readByte(void *Arg) {
  auto *R = static_cast<Read *>(Arg);
  R->Value = *R->Address;
}

WASMAOT_STAND_IN_FOR_WASM void writeByte(void *Arg) {
  auto *R = static_cast<Read *>(Arg);
  *R->Address = R->Value;
}

struct ThreeLevels {
  Read OutOfBounds;
  wasmaot_trap_kind Innermost = WASMAOT_TRAP_NONE;
};

void middleLevel(void *Arg) {
  auto *Levels = static_cast<ThreeLevels *>(Arg);
  Levels->Innermost = callWasm(readByte, &Levels->OutOfBounds);
  wasmaot_rt_trap(nullptr, WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS);
}

void topLevel(void *Arg) {
  if (callWasm(middleLevel, Arg) == WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS)
    wasmaot_rt_trap(nullptr, WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
}

/// Keeps the compiler from ending a recursion it can prove infinite, and from
/// turning it into a loop. Never reached.
volatile int UnreachableDepth = INT_MAX;
std::atomic<int> DeepestDepth{0};

/// What generated code does at every function entry: compare the stack
/// pointer with vmctx->stack_limit.
[[gnu::noinline]] int recurseWithCheck(wasmaot_vmctx *Vmctx, int Depth) {
  volatile char Frame[256];
  Frame[0] = char(Depth);
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < Vmctx->stack_limit)
    wasmaot_rt_trap(Vmctx, WASMAOT_TRAP_STACK_EXHAUSTED);
  DeepestDepth.store(Depth, std::memory_order_relaxed);
  if (Depth == UnreachableDepth)
    return 0;
  return recurseWithCheck(Vmctx, Depth + 1) + Frame[0];
}

void runRecursionWithCheck(void *Vmctx) {
  recurseWithCheck(static_cast<wasmaot_vmctx *>(Vmctx), 0);
}

/// No check at all: the recursion runs into the end of the stack.
[[gnu::noinline]] int recurseWithoutCheck(int Depth) {
  volatile char Frame[256];
  Frame[0] = char(Depth);
  DeepestDepth.store(Depth, std::memory_order_relaxed);
  if (Depth == UnreachableDepth)
    return 0;
  return recurseWithoutCheck(Depth + 1) + Frame[0];
}

void runRecursionWithoutCheck(void *) { recurseWithoutCheck(0); }

wasmaot_trap_kind recurseWithCheckInActivation() {
  wasmaot_vmctx Vmctx = {};
  Vmctx.stack_limit = currentStackLimit();
  return callWasm(runRecursionWithCheck, &Vmctx);
}

wasmaot_trap_kind overflowInActivation() { return callWasm(runRecursionWithoutCheck, nullptr); }

/// Runs Body on a new thread with a stack of StackSize bytes and returns its
/// result; std::thread cannot choose its stack size.
template <typename Fn> auto onThreadWithStack(size_t StackSize, Fn Body) {
  struct Call {
    Fn Body;
    decltype(Body()) Result{};
  } State{Body};
  pthread_attr_t Attributes;
  pthread_attr_init(&Attributes);
  pthread_attr_setstacksize(&Attributes, StackSize);
  pthread_t Thread;
  int Err = pthread_create(
      &Thread, &Attributes,
      [](void *Arg) -> void * {
        auto *C = static_cast<Call *>(Arg);
        C->Result = C->Body();
        return nullptr;
      },
      &State);
  pthread_attr_destroy(&Attributes);
  REQUIRE(Err == 0);
  pthread_join(Thread, nullptr);
  return State.Result;
}

} // namespace

TEST_CASE("callWasm runs the entry and returns WASMAOT_TRAP_NONE") {
  int Value = 0;
  CHECK(callWasm([](void *Arg) { *static_cast<int *>(Arg) = 42; }, &Value) == WASMAOT_TRAP_NONE);
  CHECK(Value == 42);
  CHECK(callWasm(doNothing, nullptr) == WASMAOT_TRAP_NONE);
}

TEST_CASE("wasmaot_rt_trap unwinds to callWasm with its kind") {
  for (uint32_t Kind = WASMAOT_TRAP_UNREACHABLE; Kind <= WASMAOT_TRAP_HOST; ++Kind) {
    INFO("kind " << Kind);
    CHECK(callWasm(trapWithKind, &Kind) == static_cast<wasmaot_trap_kind>(Kind));
  }
  // The activation is gone: running normally works again.
  CHECK(callWasm(doNothing, nullptr) == WASMAOT_TRAP_NONE);
}

TEST_CASE("activations nest") {
  struct Nesting {
    wasmaot_trap_kind Inner = WASMAOT_TRAP_NONE;
    wasmaot_trap_kind Second = WASMAOT_TRAP_NONE;
  } State;
  // The outer code calls a "host function" that runs wasm again, which
  // traps; the outer activation carries on and then traps itself.
  auto Outer = [](void *Arg) {
    auto *S = static_cast<Nesting *>(Arg);
    uint32_t Kind = WASMAOT_TRAP_INTEGER_OVERFLOW;
    S->Inner = callWasm(trapWithKind, &Kind);
    S->Second = callWasm(doNothing, nullptr);
    wasmaot_rt_trap(nullptr, WASMAOT_TRAP_UNREACHABLE);
  };
  CHECK(callWasm(Outer, &State) == WASMAOT_TRAP_UNREACHABLE);
  CHECK(State.Inner == WASMAOT_TRAP_INTEGER_OVERFLOW);
  CHECK(State.Second == WASMAOT_TRAP_NONE);

  // Three levels, the innermost faulting in a guard region.
  auto Memory = LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
  REQUIRE(Memory);
  ThreeLevels Levels;
  Levels.OutOfBounds.Address = (*Memory)->base() + (*Memory)->byteSize();
  CHECK(callWasm(topLevel, &Levels) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK(Levels.Innermost == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
}

TEST_CASE("an access in the guard region traps, and execution carries on") {
  auto Memory = LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
  REQUIRE(Memory);
  uint8_t *Base = (*Memory)->base();
  uint64_t Size = (*Memory)->byteSize();

  int Traps = 0;
  for (int I = 0; I < 1000; ++I) {
    // Just past the end, and spread over the rest of the 8 GiB reservation.
    uint64_t Offset = I % 2 ? Size : Size + uint64_t(I) * 8388593 % (WASMAOT_GUARD_RESERVATION - Size);
    Read Access{Base + Offset, uint8_t(I)};
    Traps += callWasm(I % 3 ? readByte : writeByte, &Access) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS;
    Read InBounds{Base + uint64_t(I) * 61 % Size, uint8_t(I)};
    REQUIRE(callWasm(writeByte, &InBounds) == WASMAOT_TRAP_NONE);
  }
  CHECK(Traps == 1000);

  // The last byte a wasm access can reach (u32 index + u32 offset + 15).
  Read Farthest{Base + (uint64_t{2} << 32) + 13};
  CHECK(callWasm(readByte, &Farthest) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);

  // After growing, the same address is memory.
  Read JustPast{Base + Size};
  REQUIRE((*Memory)->grow(1) == 1);
  CHECK(callWasm(readByte, &JustPast) == WASMAOT_TRAP_NONE);
  CHECK(JustPast.Value == 0);
  Read NewEnd{Base + (*Memory)->byteSize()};
  CHECK(callWasm(readByte, &NewEnd) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
}

TEST_CASE("traps on several threads at once stay on their own thread") {
  constexpr int Threads = 4;
  std::vector<std::thread> Workers;
  std::atomic<int> Failures{0};
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([&Failures] {
      auto Memory = LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
      if (!Memory) {
        ++Failures;
        return;
      }
      for (int I = 0; I < 500; ++I) {
        Read OutOfBounds{(*Memory)->base() + (*Memory)->byteSize() + uint64_t(I) * 4096};
        uint32_t Kind = WASMAOT_TRAP_UNREACHABLE;
        if (callWasm(readByte, &OutOfBounds) != WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS ||
            callWasm(trapWithKind, &Kind) != WASMAOT_TRAP_UNREACHABLE ||
            callWasm(doNothing, nullptr) != WASMAOT_TRAP_NONE)
          ++Failures;
      }
    });
  for (std::thread &W : Workers)
    W.join();
  CHECK(Failures == 0);
}

TEST_CASE("the stack limit lies within the current stack") {
  uintptr_t Limit = currentStackLimit();
  auto Here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  CHECK(Limit < Here);
  CHECK(Here - Limit < uintptr_t{1} << 30);
  CHECK(currentStackLimit() == Limit);
  CHECK(onThreadWithStack(1 << 20, [] { return currentStackLimit(); }) != Limit);
}

TEST_CASE("checking the stack limit turns deep recursion into a trap") {
  for (int Run = 0; Run < 3; ++Run) {
    DeepestDepth = 0;
    CHECK(recurseWithCheckInActivation() == WASMAOT_TRAP_STACK_EXHAUSTED);
    CHECK(DeepestDepth > 1000);
  }
  CHECK(callWasm(doNothing, nullptr) == WASMAOT_TRAP_NONE);

  DeepestDepth = 0;
  CHECK(onThreadWithStack(1 << 20, recurseWithCheckInActivation) == WASMAOT_TRAP_STACK_EXHAUSTED);
  CHECK(DeepestDepth > 1000);
}

TEST_CASE("a stack overflow inside wasm code is a trap") {
  for (int Run = 0; Run < 3; ++Run) {
    DeepestDepth = 0;
    CHECK(overflowInActivation() == WASMAOT_TRAP_STACK_EXHAUSTED);
    CHECK(DeepestDepth > 1000);
  }
  CHECK(callWasm(doNothing, nullptr) == WASMAOT_TRAP_NONE);

  // On threads of their own, which have guard pages below their stacks.
  for (int Run = 0; Run < 3; ++Run)
    CHECK(onThreadWithStack(1 << 20, overflowInActivation) == WASMAOT_TRAP_STACK_EXHAUSTED);
}

TEST_CASE("trap messages follow the spec testsuite") {
  CHECK(std::string(trapMessage(WASMAOT_TRAP_UNREACHABLE)) == "unreachable");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS)) ==
        "out of bounds memory access");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS)) ==
        "out of bounds table access");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_UNDEFINED_ELEMENT)) == "undefined element");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_UNINITIALIZED_ELEMENT)) == "uninitialized element");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_INDIRECT_CALL_TYPE_MISMATCH)) ==
        "indirect call type mismatch");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO)) ==
        "integer divide by zero");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_INTEGER_OVERFLOW)) == "integer overflow");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_INVALID_CONVERSION)) ==
        "invalid conversion to integer");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_STACK_EXHAUSTED)) == "call stack exhausted");
  CHECK(std::string(trapMessage(WASMAOT_TRAP_HOST)) == "host function failed");
  CHECK(std::string(trapMessage(static_cast<wasmaot_trap_kind>(99))) == "unknown trap");
}
