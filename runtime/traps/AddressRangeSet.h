//===- traps/AddressRangeSet.h - Ranges the signal handler may look up -----===//
//
// A fixed-capacity set of address ranges that a signal handler can search:
// registering and unregistering take a lock, the lookup takes none and
// allocates nothing. The runtime keeps two: the guard regions of linear
// memories (GuardRegions.h) and the compiled wasm code (CodeRegions.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <atomic>
#include <cstdint>
#include <mutex>

namespace wasmaot::runtime {

class AddressRangeSet;

/// One range registered in an AddressRangeSet, removed on destruction.
class RegisteredRange {
public:
  RegisteredRange(RegisteredRange &&Other) noexcept
      : Set(Other.Set), Slot(Other.Slot) {
    Other.Set = nullptr;
  }
  RegisteredRange &operator=(RegisteredRange &&Other) noexcept;
  RegisteredRange(const RegisteredRange &) = delete;
  RegisteredRange &operator=(const RegisteredRange &) = delete;
  ~RegisteredRange() { remove(); }

protected:
  RegisteredRange(AddressRangeSet *Set, unsigned Slot) : Set(Set), Slot(Slot) {}

private:
  friend class AddressRangeSet;
  void remove();

  AddressRangeSet *Set;
  unsigned Slot;
};

/// The set itself. Each slot is guarded by a sequence counter (a seqlock
/// whose reader never waits): writers, serialized by a mutex, make the
/// counter odd, change the range, and make it even again; contains() reads
/// the counter, the range and the counter again, and ignores the slot unless
/// both reads saw the same even value. It must not wait for an odd counter
/// to become even: the writer may be the very thread a signal interrupted.
class AddressRangeSet {
public:
  struct Slot {
    std::atomic<uint64_t> Sequence{0};
    std::atomic<uintptr_t> Begin{0};
    std::atomic<uintptr_t> End{0}; // exclusive; Begin == End == 0 when free
    bool Used = false;             // guarded by WriterLock
  };
  static_assert(std::atomic<uint64_t>::is_always_lock_free &&
                    std::atomic<uintptr_t>::is_always_lock_free,
                "the signal handler needs lock-free atomics");

  /// Slots: Capacity slots that outlive the set. What names the ranges in
  /// the error when the set is full (e.g. "guard regions").
  constexpr AddressRangeSet(Slot *Slots, unsigned Capacity, const char *What)
      : Slots(Slots), Capacity(Capacity), What(What) {}

  /// Registers [Begin, End); fails when all Capacity slots are in use.
  Result<unsigned> add(uintptr_t Begin, uintptr_t End);
  /// Whether Address lies in a registered range. Async-signal-safe. A range
  /// being added or removed concurrently may or may not be seen, which is
  /// harmless: nothing runs in it or accesses it then.
  bool contains(uintptr_t Address) const;

private:
  friend class RegisteredRange;
  void remove(unsigned Index);
  void write(Slot &S, uintptr_t Begin, uintptr_t End);

  Slot *Slots;
  unsigned Capacity;
  const char *What;
  // Slots at or above this index have never been used: lookups stop there.
  std::atomic<unsigned> SlotsInUse{0};
  std::mutex WriterLock;
};

} // namespace wasmaot::runtime
