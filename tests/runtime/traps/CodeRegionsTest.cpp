//===- traps/CodeRegionsTest.cpp - The registry of compiled code -----------===//
#include "traps/CodeRegions.h"
#include "traps/GuardRegions.h"

#include <catch2/catch.hpp>

#include <utility>

using namespace wasmaot::runtime;

TEST_CASE("a code region covers [begin, end) while it lives, apart from guard regions") {
  constexpr uintptr_t Begin = 0x7d0000000000, End = Begin + 0x3000;
  auto At = [](uintptr_t A) { return reinterpret_cast<const void *>(A); };
  {
    Result<CodeRegion> Region = CodeRegion::add(At(Begin), At(End));
    REQUIRE(Region);
    CHECK(isInCodeRegion(Begin));
    CHECK(isInCodeRegion(End - 1));
    CHECK_FALSE(isInCodeRegion(End));
    CHECK_FALSE(isInCodeRegion(Begin - 1));
    // The two registries are separate: code is no guard region.
    CHECK_FALSE(isInGuardRegion(Begin));

    CodeRegion Moved = std::move(*Region);
    CHECK(isInCodeRegion(Begin));
  }
  CHECK_FALSE(isInCodeRegion(Begin));
}

TEST_CASE("the code registry holds a spec runner's worth of modules") {
  std::vector<CodeRegion> Regions;
  for (uintptr_t I = 0; I < 4096; ++I) {
    uintptr_t Begin = 0x200000000 + I * 0x1000;
    Result<CodeRegion> Region = CodeRegion::add(reinterpret_cast<const void *>(Begin),
                                                reinterpret_cast<const void *>(Begin + 0x800));
    REQUIRE(Region);
    Regions.push_back(std::move(*Region));
  }
  CHECK(isInCodeRegion(0x200000000 + 4095 * 0x1000 + 0x7ff));
  CHECK_FALSE(isInCodeRegion(0x200000000 + 4095 * 0x1000 + 0x800));
  Regions.clear();
  CHECK_FALSE(isInCodeRegion(0x200000000));
}
