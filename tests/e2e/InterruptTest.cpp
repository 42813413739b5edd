//===- tests/e2e/InterruptTest.cpp - An embedder stops running wasm code ---===//
//
// Instance::interrupt() from another thread ends a guest that never returns
// on its own (a loop, a recursion that stays shallow), when its code was
// compiled to be interruptible; clearInterrupt() lets it be called again.
//
//===----------------------------------------------------------------------===//
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace wasmaot;
using wasmaot::test::WatModule;

namespace {

const char *const Runaway = R"(
  (module
    (func $spin (export "spin") (loop $again (br $again)))
    ;; A loop around a call.
    (func $callee (param i32) (result i32) (local.get 0))
    (func (export "calls") (local $i i32)
      (loop $again
        (local.set $i (call $callee (i32.add (local.get $i) (i32.const 1))))
        (br $again)))
    (func (export "answer") (result i32) (i32.const 42)))
)";

/// Calls Name on this thread while another interrupts it after a moment.
wasmaot_trap_kind callInterrupted(WatModule &M, const char *Name) {
  std::thread Interrupter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    M.instance().interrupt();
  });
  wasmaot_trap_kind Kind = M.call(Name, {});
  Interrupter.join();
  return Kind;
}

} // namespace

TEST_CASE("interrupt() stops interruptible code and clearInterrupt() resumes it",
          "[e2e][interrupt]") {
  for (wasmaot_bounds_checks Bounds : {WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT}) {
    for (unsigned Opt : {0u, 2u}) {
      CAPTURE(Bounds, Opt);
      WatModule M(Runaway, Bounds, Opt, /*Interruptible=*/true);
      CHECK(callInterrupted(M, "spin") == WASMAOT_TRAP_INTERRUPTED);
      // The request stays until cleared: even a function without loops traps.
      uint64_t Result = 0;
      CHECK(M.call("answer", {}, &Result) == WASMAOT_TRAP_INTERRUPTED);
      M.instance().clearInterrupt();
      CHECK(M.call("answer", {}, &Result) == WASMAOT_TRAP_NONE);
      CHECK(Result == 42);
      CHECK(callInterrupted(M, "calls") == WASMAOT_TRAP_INTERRUPTED);
    }
  }
}

TEST_CASE("code compiled without the checks ignores interrupt()", "[e2e][interrupt]") {
  WatModule M(Runaway, WASMAOT_BOUNDS_GUARD, 2);
  M.instance().interrupt();
  uint64_t Result = 0;
  CHECK(M.call("answer", {}, &Result) == WASMAOT_TRAP_NONE);
  CHECK(Result == 42);
}
