//===- traps/AddressRangeSet.cpp -------------------------------------------===//
#include "traps/AddressRangeSet.h"

#include <string>

namespace wasmaot::runtime {

RegisteredRange &RegisteredRange::operator=(RegisteredRange &&Other) noexcept {
  if (this == &Other)
    return *this;
  remove();
  Set = Other.Set;
  Slot = Other.Slot;
  Other.Set = nullptr;
  return *this;
}

void RegisteredRange::remove() {
  if (!Set)
    return;
  Set->remove(Slot);
  Set = nullptr;
}

void AddressRangeSet::write(Slot &S, uintptr_t Begin, uintptr_t End) {
  S.Sequence.fetch_add(1);
  S.Begin.store(Begin);
  S.End.store(End);
  S.Sequence.fetch_add(1);
}

Result<unsigned> AddressRangeSet::add(uintptr_t Begin, uintptr_t End) {
  std::lock_guard<std::mutex> Lock(WriterLock);
  for (unsigned I = 0; I < Capacity; ++I) {
    Slot &S = Slots[I];
    if (S.Used)
      continue;
    S.Used = true;
    write(S, Begin, End);
    if (I >= SlotsInUse.load())
      SlotsInUse.store(I + 1);
    return I;
  }
  return Error(std::string("too many ") + What + ": at most " + std::to_string(Capacity) +
               " can be registered at once");
}

void AddressRangeSet::remove(unsigned Index) {
  std::lock_guard<std::mutex> Lock(WriterLock);
  write(Slots[Index], 0, 0);
  Slots[Index].Used = false;
}

bool AddressRangeSet::contains(uintptr_t Address) const {
  unsigned Count = SlotsInUse.load();
  for (unsigned I = 0; I < Count; ++I) {
    const Slot &S = Slots[I];
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
