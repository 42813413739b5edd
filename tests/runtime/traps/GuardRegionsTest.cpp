//===- traps/GuardRegionsTest.cpp - The registry of guard regions ----------===//
#include "traps/GuardRegions.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace wasmaot::runtime;

namespace {

GuardRegion addRegion(uintptr_t Begin, uint64_t Size) {
  Result<GuardRegion> Region = GuardRegion::add(reinterpret_cast<const void *>(Begin), Size);
  if (!Region)
    FAIL(Region.error().message());
  return std::move(*Region);
}

} // namespace

TEST_CASE("a guard region covers [begin, begin + size) while it lives") {
  constexpr uintptr_t Begin = 0x7e0000000000;
  {
    GuardRegion Region = addRegion(Begin, 0x10000);
    CHECK(isInGuardRegion(Begin));
    CHECK(isInGuardRegion(Begin + 0xffff));
    CHECK_FALSE(isInGuardRegion(Begin - 1));
    CHECK_FALSE(isInGuardRegion(Begin + 0x10000));
  }
  CHECK_FALSE(isInGuardRegion(Begin));
}

TEST_CASE("a moved guard region stays registered once") {
  constexpr uintptr_t First = 0x7e0000000000;
  constexpr uintptr_t Second = 0x7e0100000000;
  GuardRegion Region = addRegion(First, 0x1000);
  {
    GuardRegion Moved = std::move(Region);
    CHECK(isInGuardRegion(First));
    Region = addRegion(Second, 0x1000);
    CHECK(isInGuardRegion(Second));
  }
  // The moved-to region is gone; the one assigned over the moved-from stays.
  CHECK_FALSE(isInGuardRegion(First));
  CHECK(isInGuardRegion(Second));
  Region = std::move(Region);
  CHECK(isInGuardRegion(Second));
}

TEST_CASE("the registry is bounded and slots are reused") {
  std::vector<GuardRegion> Regions;
  for (;;) {
    uintptr_t Begin = 0x100000000 + Regions.size() * 0x1000;
    Result<GuardRegion> Region = GuardRegion::add(reinterpret_cast<const void *>(Begin), 0x1000);
    if (!Region) {
      CHECK(Region.error().message().find("too many guard regions") != std::string::npos);
      break;
    }
    Regions.push_back(std::move(*Region));
    REQUIRE(Regions.size() <= MaxGuardRegions);
  }
  CHECK(Regions.size() > MaxGuardRegions / 2);
  uintptr_t Last = 0x100000000 + (Regions.size() - 1) * 0x1000;
  CHECK(isInGuardRegion(Last));

  Regions.erase(Regions.begin());
  CHECK_FALSE(isInGuardRegion(0x100000000));
  GuardRegion Reused = addRegion(0x200000000, 0x1000);
  CHECK(isInGuardRegion(0x200000000));
  CHECK(isInGuardRegion(Last));
}
