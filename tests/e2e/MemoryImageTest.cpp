//===- tests/e2e/MemoryImageTest.cpp ---------------------------------------===//
//
// Memory images (compiler/lowering/MemoryImage.h): a module whose active
// data segments are all constant and in bounds gets memory 0's initial
// contents as one image in its artifact, which instantiation maps
// copy-on-write (or copies). The memory must read exactly as if the
// segments had been applied in order, writes must stay in their instance,
// and growing, memory.init of passive segments and a second instance must
// work as without an image.
//
//===----------------------------------------------------------------------===//
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// A wat string literal of N bytes, the K-th being Byte(K).
template <typename Fn> std::string dataString(uint32_t N, Fn Byte) {
  std::string Text = "\"";
  char Escape[4];
  for (uint32_t K = 0; K < N; ++K) {
    std::snprintf(Escape, sizeof Escape, "\\%02x", unsigned(Byte(K) & 0xff));
    Text += Escape;
  }
  return Text + "\"";
}

uint32_t patternA(uint32_t K) { return (K * 7 + 3) & 0xff; }

/// Segment A (70,000 bytes at 1,000) and segment B (20,000 bytes of 0xab at
/// 60,000, over A's end: applied later, it wins), a passive segment, and
/// exports to read, write and grow memory.
std::string moduleText() {
  return "(module\n"
         "  (memory (export \"memory\") 4)\n"
         "  (data (i32.const 1000) " + dataString(70000, patternA) + ")\n"
         "  (data (i32.const 60000) " + dataString(20000, [](uint32_t) { return 0xab; }) + ")\n"
         "  (data $passive \"passive bytes\")\n"
         "  (func (export \"load8\") (param i32) (result i32) (i32.load8_u (local.get 0)))\n"
         "  (func (export \"store8\") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))\n"
         "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))\n"
         "  (func (export \"init\") (param i32)\n"
         "    (memory.init $passive (local.get 0) (i32.const 0) (i32.const 13))))\n";
}

uint64_t load8(WatModule &M, uint32_t Address) {
  uint64_t Value = ~uint64_t(0);
  REQUIRE(M.call("load8", {Address}, &Value) == WASMAOT_TRAP_NONE);
  return Value;
}

/// The memory reads as the two segments applied in order, zeros elsewhere.
void checkInitialContents(WatModule &M) {
  CHECK(load8(M, 0) == 0);
  CHECK(load8(M, 999) == 0);
  for (uint32_t K : {0u, 1u, 4095u, 4096u, 30000u, 58999u})
    CHECK(load8(M, 1000 + K) == patternA(K));
  CHECK(load8(M, 60000) == 0xab);
  CHECK(load8(M, 70999) == 0xab);
  CHECK(load8(M, 79999) == 0xab);
  CHECK(load8(M, 80000) == 0);
  CHECK(load8(M, 4 * 65536 - 1) == 0);
}

} // namespace

TEST_CASE("a memory image reads as the data segments applied in order", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  auto OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  WatModule M(moduleText(), Bounds, OptLevel);
  const runtime::ModuleInfo &Info = M.instance().module().info();
  REQUIRE(Info.MemoryImage);
  CHECK(Info.MemoryImage->Offset == 0);
  CHECK(Info.MemoryImage->Size == 81920); // 80,000 bytes, in whole 4 KiB pages
  // The loader knows the file to map it from (a memory that grows by
  // moving, under explicit checks without a maximum, gets a copy instead).
  CHECK(M.compiled()->memoryImage().Fd >= 0);
  checkInitialContents(M);

  // A write lands in this instance's memory only.
  REQUIRE(M.call("store8", {1000, 99}) == WASMAOT_TRAP_NONE);
  REQUIRE(M.call("store8", {65536, 77}) == WASMAOT_TRAP_NONE);
  CHECK(load8(M, 1000) == 99);
  CHECK(load8(M, 65536) == 77);
  runtime::Instantiation Second = runtime::Instance::instantiate(
      M.compiled(), [](const std::string &, const std::string &) { return std::nullopt; },
      Bounds);
  REQUIRE(!Second.Failure);
  auto SecondLoad = [&](uint32_t Address) {
    runtime::Slot Slots[2];
    std::memcpy(Slots[0].Bytes, &Address, 4);
    std::optional<uint32_t> Load = Second.Inst->exportedFunction("load8");
    REQUIRE(Load);
    REQUIRE(Second.Inst->call(*Load, Slots) == WASMAOT_TRAP_NONE);
    uint32_t Value;
    std::memcpy(&Value, Slots[0].Bytes, 4);
    return Value;
  };
  CHECK(SecondLoad(1000) == patternA(0));
  CHECK(SecondLoad(65536) == patternA(64536));

  // Growing keeps the contents and adds zeros; passive segments still work.
  uint64_t Old = 0;
  REQUIRE(M.call("grow", {2}, &Old) == WASMAOT_TRAP_NONE);
  CHECK(Old == 4);
  CHECK(load8(M, 1001) == patternA(1));
  CHECK(load8(M, 65536) == 77);
  CHECK(load8(M, 6 * 65536 - 1) == 0);
  REQUIRE(M.call("init", {300000}) == WASMAOT_TRAP_NONE);
  CHECK(load8(M, 300000) == 'p');
  CHECK(load8(M, 300012) == 's');
}

TEST_CASE("segments far apart are applied as they are, without an image", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  CAPTURE(Bounds);
  // 82,000 bytes of data over 261,000 bytes of memory: mostly zeros.
  WatModule M("(module\n"
              "  (memory 4)\n"
              "  (data (i32.const 1000) " + dataString(70000, patternA) + ")\n"
              "  (data (i32.const 250000) " +
                  dataString(12000, [](uint32_t) { return 0xab; }) + ")\n"
              "  (func (export \"load8\") (param i32) (result i32)\n"
              "    (i32.load8_u (local.get 0))))\n",
              Bounds, 2);
  CHECK_FALSE(M.instance().module().info().MemoryImage);
  CHECK(load8(M, 999) == 0);
  CHECK(load8(M, 1000) == patternA(0));
  CHECK(load8(M, 70999) == patternA(69999));
  CHECK(load8(M, 71000) == 0);
  CHECK(load8(M, 249999) == 0);
  CHECK(load8(M, 250000) == 0xab);
  CHECK(load8(M, 261999) == 0xab);
  CHECK(load8(M, 262000) == 0);
}
