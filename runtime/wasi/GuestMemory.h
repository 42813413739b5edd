//===- wasi/GuestMemory.h - Checked access to the guest's linear memory ---===//
//
// Every pointer and length a guest passes is checked against the memory's
// current size before the host touches the bytes: a range that does not lie
// wholly inside is EFAULT. Checks use 64-bit arithmetic, so Ptr + Len cannot
// wrap. base() and byteSize() are read on every access, never cached across
// calls, since memory.grow may move an explicitly checked memory. Guest
// pointers have no alignment, so values are copied with memcpy.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "memory/LinearMemory.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace wasmaot::runtime::wasi {

class GuestMemory {
public:
  /// Memory may be null (not bound yet): then every range is out of bounds.
  explicit GuestMemory(const LinearMemory *Memory) : Memory(Memory) {}

  /// The host address of guest bytes [Ptr, Ptr + Len), or null if the range
  /// is not wholly inside the memory. Len must be below 2^63 (callers pass
  /// guest lengths, or counts of at most 2^32 times a structure's size).
  uint8_t *bytes(uint32_t Ptr, uint64_t Len) const {
    if (!Memory || uint64_t(Ptr) + Len > Memory->byteSize())
      return nullptr;
    return Memory->base() + Ptr;
  }

  bool contains(uint32_t Ptr, uint64_t Len) const { return bytes(Ptr, Len) != nullptr; }

  /// Copies a T out of guest memory at Ptr; false if out of bounds.
  template <typename T> bool load(uint32_t Ptr, T &Value) const {
    static_assert(std::is_trivially_copyable_v<T>);
    uint8_t *Source = bytes(Ptr, sizeof(T));
    if (!Source)
      return false;
    std::memcpy(&Value, Source, sizeof(T));
    return true;
  }

  /// Copies Value into guest memory at Ptr; false if out of bounds.
  template <typename T> bool store(uint32_t Ptr, const T &Value) const {
    static_assert(std::is_trivially_copyable_v<T>);
    uint8_t *Target = bytes(Ptr, sizeof(T));
    if (!Target)
      return false;
    std::memcpy(Target, &Value, sizeof(T));
    return true;
  }

private:
  const LinearMemory *Memory;
};

} // namespace wasmaot::runtime::wasi
