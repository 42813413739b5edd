//===- tests/e2e/PipelineTest.cpp - Wasm through every stage to a trap -----===//
//
// Assembles a small text module, compiles it through every stage, loads and
// instantiates it, and calls its functions, under both bounds-check
// strategies and at -O0 and -O2. Results and trap kinds are checked against
// the spec's semantics.
//
//===----------------------------------------------------------------------===//
#include "E2eSupport.h"

#include "llvm/ADT/StringExtras.h"

#include "instance/Backtrace.h"
#include "traps/Trap.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace wasmaot;
using wasmaot::test::WatModule;

namespace {

constexpr const char *TestModule = R"(
(module
  (memory 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  ;; The loaded value is dropped: the access must trap all the same.
  (func (export "probe") (param i32) (drop (i32.load (local.get 0))))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "unreachable") (unreachable))
  (func $forever (export "forever") (result i32) (i32.add (call $forever) (i32.const 1)))
  (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "sum") (param i32) (result i32) (local i32)
    (block
      (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
    (local.get 1))
)
)";

} // namespace

TEST_CASE("wasm code runs natively with the spec's semantics and traps", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  unsigned OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  WatModule M(TestModule, Bounds, OptLevel);
  uint64_t R = 0;

  REQUIRE(M.call("add", {2, 3}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 5);
  REQUIRE(M.call("fac", {20}, &R) == WASMAOT_TRAP_NONE);
  CHECK(R == 2432902008176640000ull);
  REQUIRE(M.call("sum", {100}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 5050);

  CHECK(M.call("div_s", {7, 0}) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK(M.call("div_s", {0x80000000u, 0xFFFFFFFFu}) == WASMAOT_TRAP_INTEGER_OVERFLOW);
  REQUIRE(M.call("rem_s", {0x80000000u, 0xFFFFFFFFu}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0);
  REQUIRE(M.call("div_s", {uint32_t(-7), 2}, &R) == WASMAOT_TRAP_NONE);
  CHECK(int32_t(R) == -3);

  REQUIRE(M.call("store", {65532, 0xDEADBEEF}) == WASMAOT_TRAP_NONE);
  REQUIRE(M.call("load", {65532}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0xDEADBEEF);
  CHECK(M.call("load", {65533}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("store", {0xFFFFFFFFu, 1}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("probe", {70000}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("probe", {0xFFFFFFFFu}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);

  REQUIRE(M.call("grow", {1}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 1);
  CHECK(M.call("probe", {70000}) == WASMAOT_TRAP_NONE);
  REQUIRE(M.call("load", {65532}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0xDEADBEEF);

  std::array<uint64_t, 8> Slots{};
  float NaN = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&Slots[0], &NaN, sizeof NaN);
  CHECK(M.call("trunc", Slots) == WASMAOT_TRAP_INVALID_CONVERSION);
  float Big = 3e9f;
  std::memcpy(&Slots[0], &Big, sizeof Big);
  CHECK(M.call("trunc", Slots) == WASMAOT_TRAP_INTEGER_OVERFLOW);
  float MinI32 = -2147483648.0f;
  std::memcpy(&Slots[0], &MinI32, sizeof MinI32);
  REQUIRE(M.call("trunc", Slots) == WASMAOT_TRAP_NONE);
  CHECK(int32_t(Slots[0]) == INT32_MIN);

  CHECK(M.call("unreachable", {}) == WASMAOT_TRAP_UNREACHABLE);
  CHECK(M.call("forever", {}) == WASMAOT_TRAP_STACK_EXHAUSTED);
  // The instance is still usable after every trap.
  REQUIRE(M.call("add", {40, 2}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 42);

  Slots = {};
  Slots[0] = 7;
  Slots[2] = 0x1122334455667788ull;
  REQUIRE(M.call("swap", Slots) == WASMAOT_TRAP_NONE);
  CHECK(Slots[0] == 0x1122334455667788ull);
  CHECK(uint32_t(Slots[2]) == 7);
}

constexpr const char *FillModule = R"(
(module
  (memory (export "memory") 1)
  ;; Byte and word stores in a loop: LLVM would make a memset or vector
  ;; stores of them if it were allowed to.
  (func (export "fill8") (param $p i32) (param $n i32)
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.const 0xAA))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
  (func (export "fill32") (param $p i32) (param $n i32)
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.const 0x11223344))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0))))
)";

TEST_CASE("stores before a trap in the same loop are done", "[e2e]") {
  // A trap ends the loop at the first access out of bounds; every store
  // before it has happened, in order, as the instance shows afterwards.
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  unsigned OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  WatModule M(FillModule, Bounds, OptLevel);
  auto Byte = [&](uint64_t Address) {
    uint64_t Value = 0;
    REQUIRE(M.call("byte", {Address}, &Value) == WASMAOT_TRAP_NONE);
    return Value;
  };

  CHECK(M.call("fill8", {65526, 100}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(Byte(65526) == 0xAA);
  CHECK(Byte(65535) == 0xAA);
  CHECK(Byte(65525) == 0);

  CHECK(M.call("fill8", {1000, 1u << 20}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(Byte(1000) == 0xAA);
  CHECK(Byte(40000) == 0xAA);
  CHECK(Byte(999) == 0);

  CHECK(M.call("fill32", {65000, 1000}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(Byte(65000) == 0x44);
  CHECK(Byte(65532) == 0x44);
  CHECK(Byte(65535) == 0x11);
}

TEST_CASE("a trap's backtrace names the wasm functions it unwound", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  CAPTURE(Bounds);
  // -O0 keeps every call: the walk follows the frame pointers through them.
  WatModule M(R"(
(module
  (memory 1)
  (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32) (call $inner (local.get 0)))
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "divide") (param i32) (result i32) (call $middle (local.get 0)))
  (func (export "load") (param i32) (result i32) (call $load (local.get 0))))
)",
              Bounds, 0);
  auto Backtrace = [&] {
    bool ExactFirst = false;
    std::vector<uintptr_t> Pcs = runtime::lastTrapBacktrace(ExactFirst);
    return runtime::symbolizeBacktrace(M.instance().module(), Pcs, ExactFirst);
  };
  CHECK(M.call("divide", {0}) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK(Backtrace() ==
        std::vector<std::string>{"$inner", "$middle", "func[3] (export \"divide\")"});
  // A fault in the guard region (or an explicit check) unwinds the same way.
  CHECK(M.call("load", {70000}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(Backtrace() == std::vector<std::string>{"$load", "func[4] (export \"load\")"});
}

TEST_CASE("a module compiled in parts calls across them and traps through them", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  auto OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  // Parts of one instruction: every function is a part of its own, its own
  // object, and every call goes from one object to another.
  WatModule M(R"(
(module
  (memory 1)
  (global $counter (mut i32) (i32.const 0))
  (table funcref (elem $inner $middle))
  (type $unary (func (param i32) (result i32)))
  (func $inner (param i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (i32.div_s (i32.const 100) (local.get 0)))
  (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
  (func (export "divide") (param i32) (result i32) (call $middle (local.get 0)))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $unary) (local.get 1) (local.get 0)))
  (func (export "counter") (result i32) (global.get $counter)))
)",
              Bounds, OptLevel, /*Interruptible=*/false, /*PartWeight=*/1);
  uint64_t Result = 0;
  CHECK(M.call("divide", {7}, &Result) == WASMAOT_TRAP_NONE);
  CHECK(Result == 15);
  CHECK(M.call("indirect", {1, 5}, &Result) == WASMAOT_TRAP_NONE);
  CHECK(Result == 21);
  CHECK(M.call("indirect", {0, 4}, &Result) == WASMAOT_TRAP_NONE);
  CHECK(Result == 25);
  CHECK(M.call("counter", {}, &Result) == WASMAOT_TRAP_NONE);
  CHECK(Result == 3);
  // The frame table, merged from the parts' tables, names every frame.
  CHECK(M.call("divide", {0}) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  bool ExactFirst = false;
  std::vector<uintptr_t> Pcs = runtime::lastTrapBacktrace(ExactFirst);
  CHECK(runtime::symbolizeBacktrace(M.instance().module(), Pcs, ExactFirst) ==
        std::vector<std::string>{"$inner", "$middle", "func[2] (export \"divide\")"});
}

TEST_CASE("frames that LLVM inlined stay in the backtrace, with their wasm offsets", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  auto OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  // At -O2, $inner and $middle are inlined into the exports: one native
  // frame stands for three wasm frames. Offsets are of the module's bytes:
  // the division, then the call in $middle, then the call in the export.
  WatModule M(R"(
(module
  (memory 1)
  (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "divide") (param i32) (result i32) (call $middle (local.get 0)))
  (func (export "load") (param i32) (result i32) (call $load (local.get 0))))
)",
              Bounds, OptLevel);
  auto Backtrace = [&](bool Details) {
    bool ExactFirst = false;
    std::vector<uintptr_t> Pcs = runtime::lastTrapBacktrace(ExactFirst);
    return runtime::symbolizeBacktrace(M.instance().module(), Pcs, ExactFirst, Details);
  };
  CHECK(M.call("divide", {0}) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK(Backtrace(false) ==
        std::vector<std::string>{"$inner", "$middle", "func[3] (export \"divide\")"});
  std::vector<std::string> Detailed = Backtrace(true);
  REQUIRE(Detailed.size() == 3);
  auto OffsetIn = [](const std::string &Frame, const std::string &Prefix) {
    REQUIRE(Frame.starts_with(Prefix + ", at 0x"));
    return std::stoul(Frame.substr(Prefix.size() + 7), nullptr, 16);
  };
  unsigned long Division = OffsetIn(Detailed[0], "$inner");
  unsigned long InnerCall = OffsetIn(Detailed[1], "$middle");
  unsigned long OuterCall = OffsetIn(Detailed[2], "func[3] (export \"divide\")");
  CHECK(Division < InnerCall); // the functions are in this order in the module
  CHECK(InnerCall < OuterCall);
  CHECK(Detailed[2].ends_with(llvm::utohexstr(OuterCall, /*LowerCase=*/true)));
  CHECK(Detailed[0].ends_with(OptLevel == 2 ? ", inlined" : llvm::utohexstr(Division, true)));
  CHECK(M.call("load", {70000}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(Backtrace(false) == std::vector<std::string>{"$load", "func[4] (export \"load\")"});
}
