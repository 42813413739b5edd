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

Result<void> checkLimits(uint64_t MinPages, std::optional<uint64_t> MaxPages,
                         wasmaot_bounds_checks Checks, MemoryShape Shape) {
  // The wording follows the spec testsuite's for the same validation rules.
  uint64_t Limit = Shape.pageLimit();
  if (MinPages > Limit || (MaxPages && *MaxPages > Limit))
    return Error("memory size must be at most " + pagesText(Limit));
  if (MaxPages && MinPages > *MaxPages)
    return Error("size minimum must not be greater than maximum");
  if (Checks != WASMAOT_BOUNDS_GUARD && Checks != WASMAOT_BOUNDS_EXPLICIT)
    return Error("unknown bounds-check strategy " + std::to_string(int(Checks)));
  if (Checks != wasmaot_memory_bounds_checks(Checks, Shape.Is64, Shape.PageSizeLog2,
                                             MaxPages.value_or(UINT64_MAX)))
    return Error("a memory of this type needs explicit bounds checks");
  return {};
}

} // namespace

uint64_t LinearMemory::reservationSize(uint64_t MinPages, std::optional<uint64_t> MaxPages,
                                       wasmaot_bounds_checks Checks, MemoryShape Shape) {
  if (Checks == WASMAOT_BOUNDS_GUARD)
    return WASMAOT_GUARD_RESERVATION;
  // At least one host page, so that even a memory of size 0 has a non-null
  // base; a byte count that overflows is refused by the caller.
  static const uint64_t HostPage = uint64_t(sysconf(_SC_PAGESIZE));
  uint64_t Pages = reservesMaximumOf(MaxPages, Shape) ? *MaxPages : MinPages;
  if (Pages > (UINT64_MAX >> Shape.PageSizeLog2))
    return UINT64_MAX;
  return std::max<uint64_t>(Pages << Shape.PageSizeLog2, HostPage);
}

Result<std::unique_ptr<LinearMemory>> LinearMemory::create(uint64_t MinPages,
                                                           std::optional<uint64_t> MaxPages,
                                                           wasmaot_bounds_checks Checks,
                                                           MemoryShape Shape) {
  if (Result<void> Valid = checkLimits(MinPages, MaxPages, Checks, Shape); !Valid)
    return Valid.error();

  uint64_t Reserved = reservationSize(MinPages, MaxPages, Checks, Shape);
  if (Reserved > SIZE_MAX || Reserved == UINT64_MAX)
    return Error("a memory of " + pagesText(MinPages) + " does not fit this machine's address space");
  bool MapAccessible = Checks == WASMAOT_BOUNDS_EXPLICIT && !reservesMaximumOf(MaxPages, Shape);
  void *Mapping = mmap(nullptr, Reserved, MapAccessible ? PROT_READ | PROT_WRITE : PROT_NONE,
                       AnonymousFlags, -1, 0);
  if (Mapping == MAP_FAILED)
    return systemError("cannot reserve " + std::to_string(Reserved) +
                           " bytes of address space for a memory of " + pagesText(MinPages),
                       errno);

  // From here on, the destructor releases the mapping on every failure.
  std::unique_ptr<LinearMemory> Memory(new LinearMemory(
      static_cast<uint8_t *>(Mapping), Reserved, MinPages, MaxPages, Checks, Shape));
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

int64_t LinearMemory::grow(uint64_t DeltaPages) noexcept {
  uint64_t OldPages = Pages;
  uint64_t Limit = std::min({MaxPages.value_or(Shape.pageLimit()), HostLimit,
                             uint64_t(SIZE_MAX) >> Shape.PageSizeLog2});
  if (OldPages > Limit || DeltaPages > Limit - OldPages)
    return -1;
  uint64_t NewPages = OldPages + DeltaPages;
  if (DeltaPages == 0)
    return int64_t(OldPages);

  uint64_t OldBytes = byteSize();
  uint64_t NewBytes = NewPages << Shape.PageSizeLog2;
  if (growsByRemapping()) {
    // The mapping already covers the one page a 0-page memory holds.
    if (NewBytes > Reserved) {
      void *Moved = mremap(Base, Reserved, NewBytes, MREMAP_MAYMOVE);
      if (Moved == MAP_FAILED)
        return -1;
      Base = static_cast<uint8_t *>(Moved);
      Reserved = NewBytes;
    }
  } else {
    // Host pages: a memory of 1-byte pages has part of its last one
    // accessible already.
    static const uint64_t HostPage = uint64_t(sysconf(_SC_PAGESIZE));
    uint64_t From = OldBytes / HostPage * HostPage;
    if (NewBytes > Reserved ||
        mprotect(Base + From, NewBytes - From, PROT_READ | PROT_WRITE) != 0)
      return -1;
  }
  Pages = NewPages;
  for (wasmaot_memory *View : Users) {
    View->base = Base;
    View->size = byteSize();
  }
  return int64_t(OldPages);
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

void LinearMemory::attach(wasmaot_memory *View) {
  Users.push_back(View);
  View->base = Base;
  View->size = byteSize();
}

void LinearMemory::detach(wasmaot_memory *View) { std::erase(Users, View); }

} // namespace wasmaot::runtime
