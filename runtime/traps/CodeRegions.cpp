//===- traps/CodeRegions.cpp - Where compiled wasm code lives --------------===//
#include "traps/CodeRegions.h"

namespace wasmaot::runtime {
namespace {

AddressRangeSet::Slot CodeSlots[MaxCodeRegions];
AddressRangeSet CodeRegions(CodeSlots, MaxCodeRegions, "regions of compiled code");

} // namespace

Result<CodeRegion> CodeRegion::add(const void *Begin, const void *End) {
  Result<unsigned> Slot =
      CodeRegions.add(reinterpret_cast<uintptr_t>(Begin), reinterpret_cast<uintptr_t>(End));
  if (!Slot)
    return Slot.error();
  return CodeRegion(&CodeRegions, *Slot);
}

bool isInCodeRegion(uintptr_t Address) { return CodeRegions.contains(Address); }

} // namespace wasmaot::runtime
