//===- traps/GuardRegions.h - Address ranges where faults are traps --------===//
//
// The signal handler turns a fault into an out-of-bounds trap only when the
// faulting address lies in a registered guard region: the reservation of a
// linear memory under WASMAOT_BOUNDS_GUARD. Registering and unregistering
// take a lock; the lookup takes none and allocates nothing, because the
// signal handler calls it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <cstdint>

namespace wasmaot::runtime {

/// How many regions can be registered at once. Each guard memory holds
/// WASMAOT_GUARD_RESERVATION (8 GiB) of address space, so the 128 TiB of a
/// 47-bit address space fits about 16000 of them; 4096 leaves room for the
/// rest of the process.
inline constexpr unsigned MaxGuardRegions = 4096;

/// One registered range [Begin, Begin + Size), unregistered on destruction.
class GuardRegion {
public:
  /// Fails when MaxGuardRegions regions are already registered.
  static Result<GuardRegion> add(const void *Begin, uint64_t Size);

  GuardRegion(GuardRegion &&Other) noexcept : Slot(Other.Slot) { Other.Slot = NoSlot; }
  GuardRegion &operator=(GuardRegion &&Other) noexcept;
  GuardRegion(const GuardRegion &) = delete;
  GuardRegion &operator=(const GuardRegion &) = delete;
  ~GuardRegion() { remove(); }

private:
  static constexpr unsigned NoSlot = ~0u;

  explicit GuardRegion(unsigned Slot) : Slot(Slot) {}
  void remove();

  unsigned Slot;
};

/// Whether Address lies in a registered region. Async-signal-safe: no locks,
/// no allocation. A region being added or removed concurrently may or may not
/// be seen, which is harmless: its memory is not in use by wasm code then.
bool isInGuardRegion(uintptr_t Address);

} // namespace wasmaot::runtime
