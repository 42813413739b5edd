//===- memory/LinearMemory.h - A WebAssembly linear memory -----------------===//
//
// A linear memory of 64 KiB pages, zero-initialized, grown by memory.grow.
// How its address space is held depends on how compiled code checks bounds:
//
// - WASMAOT_BOUNDS_GUARD: WASMAOT_GUARD_RESERVATION bytes (8 GiB + 64 KiB) are
//   reserved inaccessible up front, the first size() bytes are made readable
//   and writable, and growing makes more of them accessible. The base never
//   moves. The whole reservation is a guard region: a fault in it inside wasm
//   code is an out-of-bounds trap.
// - WASMAOT_BOUNDS_EXPLICIT with a maximum: the maximum is reserved and grown
//   into the same way; the base never moves. No guard region is registered:
//   compiled code checks every access, so a fault here is a bug, not a trap.
// - WASMAOT_BOUNDS_EXPLICIT without a maximum: exactly the accessible bytes
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

class LinearMemory {
public:
  static constexpr uint64_t PageSize = WASMAOT_PAGE_SIZE;
  static constexpr uint32_t PageLimit = WASMAOT_MAX_PAGES;

  /// A memory of MinPages pages that may grow to MaxPages (or PageLimit).
  /// Fails if the limits are out of range or the address space cannot be had.
  static Result<std::unique_ptr<LinearMemory>> create(uint32_t MinPages,
                                                      std::optional<uint32_t> MaxPages,
                                                      wasmaot_bounds_checks Checks);

  LinearMemory(const LinearMemory &) = delete;
  LinearMemory &operator=(const LinearMemory &) = delete;
  ~LinearMemory();

  uint8_t *base() const { return Base; }
  uint32_t pages() const { return Pages; }
  uint64_t byteSize() const { return uint64_t(Pages) * PageSize; }
  std::optional<uint32_t> maxPages() const { return MaxPages; }
  wasmaot_bounds_checks boundsChecks() const { return Checks; }
  /// The address space held from base(), accessible or not.
  uint64_t reservedBytes() const { return Reserved; }

  /// memory.grow: adds DeltaPages zeroed pages and returns the old size in
  /// pages, or -1 (leaving the memory as it was) if the new size would exceed
  /// the maximum or the system refuses the memory. Under
  /// WASMAOT_BOUNDS_EXPLICIT without a maximum, base() may change.
  int32_t grow(uint32_t DeltaPages) noexcept;

  /// Puts Bytes at Offset of a memory that is still all zeros: mapped
  /// copy-on-write from Fd at FileOffset where it can be (Fd open, offsets
  /// and size in whole host pages, a memory that never moves), else copied.
  /// False if it does not fit in the memory.
  bool loadImage(uint64_t Offset, std::span<const uint8_t> Bytes, int Fd,
                 uint64_t FileOffset) noexcept;

  /// A bound the host puts on growth (--max-memory), below the memory's own
  /// maximum: memory.grow beyond it fails as if the system refused it.
  void limitPages(uint32_t Pages) { HostLimit = Pages; }

  /// Keeps Vmctx's memory_base and memory_size equal to this memory's base
  /// and size, now and after every grow, until detach(Vmctx). Instances that
  /// import a memory see its growth this way.
  void attach(wasmaot_vmctx *Vmctx);
  void detach(wasmaot_vmctx *Vmctx);

  /// Whether a maximum of MaxPages is reserved when the memory is made: on a
  /// 32-bit machine only a small one, since the whole address space is 4 GiB.
  static bool reservesMaximum(uint32_t MaxPages) {
    return uint64_t(MaxPages) * PageSize <= MaxUpFrontReservation;
  }
  static constexpr uint64_t MaxUpFrontReservation =
      sizeof(void *) >= 8 ? UINT64_MAX : uint64_t(256) << 20;

private:
  LinearMemory(uint8_t *Base, uint64_t Reserved, uint32_t Pages,
               std::optional<uint32_t> MaxPages, wasmaot_bounds_checks Checks)
      : Base(Base), Reserved(Reserved), Pages(Pages), MaxPages(MaxPages), Checks(Checks) {}

  /// Whether growing remaps the memory instead of committing reserved pages.
  /// Explicit checks without a maximum, or with one too big to reserve up
  /// front (reservesMaximum): the memory is one accessible mapping that
  /// memory.grow remaps, and may move.
  bool growsByRemapping() const {
    return Checks == WASMAOT_BOUNDS_EXPLICIT && (!MaxPages || !reservesMaximum(*MaxPages));
  }

  uint8_t *Base;
  uint64_t Reserved;
  uint32_t Pages;
  std::optional<uint32_t> MaxPages;
  uint32_t HostLimit = PageLimit;
  wasmaot_bounds_checks Checks;
  std::optional<GuardRegion> Guard;
  std::vector<wasmaot_vmctx *> Users;
};

} // namespace wasmaot::runtime
