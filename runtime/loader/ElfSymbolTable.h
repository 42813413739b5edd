//===- loader/ElfSymbolTable.h - Dynamic symbols and their GNU hash --------===//
//
// The dynamic symbol table of a mapped object, searched through its GNU hash
// table (DT_GNU_HASH, the only hash table our linker emits with
// --hash-style=gnu). The ELF format does not record how many symbols there
// are; the hash table's chains tell, so create() walks them once, and every
// later read stays below that count.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "loader/ElfDynamic.h"
#include "loader/ElfMachine.h"

#include <cstdint>

namespace wasmaot::runtime {

class ElfSymbolTable {
public:
  /// An empty table, in which nothing is found.
  ElfSymbolTable() = default;

  /// Checks the hash table of Dynamic, counts the symbols and checks that
  /// they all lie in loaded memory (mapped at Bias + their addresses).
  static Result<ElfSymbolTable> create(const ElfLayout &Layout, const ElfDynamic &Dynamic,
                                       uintptr_t Bias);

  uint32_t size() const { return Count; }
  /// Symbol Index, which must be below size().
  const ElfSym &operator[](uint32_t Index) const { return Symbols[Index]; }

  /// The name of Symbol, or an error if its name is not a string of the
  /// string table.
  Result<const char *> name(const ElfSym &Symbol) const;

  /// The symbol called Name that the object defines for others to use: a
  /// global or weak function, object or untyped symbol. Null if there is none.
  const ElfSym *find(const char *Name) const;

private:
  const ElfSym *Symbols = nullptr;
  uint32_t Count = 0;
  const char *Strings = nullptr;
  uint64_t StringsSize = 0;

  // The GNU hash table: a Bloom filter that rejects most absent names, then
  // buckets by hash, each the first index of a run of symbols (a chain) with
  // that hash modulo BucketCount. Chains[I - FirstHashed] is symbol I's hash,
  // with the lowest bit set on the last symbol of a chain.
  uint32_t BucketCount = 0;
  uint32_t FirstHashed = 0;
  uint32_t BloomSize = 0;
  uint32_t BloomShift = 0;
  const BloomWord *Bloom = nullptr;
  const uint32_t *Buckets = nullptr;
  const uint32_t *Chains = nullptr;
};

} // namespace wasmaot::runtime
