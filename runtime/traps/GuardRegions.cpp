//===- traps/GuardRegions.cpp - Address ranges where faults are traps ------===//
//
// A fixed array of slots, each guarded by a sequence counter (a seqlock whose
// reader never waits). Writers, serialized by a mutex, make the counter odd,
// change the range, and make it even again. The signal handler reads the
// counter, the range, and the counter again, and ignores the slot unless both
// reads saw the same even value. It must not wait for an odd counter to
// become even: the writer may be the very thread the handler interrupted.
//
//===----------------------------------------------------------------------===//
#include "traps/GuardRegions.h"

#include <atomic>
#include <mutex>

namespace wasmaot::runtime {
namespace {

struct RegionSlot {
  std::atomic<uint64_t> Sequence{0};
  std::atomic<uintptr_t> Begin{0};
  std::atomic<uintptr_t> End{0}; // exclusive; Begin == End == 0 when free
  bool Used = false;             // guarded by WriterLock
};
static_assert(std::atomic<uint64_t>::is_always_lock_free &&
                  std::atomic<uintptr_t>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

RegionSlot Slots[MaxGuardRegions];
// Slots at or above this index have never been used, so lookups stop there.
std::atomic<unsigned> SlotsInUse{0};
std::mutex WriterLock;

void writeSlot(RegionSlot &S, uintptr_t Begin, uintptr_t End) {
  S.Sequence.fetch_add(1);
  S.Begin.store(Begin);
  S.End.store(End);
  S.Sequence.fetch_add(1);
}

} // namespace

Result<GuardRegion> GuardRegion::add(const void *Begin, uint64_t Size) {
  std::lock_guard<std::mutex> Lock(WriterLock);
  for (unsigned I = 0; I < MaxGuardRegions; ++I) {
    RegionSlot &S = Slots[I];
    if (S.Used)
      continue;
    S.Used = true;
    uintptr_t Start = reinterpret_cast<uintptr_t>(Begin);
    writeSlot(S, Start, Start + Size);
    if (I >= SlotsInUse.load())
      SlotsInUse.store(I + 1);
    return GuardRegion(I);
  }
  return Error("too many guard regions: at most " + std::to_string(MaxGuardRegions) +
               " memories with guard pages can exist at once");
}

GuardRegion &GuardRegion::operator=(GuardRegion &&Other) noexcept {
  if (this == &Other)
    return *this;
  remove();
  Slot = Other.Slot;
  Other.Slot = NoSlot;
  return *this;
}

void GuardRegion::remove() {
  if (Slot == NoSlot)
    return;
  std::lock_guard<std::mutex> Lock(WriterLock);
  writeSlot(Slots[Slot], 0, 0);
  Slots[Slot].Used = false;
  Slot = NoSlot;
}

bool isInGuardRegion(uintptr_t Address) {
  unsigned Count = SlotsInUse.load();
  for (unsigned I = 0; I < Count; ++I) {
    const RegionSlot &S = Slots[I];
    uint64_t Before = S.Sequence.load();
    if (Before & 1)
      continue;
    uintptr_t Begin = S.Begin.load();
    uintptr_t End = S.End.load();
    if (S.Sequence.load() != Before)
      continue;
    if (Address >= Begin && Address < End)
      return true;
  }
  return false;
}

} // namespace wasmaot::runtime
