//===- loader/ElfLayout.h - The segments of a shared object to load --------===//
//
// What an ELF file's header and program headers say about where its parts go
// in memory, read from the file and checked before anything is mapped: a
// file that passes readElfLayout() can be mapped segment by segment without
// any arithmetic overflowing, any segment reaching past the end of the file
// or two segments sharing a page.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "loader/ElfMachine.h"

#include "support/Result.h"

#include <elf.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::runtime {

struct ElfLayout {
  /// The PT_LOAD segments that occupy memory, in ascending address order.
  std::vector<ElfPhdr> Loads;
  /// PT_DYNAMIC, inside the file-backed part of a loaded segment.
  ElfPhdr Dynamic{};
  /// PT_GNU_RELRO, inside the pages of a writable loaded segment: read-only
  /// after relocation.
  std::optional<ElfPhdr> Relro;
  /// The page-aligned span of addresses the loaded segments need.
  uint64_t Begin = 0;
  uint64_t End = 0;

  /// The loaded segment holding Address and all of [Address, Address +
  /// Size) in memory, or null if none does.
  const ElfPhdr *segmentOf(uint64_t Address, uint64_t Size) const;

  /// Whether Segment holds Address and all of [Address, Address + Size).
  static bool holds(const ElfPhdr &Segment, uint64_t Address, uint64_t Size) {
    return Address >= Segment.p_vaddr && Address - Segment.p_vaddr < Segment.p_memsz &&
           Size <= Segment.p_memsz - (Address - Segment.p_vaddr);
  }
};

inline uint64_t pageDown(uint64_t Address, uint64_t PageSize) {
  return Address - Address % PageSize;
}
inline uint64_t pageUp(uint64_t Address, uint64_t PageSize) {
  return pageDown(Address + PageSize - 1, PageSize);
}

/// "0x1f": how the loader's errors write addresses, offsets and sizes.
std::string hex(uint64_t Value);

/// Reads and checks the ELF header and program headers of the file Fd, of
/// FileSize bytes: a little-endian ELF64 shared object for this machine,
/// with readable segments, none both writable and executable, and neither
/// an interpreter nor thread-local storage. The error says what is wrong,
/// without the file's name.
Result<ElfLayout> readElfLayout(int Fd, uint64_t FileSize, uint64_t PageSize);

} // namespace wasmaot::runtime
