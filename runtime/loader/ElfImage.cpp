//===- loader/ElfImage.cpp -------------------------------------------------===//
//
// Loading follows what the dynamic loader does for an object loaded with
// RTLD_NOW, minus what our objects never need: one PROT_NONE reservation for
// the whole span, so the segments keep their distances and nothing else can
// land between them; each PT_LOAD mapped over it from the file, its memory
// past the file's bytes zeroed; the relocations applied; then the final
// protections, with PT_GNU_RELRO read-only.
//
// A segment is mapped with its final protection unless the tail of its last
// file page has to be zeroed, so code is never writable in the usual case,
// and nothing is ever writable and executable at once.
//
//===----------------------------------------------------------------------===//
#include "loader/ElfImage.h"

#include "loader/ElfDynamic.h"
#include "loader/ElfMachine.h"
#include "loader/ElfLayout.h"
#include "loader/ElfSymbolTable.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace wasmaot::runtime {
namespace {

/// Closes a file descriptor when it goes out of scope, unless released.
class FileCloser {
public:
  explicit FileCloser(int Fd) : Fd(Fd) {}
  FileCloser(const FileCloser &) = delete;
  FileCloser &operator=(const FileCloser &) = delete;
  ~FileCloser() {
    if (Fd >= 0)
      close(Fd);
  }
  int release() { return std::exchange(Fd, -1); }

private:
  int Fd;
};

int finalProtection(const ElfPhdr &Load) {
  return (Load.p_flags & PF_R ? PROT_READ : 0) | (Load.p_flags & PF_W ? PROT_WRITE : 0) |
         (Load.p_flags & PF_X ? PROT_EXEC : 0);
}

/// The protection a segment is mapped with: its final one, unless part of
/// its last file page must be zeroed (the segment is longer in memory than
/// in the file), which needs it writable, and then not executable yet.
int initialProtection(const ElfPhdr &Load) {
  return Load.p_memsz > Load.p_filesz ? PROT_READ | PROT_WRITE : finalProtection(Load);
}

/// Maps each segment of Layout at Bias + its address, over a reservation
/// that holds them all.
Result<void> mapSegments(const ElfLayout &Layout, int Fd, uint64_t PageSize, uintptr_t Bias) {
  for (const ElfPhdr &Load : Layout.Loads) {
    int Protection = initialProtection(Load);
    uintptr_t Start = Bias + pageDown(Load.p_vaddr, PageSize);
    uintptr_t FileEnd = Bias + Load.p_vaddr + Load.p_filesz;
    uintptr_t FilePagesEnd =
        Load.p_filesz == 0 ? Start : Bias + pageUp(Load.p_vaddr + Load.p_filesz, PageSize);
    uintptr_t End = Bias + pageUp(Load.p_vaddr + Load.p_memsz, PageSize);
    if (FilePagesEnd > Start &&
        mmap(reinterpret_cast<void *>(Start), FilePagesEnd - Start, Protection,
             MAP_PRIVATE | MAP_FIXED, Fd,
             static_cast<off_t>(pageDown(Load.p_offset, PageSize))) == MAP_FAILED)
      return systemError("cannot map the segment at " + hex(Load.p_vaddr), errno);
    if (Load.p_memsz == Load.p_filesz)
      continue;
    // The last file page goes on with whatever follows the segment in the
    // file, but the segment's memory past its file part must read as zero.
    if (FilePagesEnd > FileEnd)
      std::memset(reinterpret_cast<void *>(FileEnd), 0, FilePagesEnd - FileEnd);
    if (End > FilePagesEnd &&
        mmap(reinterpret_cast<void *>(FilePagesEnd), End - FilePagesEnd, Protection,
             MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
      return systemError("cannot map zero pages for the segment at " + hex(Load.p_vaddr), errno);
  }
  return {};
}

/// Gives each segment its final protection, and makes the RELRO region
/// read-only.
Result<void> protectSegments(const ElfLayout &Layout, uint64_t PageSize, uintptr_t Bias) {
  for (const ElfPhdr &Load : Layout.Loads) {
    int Final = finalProtection(Load);
    if (Final == initialProtection(Load))
      continue;
    uintptr_t Start = Bias + pageDown(Load.p_vaddr, PageSize);
    uintptr_t End = Bias + pageUp(Load.p_vaddr + Load.p_memsz, PageSize);
    if (mprotect(reinterpret_cast<void *>(Start), End - Start, Final) != 0)
      return systemError("cannot protect the segment at " + hex(Load.p_vaddr), errno);
  }
  if (!Layout.Relro)
    return {};
  // As the dynamic loader does, only the whole pages of the region become
  // read-only: a page it shares with data that stays writable stays writable.
  uintptr_t Start = Bias + pageDown(Layout.Relro->p_vaddr, PageSize);
  uintptr_t End = Bias + pageDown(Layout.Relro->p_vaddr + Layout.Relro->p_memsz, PageSize);
  if (End > Start && mprotect(reinterpret_cast<void *>(Start), End - Start, PROT_READ) != 0)
    return systemError("cannot make the RELRO region read-only", errno);
  return {};
}

uintptr_t addressOf(const ElfSym &Symbol, uintptr_t Bias) {
  return Symbol.st_shndx == SHN_ABS ? Symbol.st_value : Bias + Symbol.st_value;
}

/// Applies the relocations of one mapped image.
class Relocator {
public:
  Relocator(const std::string &Path, const ElfLayout &Layout, const ElfSymbolTable &Symbols,
            uintptr_t Bias, const SymbolResolver &Resolve)
      : Path(Path), Layout(Layout), Symbols(Symbols), Bias(Bias), Resolve(Resolve) {}

  /// Applies the Size bytes of RELA relocations at Table (an address of
  /// the object). The error names the path.
  Result<void> apply(uint64_t Table, uint64_t Size) const;

private:
  /// The value of a relocation that refers to a symbol, bound now.
  Result<uint64_t> symbolicValue(const ElfRela &Relocation) const;
  Result<uint64_t> symbolValue(uint32_t Index) const;

  const std::string &Path;
  const ElfLayout &Layout;
  const ElfSymbolTable &Symbols;
  uintptr_t Bias;
  const SymbolResolver &Resolve;
};

Result<void> Relocator::apply(uint64_t Table, uint64_t Size) const {
  const auto *Relocations = reinterpret_cast<const ElfRela *>(Bias + Table);
  const ElfPhdr *Target = nullptr;
  for (uint64_t K = 0; K < Size / sizeof(ElfRela); ++K) {
    const ElfRela &Relocation = Relocations[K];
    if (relocationType(Relocation.r_info) == HostElfMachine.None)
      continue;
    // Every relocation this loader applies writes a word, and only writable
    // segments may be written: text relocations are refused. The linker
    // sorts relocations by address, so most fall in the previous one's
    // segment, which is tried first.
    if (!Target || !ElfLayout::holds(*Target, Relocation.r_offset, sizeof(uintptr_t)))
      Target = Layout.segmentOf(Relocation.r_offset, sizeof(uintptr_t));
    if (!Target || !(Target->p_flags & PF_W))
      return Error(Path + ": relocation at " + hex(Relocation.r_offset) +
                   " is outside the writable segments");
    // B + A here; S + A in symbolicValue (ElfMachine.h). Relative
    // relocations are nearly all of them (one per entry of the function
    // table), so they take the short way.
    uintptr_t Value = Bias + static_cast<uintptr_t>(Relocation.r_addend);
    if (relocationType(Relocation.r_info) != HostElfMachine.Relative) {
      Result<uint64_t> Bound = symbolicValue(Relocation);
      if (!Bound)
        return Bound.error();
      Value = static_cast<uintptr_t>(*Bound);
    }
    std::memcpy(reinterpret_cast<void *>(Bias + Relocation.r_offset), &Value, sizeof Value);
  }
  return {};
}

Result<uint64_t> Relocator::symbolicValue(const ElfRela &Relocation) const {
  uint32_t Type = relocationType(Relocation.r_info);
  // Sign-extended: a 32-bit object's negative addend wraps like its address.
  uint64_t Addend = static_cast<uint64_t>(int64_t(Relocation.r_addend));
  if (!HostElfMachine.isSymbolic(Type))
    return Error(Path + ": unsupported relocation type " + std::to_string(Type) + " at " +
                 hex(Relocation.r_offset));
  Result<uint64_t> Symbol = symbolValue(relocationSymbol(Relocation.r_info));
  if (!Symbol)
    return Symbol.error();
  return *Symbol + Addend;
}

Result<uint64_t> Relocator::symbolValue(uint32_t Index) const {
  // Symbol 0 is no symbol, whose value is 0.
  if (Index == 0)
    return 0;
  if (Index >= Symbols.size())
    return Error(Path + ": relocation refers to symbol " + std::to_string(Index) +
                 ", but there are " + std::to_string(Symbols.size()));
  const ElfSym &Symbol = Symbols[Index];
  Result<const char *> Name = Symbols.name(Symbol);
  if (!Name)
    return Error(Path + ": " + Name.error().message());
  if (Symbol.st_shndx == SHN_UNDEF) {
    void *Address = Resolve ? Resolve(*Name) : nullptr;
    if (!Address)
      return Error("undefined symbol '" + std::string(*Name) + "' in " + Path);
    return reinterpret_cast<uint64_t>(Address);
  }
  switch (symbolType(Symbol.st_info)) {
  case STT_TLS:
    return Error(Path + ": symbol '" + *Name + "' is thread-local, and compiled code has no TLS");
  case STT_GNU_IFUNC:
    return Error(Path + ": symbol '" + *Name +
                 "' is an indirect function, whose resolver would have to run at load");
  default:
    return addressOf(Symbol, Bias);
  }
}

} // namespace

ElfImage::ElfImage(std::string Path) : Path(std::move(Path)) {}

Result<ElfImage> ElfImage::load(const std::string &Path, const SymbolResolver &Resolve) {
  auto Fail = [&](const Error &Why) { return Error(Path + ": " + Why.message()); };
  int Fd = open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return systemError("cannot open " + Path, errno);
  FileCloser Closer(Fd);
  struct stat Status;
  if (fstat(Fd, &Status) != 0)
    return systemError("cannot read " + Path, errno);
  // Only a regular file has a size that the checks can rely on. It must not
  // shrink while it is mapped (touching a page past its end would raise
  // SIGBUS): artifacts are replaced by renaming, never rewritten in place.
  if (!S_ISREG(Status.st_mode))
    return Error(Path + ": not a regular file");
  uint64_t PageSize = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  Result<ElfLayout> Layout = readElfLayout(Fd, static_cast<uint64_t>(Status.st_size), PageSize);
  if (!Layout)
    return Fail(Layout.error());

  // From here on, the destructor unmaps the reservation, with whatever was
  // mapped over it, on every failure.
  uint64_t Span = Layout->End - Layout->Begin;
  void *Reserved =
      mmap(nullptr, Span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (Reserved == MAP_FAILED)
    return systemError(
        Path + ": cannot reserve " + std::to_string(Span) + " bytes of address space", errno);
  ElfImage Image(Path);
  Image.Mapping = Reserved;
  Image.MappingSize = Span;
  Image.Bias = reinterpret_cast<uintptr_t>(Reserved) - Layout->Begin;
  uintptr_t Bias = Image.Bias;
  if (Result<void> Mapped = mapSegments(*Layout, Fd, PageSize, Bias); !Mapped)
    return Fail(Mapped.error());

  Result<ElfDynamic> Dynamic = readElfDynamic(*Layout, Bias);
  if (!Dynamic)
    return Fail(Dynamic.error());
  Result<ElfSymbolTable> Symbols = ElfSymbolTable::create(*Layout, *Dynamic, Bias);
  if (!Symbols)
    return Fail(Symbols.error());
  Relocator Relocate(Path, *Layout, *Symbols, Bias, Resolve);
  if (Result<void> Done = Relocate.apply(Dynamic->Rela, Dynamic->RelaSize); !Done)
    return Done.error();
  if (Result<void> Done = Relocate.apply(Dynamic->PltRela, Dynamic->PltRelaSize); !Done)
    return Done.error();
  if (Result<void> Protected = protectSegments(*Layout, PageSize, Bias); !Protected)
    return Fail(Protected.error());

  for (const ElfPhdr &Load : Layout->Loads) {
    AddressRange Range{Bias + Load.p_vaddr, Bias + Load.p_vaddr + Load.p_memsz};
    Image.Segments.push_back(Range);
    if (Load.p_flags & PF_X)
      Image.Code.push_back(Range);
    // Read-only data is what the file holds (writable segments may have been
    // relocated).
    if (!(Load.p_flags & PF_W))
      Image.FileBacked.push_back({{Range.Begin, Range.Begin + Load.p_filesz}, Load.p_offset});
  }
  Image.Symbols = std::make_unique<const ElfSymbolTable>(*Symbols);
  Image.Fd = Closer.release();
  return Image;
}

Result<void *> ElfImage::symbol(const char *Name) const {
  const ElfSym *Symbol = Symbols ? Symbols->find(Name) : nullptr;
  if (!Symbol)
    return Error("symbol '" + std::string(Name) + "' is not defined in " + Path);
  uintptr_t Address = addressOf(*Symbol, Bias);
  if (Symbol->st_shndx == SHN_ABS)
    return reinterpret_cast<void *>(Address);
  // Callers read through what they get: a symbol of a corrupt file must not
  // point outside the image.
  for (const AddressRange &Segment : Segments)
    if (Address >= Segment.Begin && Address <= Segment.End &&
        Symbol->st_size <= Segment.End - Address)
      return reinterpret_cast<void *>(Address);
  return Error(Path + ": symbol '" + Name + "' lies outside the loaded segments");
}

std::optional<uint64_t> ElfImage::fileOffset(const void *Address) const {
  auto Where = reinterpret_cast<uintptr_t>(Address);
  for (const FileRange &Range : FileBacked)
    if (Range.Memory.contains(Where))
      return Range.Offset + (Where - Range.Memory.Begin);
  return std::nullopt;
}

ElfImage::ElfImage(ElfImage &&Other) noexcept
    : Path(std::move(Other.Path)), Fd(std::exchange(Other.Fd, -1)),
      Mapping(std::exchange(Other.Mapping, nullptr)), MappingSize(Other.MappingSize),
      Segments(std::move(Other.Segments)), Code(std::move(Other.Code)),
      FileBacked(std::move(Other.FileBacked)), Bias(Other.Bias),
      Symbols(std::move(Other.Symbols)) {}

ElfImage &ElfImage::operator=(ElfImage &&Other) noexcept {
  if (this == &Other)
    return *this;
  unmap();
  Path = std::move(Other.Path);
  Fd = std::exchange(Other.Fd, -1);
  Mapping = std::exchange(Other.Mapping, nullptr);
  MappingSize = Other.MappingSize;
  Segments = std::move(Other.Segments);
  Code = std::move(Other.Code);
  FileBacked = std::move(Other.FileBacked);
  Bias = Other.Bias;
  Symbols = std::move(Other.Symbols);
  return *this;
}

ElfImage::~ElfImage() { unmap(); }

void ElfImage::unmap() {
  // One munmap of the reservation removes every segment mapped over it. It
  // fails only for arguments that are not a mapping, and a destructor has no
  // caller to report that to.
  if (Mapping)
    munmap(Mapping, MappingSize);
  Mapping = nullptr;
  if (Fd >= 0)
    close(Fd);
  Fd = -1;
}

} // namespace wasmaot::runtime
