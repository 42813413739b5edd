//===- instance/InstanceTest.cpp - Instances and their vmctx ---------------===//
#include "instance/Instance.h"

#include "RuntimeTestSupport.h"
#include "traps/Trap.h"

#include <catch2/catch.hpp>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

constexpr uint64_t Page = LinearMemory::PageSize;

/// What generated code does for i32.store8 under the guard strategy: no
/// check, just base + index.
struct Store {
  wasmaot_vmctx *Vmctx;
  uint64_t Index;
};

void storeByte(void *Arg) {
  auto *S = static_cast<Store *>(Arg);
  static_cast<volatile uint8_t *>(S->Vmctx->memory_base)[S->Index] = 1;
}

} // namespace

TEST_CASE("an instance publishes its memory in the vmctx") {
  Instance Inst(makeMemory(2, 5, WASMAOT_BOUNDS_GUARD));
  wasmaot_vmctx *Vmctx = Inst.vmctx();
  CHECK(Vmctx->runtime == &Inst);
  CHECK(&Instance::fromVmctx(Vmctx) == &Inst);
  CHECK(Vmctx->memory_base == Inst.memory()->base());
  CHECK(Vmctx->memory_size == 2 * Page);
}

TEST_CASE("an instance without a memory cannot grow one") {
  Instance Inst(nullptr);
  CHECK(Inst.vmctx()->memory_base == nullptr);
  CHECK(Inst.vmctx()->memory_size == 0);
  CHECK(wasmaot_rt_memory_grow(Inst.vmctx(), 0) == UINT32_MAX);
  CHECK(wasmaot_rt_memory_grow(Inst.vmctx(), 1) == UINT32_MAX);
}

TEST_CASE("wasmaot_rt_memory_grow updates the vmctx") {
  Instance Inst(makeMemory(1, 3, WASMAOT_BOUNDS_GUARD));
  wasmaot_vmctx *Vmctx = Inst.vmctx();
  CHECK(wasmaot_rt_memory_grow(Vmctx, 1) == 1);
  CHECK(Vmctx->memory_size == 2 * Page);
  CHECK(wasmaot_rt_memory_grow(Vmctx, 0) == 2);
  CHECK(wasmaot_rt_memory_grow(Vmctx, 2) == UINT32_MAX);
  CHECK(Vmctx->memory_size == 2 * Page);
  CHECK(Vmctx->memory_base == Inst.memory()->base());
}

TEST_CASE("wasmaot_rt_memory_grow publishes a moved base") {
  Instance Inst(makeMemory(1, std::nullopt, WASMAOT_BOUNDS_EXPLICIT));
  wasmaot_vmctx *Vmctx = Inst.vmctx();
  uint8_t *OldBase = Vmctx->memory_base;
  OldBase[0] = 0x42;
  {
    AddressBlocker Blocker(OldBase + Inst.memory()->reservedBytes());
    CHECK(wasmaot_rt_memory_grow(Vmctx, 4) == 1);
  }
  CHECK(Vmctx->memory_base != OldBase);
  CHECK(Vmctx->memory_base == Inst.memory()->base());
  CHECK(Vmctx->memory_size == 5 * Page);
  CHECK(Vmctx->memory_base[0] == 0x42);
}

TEST_CASE("invoke sets the stack limit and runs code that traps") {
  Instance Inst(makeMemory(1, std::nullopt, WASMAOT_BOUNDS_GUARD));
  Store InBounds{Inst.vmctx(), Page - 1};
  CHECK(Inst.invoke(storeByte, &InBounds) == WASMAOT_TRAP_NONE);
  CHECK(Inst.vmctx()->stack_limit == currentStackLimit());

  Store OutOfBounds{Inst.vmctx(), Page};
  CHECK(Inst.invoke(storeByte, &OutOfBounds) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  REQUIRE(wasmaot_rt_memory_grow(Inst.vmctx(), 1) == 1);
  CHECK(Inst.invoke(storeByte, &OutOfBounds) == WASMAOT_TRAP_NONE);
}
