//===- loader/ElfDynamic.h - The dynamic section of a mapped object --------===//
//
// The entries of PT_DYNAMIC that loading compiled code needs: where the
// relocations, the dynamic symbols, their names and their GNU hash table
// are. Entries that would ask for more than mapping and relocating (a library
// to load, code to run at load, relocations of read-only segments) are
// refused, and so is any entry this loader does not know, since ignoring it
// could leave the object wrongly loaded.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "loader/ElfLayout.h"

#include <cstdint>

namespace wasmaot::runtime {

/// Addresses are the object's own (before adding the load bias); a table
/// that is absent has size 0. The symbol, string and hash tables are
/// present, and every size is checked against the loaded segments.
struct ElfDynamic {
  uint64_t Rela = 0;
  uint64_t RelaSize = 0;
  /// The PLT's relocations (DT_JMPREL), which are RELA ones too.
  uint64_t PltRela = 0;
  uint64_t PltRelaSize = 0;
  uint64_t SymbolTable = 0;
  uint64_t StringTable = 0;
  uint64_t StringTableSize = 0;
  uint64_t GnuHash = 0;
};

/// Reads the dynamic section of Layout, mapped at Bias + its addresses. The
/// error says what is wrong, without the file's name.
Result<ElfDynamic> readElfDynamic(const ElfLayout &Layout, uintptr_t Bias);

} // namespace wasmaot::runtime
