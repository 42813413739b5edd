//===- loader/ElfDynamic.cpp -----------------------------------------------===//
#include "loader/ElfDynamic.h"
#include "loader/ElfMachine.h"

#include <cstring>
#include <string>

namespace wasmaot::runtime {
namespace {

/// Entries that ask the loader to do more than map and relocate, with the
/// name an error gives them.
struct RefusedTag {
  int64_t Tag;
  const char *Name;
  const char *Why;
};
constexpr const char *RunsCode = "has code to run when it is loaded or unloaded, and loading "
                                 "compiled code runs none";
constexpr RefusedTag RefusedTags[] = {
    {DT_INIT, "DT_INIT", RunsCode},
    {DT_FINI, "DT_FINI", RunsCode},
    {DT_INIT_ARRAY, "DT_INIT_ARRAY", RunsCode},
    {DT_INIT_ARRAYSZ, "DT_INIT_ARRAYSZ", RunsCode},
    {DT_FINI_ARRAY, "DT_FINI_ARRAY", RunsCode},
    {DT_FINI_ARRAYSZ, "DT_FINI_ARRAYSZ", RunsCode},
    {DT_PREINIT_ARRAY, "DT_PREINIT_ARRAY", RunsCode},
    {DT_PREINIT_ARRAYSZ, "DT_PREINIT_ARRAYSZ", RunsCode},
    {DT_TEXTREL, "DT_TEXTREL", "relocates read-only segments"},
    {DT_REL, "DT_REL", "has REL relocations, which x86-64 does not use"},
    {DT_RELR, "DT_RELR", "has packed relative relocations, which our linker does not emit"},
};

/// Entries that describe the object and need nothing done when loading it
/// with every symbol bound at once. DT_HASH is left unused: the lookup goes
/// through DT_GNU_HASH; DT_PLTGOT only matters to lazy binding.
constexpr int64_t IgnoredTags[] = {
    DT_HASH,     DT_PLTGOT,  DT_SONAME, DT_RPATH,  DT_RUNPATH,   DT_SYMBOLIC,  DT_DEBUG,
    DT_BIND_NOW, DT_FLAGS_1, DT_VERSYM, DT_VERDEF, DT_VERDEFNUM, DT_RELACOUNT, DT_GNU_PRELINKED,
};

bool isIgnored(int64_t Tag) {
  for (int64_t Ignored : IgnoredTags)
    if (Tag == Ignored)
      return true;
  return false;
}

/// The table [Address, Address + Size) of entries of EntrySize bytes,
/// aligned to Align, lies in loaded memory, or is empty.
Result<void> checkTable(const ElfLayout &Layout, const char *What, uint64_t Address, uint64_t Size,
                        uint64_t EntrySize, uint64_t Align) {
  if (Size % EntrySize != 0)
    return Error(std::string(What) + " size " + hex(Size) + " is not a multiple of " +
                 std::to_string(EntrySize));
  if (Size == 0)
    return {};
  if (Address % Align != 0)
    return Error(std::string(What) + " at " + hex(Address) + " is misaligned");
  const ElfPhdr *Segment = Layout.segmentOf(Address, Size);
  if (!Segment)
    return Error(std::string(What) + " at " + hex(Address) + " is not inside a loaded segment");
  // Tables are file contents: one in zero fill would only make the loader
  // walk gigabytes of zeros.
  if (Address + Size > Segment->p_vaddr + Segment->p_filesz)
    return Error(std::string(What) + " at " + hex(Address) + " is not in the file");
  return {};
}

/// The fields of ElfDynamic as they were read, before they are checked.
struct RawDynamic {
  ElfDynamic Tables;
  bool HasSymbolTable = false;
  bool HasStringTable = false;
  bool HasStringTableSize = false;
  bool HasGnuHash = false;
  bool HasNeeded = false;
  /// The string-table offset of the first DT_NEEDED entry's name.
  uint64_t Needed = 0;
};

/// Records Entry in Raw, or says why the object cannot be loaded.
Result<void> readEntry(const ElfDyn &Entry, RawDynamic &Raw) {
  uint64_t Value = Entry.d_un.d_val;
  ElfDynamic &Tables = Raw.Tables;
  switch (Entry.d_tag) {
  case DT_NEEDED:
    if (!Raw.HasNeeded)
      Raw.Needed = Value;
    Raw.HasNeeded = true;
    return {};
  case DT_RELA:
    Tables.Rela = Value;
    return {};
  case DT_RELASZ:
    Tables.RelaSize = Value;
    return {};
  case DT_RELAENT:
    if (Value != sizeof(ElfRela))
      return Error("RELA entry size " + std::to_string(Value) + ", expected " +
                   std::to_string(sizeof(ElfRela)));
    return {};
  case DT_JMPREL:
    Tables.PltRela = Value;
    return {};
  case DT_PLTRELSZ:
    Tables.PltRelaSize = Value;
    return {};
  case DT_PLTREL:
    if (Value != DT_RELA)
      return Error("PLT relocations are not RELA ones (DT_PLTREL " + std::to_string(Value) + ")");
    return {};
  case DT_SYMTAB:
    Tables.SymbolTable = Value;
    Raw.HasSymbolTable = true;
    return {};
  case DT_SYMENT:
    if (Value != sizeof(ElfSym))
      return Error("symbol size " + std::to_string(Value) + ", expected " +
                   std::to_string(sizeof(ElfSym)));
    return {};
  case DT_STRTAB:
    Tables.StringTable = Value;
    Raw.HasStringTable = true;
    return {};
  case DT_STRSZ:
    Tables.StringTableSize = Value;
    Raw.HasStringTableSize = true;
    return {};
  case DT_GNU_HASH:
    Tables.GnuHash = Value;
    Raw.HasGnuHash = true;
    return {};
  case DT_FLAGS:
    if (Value & DF_TEXTREL)
      return Error("relocates read-only segments (DF_TEXTREL)");
    return {};
  default:
    break;
  }
  for (const RefusedTag &Refused : RefusedTags)
    if (Entry.d_tag == Refused.Tag)
      return Error(std::string(Refused.Why) + " (" + Refused.Name + ")");
  if (isIgnored(Entry.d_tag))
    return {};
  return Error("unsupported dynamic entry with tag " + hex(static_cast<uint64_t>(Entry.d_tag)));
}

/// The name of the first needed library, for the error that refuses it.
std::string neededName(const RawDynamic &Raw, uintptr_t Bias) {
  const ElfDynamic &Tables = Raw.Tables;
  if (Raw.Needed >= Tables.StringTableSize)
    return "a shared library";
  const char *Name = reinterpret_cast<const char *>(Bias + Tables.StringTable + Raw.Needed);
  size_t Left = Tables.StringTableSize - Raw.Needed;
  if (!std::memchr(Name, '\0', Left))
    return "a shared library";
  return "the shared library '" + std::string(Name) + "'";
}

} // namespace

Result<ElfDynamic> readElfDynamic(const ElfLayout &Layout, uintptr_t Bias) {
  const auto *Entries = reinterpret_cast<const ElfDyn *>(Bias + Layout.Dynamic.p_vaddr);
  size_t Count = Layout.Dynamic.p_memsz / sizeof(ElfDyn);
  RawDynamic Raw;
  for (size_t K = 0; K < Count && Entries[K].d_tag != DT_NULL; ++K)
    if (Result<void> Read = readEntry(Entries[K], Raw); !Read)
      return Read.error();

  if (!Raw.HasSymbolTable || !Raw.HasStringTable || !Raw.HasStringTableSize)
    return Error("no dynamic symbol table (DT_SYMTAB, DT_STRTAB, DT_STRSZ)");
  if (!Raw.HasGnuHash)
    return Error("no GNU hash table (DT_GNU_HASH)");
  ElfDynamic &Tables = Raw.Tables;
  if (Result<void> Valid =
          checkTable(Layout, "string table", Tables.StringTable, Tables.StringTableSize, 1, 1);
      !Valid)
    return Valid.error();
  // Checked after the string table, so that the library can be named.
  if (Raw.HasNeeded)
    return Error("needs " + neededName(Raw, Bias) +
                 " (DT_NEEDED), and compiled code may depend on none");
  if (Result<void> Valid = checkTable(Layout, "RELA relocations", Tables.Rela, Tables.RelaSize,
                                      sizeof(ElfRela), alignof(ElfRela));
      !Valid)
    return Valid.error();
  if (Result<void> Valid = checkTable(Layout, "PLT relocations", Tables.PltRela, Tables.PltRelaSize,
                                      sizeof(ElfRela), alignof(ElfRela));
      !Valid)
    return Valid.error();
  // The symbol table's size is known only from the hash table
  // (ElfSymbolTable), which checks it then; its start is checked here.
  if (Result<void> Valid = checkTable(Layout, "symbol table", Tables.SymbolTable, sizeof(ElfSym),
                                      sizeof(ElfSym), alignof(ElfSym));
      !Valid)
    return Valid.error();
  return Tables;
}

} // namespace wasmaot::runtime
