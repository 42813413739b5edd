//===- loader/ElfSymbolTable.cpp -------------------------------------------===//
#include "loader/ElfSymbolTable.h"
#include "loader/ElfMachine.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace wasmaot::runtime {
namespace {

/// The GNU hash of a symbol name: h = h * 33 + c over its bytes, from 5381.
uint32_t gnuHash(const char *Name) {
  uint32_t Hash = 5381;
  for (const unsigned char *C = reinterpret_cast<const unsigned char *>(Name); *C; ++C)
    Hash = Hash * 33 + *C;
  return Hash;
}

/// The fixed header of a GNU hash table, before its Bloom filter words.
struct GnuHashHeader {
  uint32_t BucketCount;
  uint32_t FirstHashed;
  uint32_t BloomSize;
  uint32_t BloomShift;
};

bool isExported(const ElfSym &Symbol) {
  unsigned char Binding = symbolBinding(Symbol.st_info);
  unsigned char Type = symbolType(Symbol.st_info);
  return Symbol.st_shndx != SHN_UNDEF && (Binding == STB_GLOBAL || Binding == STB_WEAK) &&
         (Type == STT_FUNC || Type == STT_OBJECT || Type == STT_NOTYPE);
}

} // namespace

Result<ElfSymbolTable> ElfSymbolTable::create(const ElfLayout &Layout, const ElfDynamic &Dynamic,
                                              uintptr_t Bias) {
  uint64_t Address = Dynamic.GnuHash;
  if (Address % alignof(BloomWord) != 0 || !Layout.segmentOf(Address, sizeof(GnuHashHeader)))
    return Error("GNU hash table at " + hex(Address) + " is misaligned or outside the image");
  GnuHashHeader Header;
  std::memcpy(&Header, reinterpret_cast<const void *>(Bias + Address), sizeof Header);
  // The filter is indexed modulo its size and a hash is shifted right by
  // BloomShift, so neither may be out of range for the arithmetic.
  if (Header.BucketCount == 0 || Header.BloomSize == 0 || Header.BloomShift >= 32)
    return Error("malformed GNU hash table");
  uint64_t BloomAddress = Address + sizeof Header;
  uint64_t BucketsAddress = BloomAddress + uint64_t(Header.BloomSize) * sizeof(BloomWord);
  uint64_t ChainsAddress = BucketsAddress + uint64_t(Header.BucketCount) * sizeof(uint32_t);
  if (!Layout.segmentOf(Address, ChainsAddress - Address))
    return Error("GNU hash table ends outside the image");

  ElfSymbolTable Table;
  Table.BucketCount = Header.BucketCount;
  Table.FirstHashed = Header.FirstHashed;
  Table.BloomSize = Header.BloomSize;
  Table.BloomShift = Header.BloomShift;
  Table.Bloom = reinterpret_cast<const BloomWord *>(Bias + BloomAddress);
  Table.Buckets = reinterpret_cast<const uint32_t *>(Bias + BucketsAddress);
  Table.Chains = reinterpret_cast<const uint32_t *>(Bias + ChainsAddress);

  // The symbols before FirstHashed are not in the table (the undefined ones
  // are kept there); the hashed ones end with the chain that starts last.
  uint32_t LastChain = 0;
  for (uint32_t K = 0; K < Header.BucketCount; ++K) {
    uint32_t First = Table.Buckets[K];
    if (First != 0 && First < Header.FirstHashed)
      return Error("GNU hash bucket " + std::to_string(K) + " points before the hashed symbols");
    LastChain = std::max(LastChain, First);
  }
  uint64_t Count = Header.FirstHashed;
  if (LastChain != 0) {
    // The last chain ends at its first entry with the low bit set, within
    // the file-backed part of the segment it starts in: hash tables are
    // file contents, never zero fill. (A malformed chain running on through
    // a 20 GB zero-filled segment took minutes: found by fuzz.loader.)
    uint64_t Start = ChainsAddress + uint64_t(LastChain - Header.FirstHashed) * sizeof(uint32_t);
    const ElfPhdr *Segment = Layout.segmentOf(Start, sizeof(uint32_t));
    if (!Segment || Start + sizeof(uint32_t) > Segment->p_vaddr + Segment->p_filesz)
      return Error("GNU hash chain runs past the end of the image");
    uint64_t Entries = (Segment->p_vaddr + Segment->p_filesz - Start) / sizeof(uint32_t);
    const uint32_t *Chain = Table.Chains + (LastChain - Header.FirstHashed);
    uint64_t Length = 0;
    while (Length < Entries && !(Chain[Length] & 1))
      ++Length;
    Count = uint64_t(LastChain) + Length + 1;
    if (Length == Entries || Count > UINT32_MAX)
      return Error("GNU hash chain runs past the end of the image");
  }
  if (!Layout.segmentOf(Dynamic.SymbolTable, Count * sizeof(ElfSym)))
    return Error("symbol table of " + std::to_string(Count) + " symbols ends outside the image");
  Table.Symbols = reinterpret_cast<const ElfSym *>(Bias + Dynamic.SymbolTable);
  Table.Count = static_cast<uint32_t>(Count);
  Table.Strings = reinterpret_cast<const char *>(Bias + Dynamic.StringTable);
  Table.StringsSize = Dynamic.StringTableSize;
  return Table;
}

Result<const char *> ElfSymbolTable::name(const ElfSym &Symbol) const {
  if (Symbol.st_name >= StringsSize ||
      !std::memchr(Strings + Symbol.st_name, '\0', StringsSize - Symbol.st_name))
    return Error("symbol name at " + hex(Symbol.st_name) + " is outside the string table");
  return Strings + Symbol.st_name;
}

const ElfSym *ElfSymbolTable::find(const char *Name) const {
  if (BucketCount == 0)
    return nullptr;
  uint32_t Hash = gnuHash(Name);
  // Two bits of the hash, chosen by it, must be set in the filter word it
  // selects for the name to be present at all.
  // The filter's words are as wide as the class's addresses.
  constexpr unsigned WordBits = 8 * sizeof(BloomWord);
  BloomWord Word = Bloom[(Hash / WordBits) % BloomSize];
  BloomWord Bits = (BloomWord(1) << (Hash % WordBits)) | (BloomWord(1) << ((Hash >> BloomShift) % WordBits));
  if ((Word & Bits) != Bits)
    return nullptr;
  // Bucket 0 is empty. The indices come from the file, which may have put
  // the table in writable memory, so they are checked on every read rather
  // than trusted from create().
  uint32_t First = Buckets[Hash % BucketCount];
  if (First == 0)
    return nullptr;
  for (uint32_t Index = First; Index >= FirstHashed && Index < Count; ++Index) {
    uint32_t ChainHash = Chains[Index - FirstHashed];
    if ((ChainHash | 1) == (Hash | 1)) {
      const ElfSym &Symbol = Symbols[Index];
      Result<const char *> SymbolName = name(Symbol);
      if (SymbolName && std::strcmp(*SymbolName, Name) == 0 && isExported(Symbol))
        return &Symbol;
    }
    if (ChainHash & 1)
      break;
  }
  return nullptr;
}

} // namespace wasmaot::runtime
