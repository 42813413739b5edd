//===- memory/LinearMemoryTest.cpp - Creating and growing linear memories --===//
#include "memory/LinearMemory.h"

#include "RuntimeTestSupport.h"
#include "traps/GuardRegions.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <cstring>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

constexpr uint64_t Page = WASMAOT_PAGE_SIZE;

std::string createError(uint32_t MinPages, std::optional<uint32_t> MaxPages,
                        wasmaot_bounds_checks Checks) {
  Result<std::unique_ptr<LinearMemory>> Memory = LinearMemory::create(MinPages, MaxPages, Checks);
  if (Memory)
    return "(created)";
  return Memory.error().message();
}

/// The three ways a memory holds its address space.
struct Layout {
  const char *Name;
  wasmaot_bounds_checks Checks;
  std::optional<uint32_t> MaxPages;
};
const Layout Layouts[] = {
    {"guard", WASMAOT_BOUNDS_GUARD, std::nullopt},
    {"guard, max 10", WASMAOT_BOUNDS_GUARD, 10},
    {"explicit, max 10", WASMAOT_BOUNDS_EXPLICIT, 10},
    {"explicit, no max", WASMAOT_BOUNDS_EXPLICIT, std::nullopt},
};

bool allZero(const uint8_t *Begin, uint64_t Size) {
  for (uint64_t I = 0; I < Size; ++I)
    if (Begin[I] != 0)
      return false;
  return true;
}

} // namespace

TEST_CASE("a guard memory reserves its guard region and commits the minimum") {
  auto Memory = makeMemory(2, std::nullopt, WASMAOT_BOUNDS_GUARD);
  CHECK(Memory->pages() == 2);
  CHECK(Memory->byteSize() == 2 * Page);
  CHECK(Memory->reservedBytes() == WASMAOT_GUARD_RESERVATION);
  CHECK(Memory->reservedBytes() >= (uint64_t{2} << 32) + 16);
  CHECK(allZero(Memory->base(), Memory->byteSize()));
  // Every committed byte is writable.
  std::memset(Memory->base(), 0xab, Memory->byteSize());
  CHECK(Memory->base()[Memory->byteSize() - 1] == 0xab);
}

TEST_CASE("memory limits are checked") {
  for (const Layout &L : Layouts) {
    INFO(L.Name);
    CHECK(createError(65537, std::nullopt, L.Checks) ==
          "memory size must be at most 65536 pages");
    CHECK(createError(0, 65537, L.Checks) == "memory size must be at most 65536 pages");
    CHECK(createError(3, 2, L.Checks) == "size minimum must not be greater than maximum");
  }
  CHECK(createError(1, std::nullopt, static_cast<wasmaot_bounds_checks>(7)) ==
        "unknown bounds-check strategy 7");
}

TEST_CASE("a memory of the largest size can be created") {
  for (const Layout &L : Layouts) {
    INFO(L.Name);
    std::optional<uint32_t> Max;
    if (L.MaxPages)
      Max = 65536;
    auto Memory = makeMemory(65536, Max, L.Checks);
    CHECK(Memory->byteSize() == uint64_t{1} << 32);
    // Touch only the ends: the pages between are never committed.
    Memory->base()[0] = 1;
    Memory->base()[Memory->byteSize() - 1] = 2;
    CHECK(Memory->grow(0) == 65536);
    CHECK(Memory->grow(1) == -1);
  }
}

TEST_CASE("a memory of 0 pages has a base and can grow") {
  for (const Layout &L : Layouts) {
    INFO(L.Name);
    auto Memory = makeMemory(0, L.MaxPages, L.Checks);
    CHECK(Memory->base() != nullptr);
    CHECK(Memory->byteSize() == 0);
    CHECK(Memory->grow(1) == 0);
    CHECK(Memory->byteSize() == Page);
    CHECK(allZero(Memory->base(), Page));
    Memory->base()[Page - 1] = 7;
  }
}

TEST_CASE("grow returns the old size and stops at the maximum") {
  for (const Layout &L : Layouts) {
    INFO(L.Name);
    auto Memory = makeMemory(1, L.MaxPages, L.Checks);
    CHECK(Memory->grow(0) == 1);
    CHECK(Memory->grow(2) == 1);
    CHECK(Memory->pages() == 3);
    CHECK(Memory->grow(UINT32_MAX) == -1);
    CHECK(Memory->pages() == 3);
    if (!L.MaxPages)
      continue;
    CHECK(Memory->grow(8) == -1);
    CHECK(Memory->pages() == 3);
    CHECK(Memory->grow(7) == 3);
    CHECK(Memory->pages() == 10);
    CHECK(Memory->grow(1) == -1);
    CHECK(Memory->grow(0) == 10);
    CHECK(Memory->pages() == 10);
  }
}

TEST_CASE("grow stops at 65536 pages without a maximum") {
  for (wasmaot_bounds_checks Checks : {WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT}) {
    auto Memory = makeMemory(65530, std::nullopt, Checks);
    CHECK(Memory->grow(7) == -1);
    CHECK(Memory->pages() == 65530);
    CHECK(Memory->grow(6) == 65530);
    CHECK(Memory->pages() == 65536);
    CHECK(Memory->grow(1) == -1);
  }
}

TEST_CASE("grow keeps the contents and adds zeroed pages") {
  for (const Layout &L : Layouts) {
    INFO(L.Name);
    auto Memory = makeMemory(2, L.MaxPages, L.Checks);
    for (uint64_t I = 0; I < Memory->byteSize(); ++I)
      Memory->base()[I] = uint8_t(I * 7 + 1);
    for (int Step = 0; Step < 4; ++Step) {
      uint64_t OldBytes = Memory->byteSize();
      REQUIRE(Memory->grow(2) == int32_t(OldBytes / Page));
      bool Kept = true;
      for (uint64_t I = 0; I < 2 * Page; ++I)
        Kept &= Memory->base()[I] == uint8_t(I * 7 + 1);
      CHECK(Kept);
      CHECK(allZero(Memory->base() + OldBytes, Memory->byteSize() - OldBytes));
      std::memset(Memory->base() + OldBytes, 0xff, Memory->byteSize() - OldBytes);
    }
  }
}

TEST_CASE("a memory with a maximum never moves") {
  for (const Layout &L : Layouts) {
    if (L.Checks == WASMAOT_BOUNDS_EXPLICIT && !L.MaxPages)
      continue;
    INFO(L.Name);
    auto Memory = makeMemory(1, L.MaxPages, L.Checks);
    uint8_t *Base = Memory->base();
    REQUIRE(Memory->grow(9) == 1);
    CHECK(Memory->base() == Base);
  }
}

TEST_CASE("an explicit memory without a maximum moves when it cannot grow in place") {
  auto Memory = makeMemory(2, std::nullopt, WASMAOT_BOUNDS_EXPLICIT);
  uint8_t *OldBase = Memory->base();
  std::memset(OldBase, 0x5a, Memory->byteSize());
  {
    AddressBlocker Blocker(OldBase + Memory->reservedBytes());
    REQUIRE(Memory->grow(3) == 2);
  }

  CHECK(Memory->base() != OldBase);
  CHECK(Memory->byteSize() == 5 * Page);
  bool Kept = true;
  for (uint64_t I = 0; I < 2 * Page; ++I)
    Kept &= Memory->base()[I] == 0x5a;
  CHECK(Kept);
  CHECK(allZero(Memory->base() + 2 * Page, 3 * Page));
}

TEST_CASE("only guard memories register a guard region") {
  uintptr_t GuardAddress;
  {
    auto Guard = makeMemory(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
    auto Base = reinterpret_cast<uintptr_t>(Guard->base());
    GuardAddress = Base + Guard->byteSize();
    CHECK(isInGuardRegion(GuardAddress));
    CHECK(isInGuardRegion(Base + WASMAOT_GUARD_RESERVATION - 1));
    CHECK_FALSE(isInGuardRegion(Base + WASMAOT_GUARD_RESERVATION));
    CHECK_FALSE(isInGuardRegion(Base - 1));
  }
  CHECK_FALSE(isInGuardRegion(GuardAddress));

  for (std::optional<uint32_t> Max : {std::optional<uint32_t>(4), std::optional<uint32_t>()}) {
    auto Explicit = makeMemory(1, Max, WASMAOT_BOUNDS_EXPLICIT);
    auto Base = reinterpret_cast<uintptr_t>(Explicit->base());
    CHECK_FALSE(isInGuardRegion(Base));
    CHECK_FALSE(isInGuardRegion(Base + Explicit->byteSize()));
  }
}

TEST_CASE("a memory reports refused address space as an error, not a crash") {
  if (UnderAsan) {
    WARN("skipped under ASan: an address-space limit breaks ASan's own allocations");
    return;
  }
  ChildResult Child = runInChild([] {
    struct rlimit Limit = {uint64_t{1} << 30, uint64_t{1} << 30};
    if (setrlimit(RLIMIT_AS, &Limit) != 0)
      _exit(10);
    // A guard memory needs 8 GiB of address space.
    Result<std::unique_ptr<LinearMemory>> Guard =
        LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
    if (Guard || Guard.error().message().find("cannot reserve") == std::string::npos)
      _exit(11);
    Result<std::unique_ptr<LinearMemory>> Explicit =
        LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_EXPLICIT);
    if (!Explicit)
      _exit(12);
    // Growing to 2 GiB cannot succeed within 1 GiB of address space.
    if ((*Explicit)->grow(32768) != -1 || (*Explicit)->pages() != 1)
      _exit(13);
    if ((*Explicit)->grow(1) != 1)
      _exit(14);
  });
  INFO(Child.describe());
  CHECK(Child.exited(0));
}

TEST_CASE("64-bit memories and memories of 1-byte pages") {
  SECTION("they need explicit checks, unless 64-bit and never above 4 GiB") {
    for (MemoryShape Shape : {MemoryShape{16, true}, MemoryShape{0, false}}) {
      auto Guarded = LinearMemory::create(1, std::nullopt, WASMAOT_BOUNDS_GUARD, Shape);
      REQUIRE(!Guarded);
      CHECK(Guarded.error().message() == "a memory of this type needs explicit bounds checks");
    }
    auto Above = LinearMemory::create(1, 65537, WASMAOT_BOUNDS_GUARD, MemoryShape{16, true});
    REQUIRE(!Above);
    auto Capped = LinearMemory::create(1, 65536, WASMAOT_BOUNDS_GUARD, MemoryShape{16, true});
    REQUIRE(Capped);
    CHECK((*Capped)->reservedBytes() == WASMAOT_GUARD_RESERVATION);
    CHECK((*Capped)->grow(65535) == 1);
    CHECK((*Capped)->grow(1) == -1);
  }
  SECTION("a 64-bit memory counts pages past 2^32 bytes and grows by remapping") {
    auto Memory = LinearMemory::create(1, uint64_t(1) << 48, WASMAOT_BOUNDS_EXPLICIT,
                                       MemoryShape{16, true});
    REQUIRE(Memory);
    CHECK((*Memory)->grow(2) == 1);
    CHECK((*Memory)->pages() == 3);
    // More than the machine's address space, and more than the type allows.
    CHECK((*Memory)->grow(uint64_t(1) << 47) == -1);
    CHECK((*Memory)->grow(UINT64_MAX) == -1);
    CHECK((*Memory)->pages() == 3);
    CHECK(createError(0, std::nullopt, WASMAOT_BOUNDS_EXPLICIT) == "(created)");
    auto TooBig = LinearMemory::create(0, (uint64_t(1) << 48) + 1, WASMAOT_BOUNDS_EXPLICIT,
                                       MemoryShape{16, true});
    REQUIRE(!TooBig);
    CHECK(TooBig.error().message() == "memory size must be at most 281474976710656 pages");
  }
  SECTION("1-byte pages: sizes of any byte count, the last host page partly in use") {
    auto Memory =
        LinearMemory::create(3, 70000, WASMAOT_BOUNDS_EXPLICIT, MemoryShape{0, false});
    REQUIRE(Memory);
    CHECK((*Memory)->byteSize() == 3);
    CHECK((*Memory)->grow(5000) == 3);
    CHECK((*Memory)->byteSize() == 5003);
    std::memset((*Memory)->base(), 0x5a, 5003); // every byte of it is writable
    CHECK((*Memory)->grow(65000) == -1);        // past the maximum
    CHECK((*Memory)->grow(64997) == 5003);
    CHECK((*Memory)->base()[69999] == 0);
  }
}
