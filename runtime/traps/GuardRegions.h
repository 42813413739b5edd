//===- traps/GuardRegions.h - Address ranges where faults are traps --------===//
//
// The signal handler turns a fault into an out-of-bounds trap only when the
// faulting address lies in a registered guard region (the reservation of a
// linear memory under WASMAOT_BOUNDS_GUARD) and the faulting instruction is
// compiled wasm code (CodeRegions.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "traps/AddressRangeSet.h"

#include <cstdint>

namespace wasmaot::runtime {

/// How many regions can be registered at once. Each guard memory holds
/// WASMAOT_GUARD_RESERVATION (8 GiB) of address space, so the 128 TiB of a
/// 47-bit address space fits about 16000 of them; 4096 leaves room for the
/// rest of the process.
inline constexpr unsigned MaxGuardRegions = 4096;

/// One registered range [Begin, Begin + Size), unregistered on destruction.
class GuardRegion : public RegisteredRange {
public:
  /// Fails when MaxGuardRegions regions are already registered.
  static Result<GuardRegion> add(const void *Begin, uint64_t Size);

private:
  using RegisteredRange::RegisteredRange;
};

/// Whether Address lies in a registered region. Async-signal-safe.
bool isInGuardRegion(uintptr_t Address);

} // namespace wasmaot::runtime
