//===- traps/GuardRegions.cpp - Address ranges where faults are traps ------===//
#include "traps/GuardRegions.h"

namespace wasmaot::runtime {
namespace {

AddressRangeSet::Slot GuardSlots[MaxGuardRegions];
AddressRangeSet GuardRegions(GuardSlots, MaxGuardRegions, "guard regions");

} // namespace

Result<GuardRegion> GuardRegion::add(const void *Begin, uint64_t Size) {
  uintptr_t Start = reinterpret_cast<uintptr_t>(Begin);
  Result<unsigned> Slot = GuardRegions.add(Start, Start + Size);
  if (!Slot)
    return Error(Slot.error().message() + " (memories with guard pages)");
  return GuardRegion(&GuardRegions, *Slot);
}

bool isInGuardRegion(uintptr_t Address) { return GuardRegions.contains(Address); }

} // namespace wasmaot::runtime
