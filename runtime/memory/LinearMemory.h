//===- memory/LinearMemory.h - A WebAssembly linear memory -----------------===//
//
// A linear memory of 64 KiB pages (or 1-byte ones: custom-page-sizes), of a
// 32- or 64-bit address type, zero-initialized, grown by memory.grow. How
// its address space is held depends on how compiled code checks bounds (its
// own strategy: wasmaot_memory_bounds_checks in abi.h):
//
// - WASMAOT_BOUNDS_GUARD: WASMAOT_GUARD_RESERVATION bytes (8 GiB + 64 KiB) are
//   reserved inaccessible up front, the first size() bytes are made readable
//   and writable, and growing makes more of them accessible. The base never
//   moves. The whole reservation is a guard region: a fault in it inside wasm
//   code is an out-of-bounds trap.
// - WASMAOT_BOUNDS_EXPLICIT with a maximum small enough (reservesMaximum):
//   the maximum is reserved and grown into the same way; the base never moves. No guard region is registered:
//   compiled code checks every access, so a fault here is a bug, not a trap.
// - WASMAOT_BOUNDS_EXPLICIT otherwise: exactly the accessible bytes
//   are mapped (at least one page, so the base is never null) and growing
//   remaps them, possibly to another address.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "traps/GuardRegions.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace wasmaot::runtime {

/// What kind of memory: its page size and address type.
struct MemoryShape {
  unsigned PageSizeLog2 = WASMAOT_PAGE_SIZE_LOG2;
  bool Is64 = false;

  uint64_t pageSize() const { return uint64_t(1) << PageSizeLog2; }
  /// The spec's bound on the limits of a memory of this shape.
  uint64_t pageLimit() const {
    if (PageSizeLog2 == 0)
      return Is64 ? UINT64_MAX : UINT32_MAX;
    return uint64_t(1) << ((Is64 ? 64 : 32) - PageSizeLog2);
  }
  bool operator==(const MemoryShape &) const = default;
};

class LinearMemory {
public:
  /// A memory of MinPages pages that may grow to MaxPages (or the shape's
  /// limit). Fails if the limits are out of range or the address space
  /// cannot be had.
  static Result<std::unique_ptr<LinearMemory>> create(uint64_t MinPages,
                                                      std::optional<uint64_t> MaxPages,
                                                      wasmaot_bounds_checks Checks,
                                                      MemoryShape Shape = {});

  LinearMemory(const LinearMemory &) = delete;
  LinearMemory &operator=(const LinearMemory &) = delete;
  ~LinearMemory();

  uint8_t *base() const { return Base; }
  uint64_t pages() const { return Pages; }
  uint64_t byteSize() const { return Pages << Shape.PageSizeLog2; }
  std::optional<uint64_t> maxPages() const { return MaxPages; }
  const MemoryShape &shape() const { return Shape; }
  wasmaot_bounds_checks boundsChecks() const { return Checks; }
  /// The address space held from base(), accessible or not.
  uint64_t reservedBytes() const { return Reserved; }

  /// memory.grow: adds DeltaPages zeroed pages and returns the old size in
  /// pages, or -1 (leaving the memory as it was) if the new size would exceed
  /// the maximum or the system refuses the memory. Under
  /// WASMAOT_BOUNDS_EXPLICIT, base() may change unless the maximum is
  /// reserved.
  int64_t grow(uint64_t DeltaPages) noexcept;

  /// Puts Bytes at Offset of a memory that is still all zeros: mapped
  /// copy-on-write from Fd at FileOffset where it can be (Fd open, offsets
  /// and size in whole host pages, a memory that never moves), else copied.
  /// False if it does not fit in the memory.
  bool loadImage(uint64_t Offset, std::span<const uint8_t> Bytes, int Fd,
                 uint64_t FileOffset) noexcept;

  /// A bound the host puts on growth (--max-memory), below the memory's own
  /// maximum: memory.grow beyond it fails as if the system refused it.
  void limitPages(uint64_t Pages) { HostLimit = Pages; }

  /// Keeps View's base and size equal to this memory's, now and after every
  /// grow, until detach(View). Instances that import a memory see its growth
  /// this way.
  void attach(wasmaot_memory *View);
  void detach(wasmaot_memory *View);

  /// Whether a maximum of MaxBytes is reserved when the memory is made: up
  /// to a 32-bit memory's whole reservation on a 64-bit machine, only a
  /// small one on a 32-bit machine, whose whole address space is 4 GiB.
  static bool reservesMaximum(uint64_t MaxBytes) { return MaxBytes <= MaxUpFrontReservation; }
  static constexpr uint64_t MaxUpFrontReservation =
      sizeof(void *) >= 8 ? WASMAOT_GUARD_RESERVATION : uint64_t(256) << 20;

private:
  LinearMemory(uint8_t *Base, uint64_t Reserved, uint64_t Pages,
               std::optional<uint64_t> MaxPages, wasmaot_bounds_checks Checks,
               MemoryShape Shape)
      : Base(Base), Reserved(Reserved), Pages(Pages), MaxPages(MaxPages), Checks(Checks),
        Shape(Shape) {}

  /// Whether growing remaps the memory instead of committing reserved pages.
  /// Explicit checks without a maximum, or with one too big to reserve up
  /// front (reservesMaximum): the memory is one accessible mapping that
  /// memory.grow remaps, and may move.
  bool growsByRemapping() const {
    return Checks == WASMAOT_BOUNDS_EXPLICIT && !reservesMaximumOf(MaxPages, Shape);
  }
  static bool reservesMaximumOf(std::optional<uint64_t> MaxPages, MemoryShape Shape) {
    return MaxPages && *MaxPages <= (MaxUpFrontReservation >> Shape.PageSizeLog2) &&
           reservesMaximum(*MaxPages << Shape.PageSizeLog2);
  }
  /// The address space a new memory holds from its base.
  static uint64_t reservationSize(uint64_t MinPages, std::optional<uint64_t> MaxPages,
                                  wasmaot_bounds_checks Checks, MemoryShape Shape);

  uint8_t *Base;
  uint64_t Reserved;
  uint64_t Pages;
  std::optional<uint64_t> MaxPages;
  uint64_t HostLimit = UINT64_MAX;
  wasmaot_bounds_checks Checks;
  MemoryShape Shape;
  std::optional<GuardRegion> Guard;
  std::vector<wasmaot_memory *> Users;
};

} // namespace wasmaot::runtime
