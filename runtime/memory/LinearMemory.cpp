//===- memory/LinearMemory.cpp - A WebAssembly linear memory ---------------===//
//
// Reservations are anonymous PROT_NONE mappings with MAP_NORESERVE: they cost
// address space but neither memory nor commit charge until made accessible.
// Fresh anonymous pages read as zero, and a memory never shrinks, so every
// page a memory gains is zero without clearing it.
//
//===----------------------------------------------------------------------===//
#include "memory/LinearMemory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace wasmaot::runtime {
namespace {

constexpr int AnonymousFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

std::string pagesText(uint64_t Pages) { return std::to_string(Pages) + " pages"; }

Result<void> checkLimits(uint32_t MinPages, std::optional<uint32_t> MaxPages,
                         wasmaot_bounds_checks Checks) {
  // The wording follows the spec testsuite's for the same validation rules.
  if (MinPages > LinearMemory::PageLimit || (MaxPages && *MaxPages > LinearMemory::PageLimit))
    return Error("memory size must be at most 65536 pages (4GiB)");
  if (MaxPages && MinPages > *MaxPages)
    return Error("size minimum must not be greater than maximum");
  if (Checks != WASMAOT_BOUNDS_GUARD && Checks != WASMAOT_BOUNDS_EXPLICIT)
    return Error("unknown bounds-check strategy " + std::to_string(int(Checks)));
  return {};
}

/// The address space a new memory holds from its base.
uint64_t reservationSize(uint32_t MinPages, std::optional<uint32_t> MaxPages,
                         wasmaot_bounds_checks Checks) {
  if (Checks == WASMAOT_BOUNDS_GUARD)
    return WASMAOT_GUARD_RESERVATION;
  // One page at least, so that even a memory of size 0 has a non-null base.
  uint64_t Pages =
      MaxPages && LinearMemory::reservesMaximum(*MaxPages) ? *MaxPages : MinPages;
  return std::max<uint64_t>(Pages, 1) * LinearMemory::PageSize;
}

} // namespace

Result<std::unique_ptr<LinearMemory>> LinearMemory::create(uint32_t MinPages,
                                                           std::optional<uint32_t> MaxPages,
                                                           wasmaot_bounds_checks Checks) {
  if (Result<void> Valid = checkLimits(MinPages, MaxPages, Checks); !Valid)
    return Valid.error();

  uint64_t Reserved = reservationSize(MinPages, MaxPages, Checks);
  if (Reserved > SIZE_MAX)
    return Error("a memory of " + pagesText(MinPages) + " does not fit this machine's address space");
  bool MapAccessible = Checks == WASMAOT_BOUNDS_EXPLICIT &&
                       (!MaxPages || !reservesMaximum(*MaxPages));
  void *Mapping = mmap(nullptr, Reserved, MapAccessible ? PROT_READ | PROT_WRITE : PROT_NONE,
                       AnonymousFlags, -1, 0);
  if (Mapping == MAP_FAILED)
    return systemError("cannot reserve " + std::to_string(Reserved) +
                           " bytes of address space for a memory of " + pagesText(MinPages),
                       errno);

  // From here on, the destructor releases the mapping on every failure.
  std::unique_ptr<LinearMemory> Memory(
      new LinearMemory(static_cast<uint8_t *>(Mapping), Reserved, MinPages, MaxPages, Checks));
  uint64_t Accessible = Memory->byteSize();
  if (!MapAccessible && Accessible != 0 &&
      mprotect(Mapping, Accessible, PROT_READ | PROT_WRITE) != 0)
    return systemError("cannot commit a memory of " + pagesText(MinPages), errno);

  if (Checks == WASMAOT_BOUNDS_GUARD) {
    Result<GuardRegion> Guard = GuardRegion::add(Mapping, Reserved);
    if (!Guard)
      return Guard.error();
    Memory->Guard = std::move(*Guard);
  }
  return Memory;
}

LinearMemory::~LinearMemory() {
  // Unregister first: once unmapped, the range may be reused by anything.
  Guard.reset();
  munmap(Base, Reserved);
}

int32_t LinearMemory::grow(uint32_t DeltaPages) noexcept {
  uint32_t OldPages = Pages;
  uint64_t NewPages = uint64_t(OldPages) + DeltaPages;
  if (NewPages > MaxPages.value_or(PageLimit) || NewPages > HostLimit)
    return -1;
  if (DeltaPages == 0)
    return int32_t(OldPages);

  uint64_t OldBytes = byteSize();
  uint64_t NewBytes = NewPages * PageSize;
  if (growsByRemapping()) {
    // The mapping already covers the one page a 0-page memory holds.
    if (NewBytes > Reserved) {
      if (NewBytes > SIZE_MAX)
        return -1;
      void *Moved = mremap(Base, Reserved, NewBytes, MREMAP_MAYMOVE);
      if (Moved == MAP_FAILED)
        return -1;
      Base = static_cast<uint8_t *>(Moved);
      Reserved = NewBytes;
    }
  } else if (mprotect(Base + OldBytes, NewBytes - OldBytes, PROT_READ | PROT_WRITE) != 0) {
    return -1;
  }
  Pages = uint32_t(NewPages);
  for (wasmaot_vmctx *Vmctx : Users) {
    Vmctx->memory_base = Base;
    Vmctx->memory_size = byteSize();
  }
  return int32_t(OldPages);
}

bool LinearMemory::loadImage(uint64_t Offset, std::span<const uint8_t> Bytes, int Fd,
                             uint64_t FileOffset) noexcept {
  if (Offset > byteSize() || Bytes.size() > byteSize() - Offset)
    return false;
  static const uint64_t HostPage = uint64_t(sysconf(_SC_PAGESIZE));
  bool WholePages = Offset % HostPage == 0 && FileOffset % HostPage == 0 &&
                    Bytes.size() % HostPage == 0;
  // A memory that grows by mremap must stay one mapping.
  if (Fd >= 0 && WholePages && !growsByRemapping() && !Bytes.empty()) {
    void *Target = Base + Offset;
    if (mmap(Target, Bytes.size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, Fd,
             off_t(FileOffset)) != MAP_FAILED)
      return true;
    // A failed MAP_FIXED may have unmapped the range: make it memory again.
    if (mmap(Target, Bytes.size(), PROT_READ | PROT_WRITE, AnonymousFlags | MAP_FIXED, -1, 0) ==
        MAP_FAILED)
      return false;
  }
  std::memcpy(Base + Offset, Bytes.data(), Bytes.size());
  return true;
}

void LinearMemory::attach(wasmaot_vmctx *Vmctx) {
  Users.push_back(Vmctx);
  Vmctx->memory_base = Base;
  Vmctx->memory_size = byteSize();
}

void LinearMemory::detach(wasmaot_vmctx *Vmctx) {
  std::erase(Users, Vmctx);
}

} // namespace wasmaot::runtime
