//===- loader/ElfLayout.cpp ------------------------------------------------===//
//
// Every field is checked before it is used in arithmetic. Sizes are compared
// with what is left rather than added to offsets, so that no sum can wrap.
//
//===----------------------------------------------------------------------===//
#include "loader/ElfLayout.h"
#include "loader/ElfMachine.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wasmaot::runtime {
namespace {

constexpr ElfHalf HostMachine = HostElfMachine.Machine;

/// Far above any address a linked shared object uses, and far enough below
/// 2^64 that an address plus a size computed from 32-bit counts of the file
/// (such as a hash table's) cannot wrap.
constexpr uint64_t MaxAddress = uint64_t(1) << 40;

/// Far more than the handful of program headers a linked shared object has,
/// and few enough that reading them costs nothing.
constexpr ElfHalf MaxProgramHeaders = 64;

std::string segmentName(size_t Index) { return "program header " + std::to_string(Index); }

/// Reads exactly Size bytes at Offset; the file was checked to hold them, so
/// a short read means it changed under us.
Result<void> readExactly(int Fd, void *Buffer, size_t Size, uint64_t Offset) {
  size_t Done = 0;
  while (Done < Size) {
    ssize_t N = pread(Fd, static_cast<char *>(Buffer) + Done, Size - Done,
                      static_cast<off_t>(Offset + Done));
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return systemError("cannot read", errno);
    if (N == 0)
      return Error("unexpected end of file at offset " + std::to_string(Offset + Done));
    Done += static_cast<size_t>(N);
  }
  return {};
}

Result<ElfEhdr> readHeader(int Fd, uint64_t FileSize) {
  ElfEhdr Header{};
  if (FileSize < SELFMAG)
    return Error("not an ELF file (" + std::to_string(FileSize) + " bytes)");
  if (Result<void> Read = readExactly(Fd, &Header, std::min<uint64_t>(FileSize, sizeof Header), 0);
      !Read)
    return Read.error();
  if (std::memcmp(Header.e_ident, ELFMAG, SELFMAG) != 0)
    return Error("not an ELF file");
  if (FileSize < sizeof Header)
    return Error("truncated ELF header (" + std::to_string(FileSize) + " bytes)");
  if (Header.e_ident[EI_CLASS] != HostElfClass)
    return Error(HostElfClass == ELFCLASS64 ? "not a 64-bit ELF file" : "not a 32-bit ELF file");
  if (Header.e_ident[EI_DATA] != ELFDATA2LSB)
    return Error("not a little-endian ELF file");
  if (Header.e_ident[EI_VERSION] != EV_CURRENT || Header.e_version != EV_CURRENT)
    return Error("unknown ELF version");
  if (Header.e_type != ET_DYN)
    return Error("not a shared object (ELF type " + std::to_string(Header.e_type) + ")");
  if (Header.e_machine != HostMachine)
    return Error("built for ELF machine " + std::to_string(Header.e_machine) +
                 ", this is machine " + std::to_string(HostMachine));
  if (Header.e_phentsize != sizeof(ElfPhdr))
    return Error("program header size " + std::to_string(Header.e_phentsize) + ", expected " +
                 std::to_string(sizeof(ElfPhdr)));
  if (Header.e_phnum == 0)
    return Error("no program headers");
  if (Header.e_phnum > MaxProgramHeaders)
    return Error(std::to_string(Header.e_phnum) + " program headers, at most " +
                 std::to_string(MaxProgramHeaders) + " are supported");
  uint64_t TableSize = uint64_t(Header.e_phnum) * sizeof(ElfPhdr);
  if (Header.e_phoff > FileSize || TableSize > FileSize - Header.e_phoff)
    return Error("program headers end past the end of the file (truncated?)");
  return Header;
}

/// Checks one PT_LOAD on its own: inside the file, addresses that can be
/// rounded up to a page without wrapping, mappable from its file offset.
Result<void> checkLoad(const ElfPhdr &Load, size_t Index, uint64_t FileSize, uint64_t PageSize) {
  std::string Name = segmentName(Index);
  if (Load.p_filesz > Load.p_memsz)
    return Error(Name + ": file size " + hex(Load.p_filesz) + " exceeds memory size " +
                 hex(Load.p_memsz));
  if (Load.p_offset > FileSize || Load.p_filesz > FileSize - Load.p_offset)
    return Error(Name + ": segment ends past the end of the file (truncated?)");
  if (uint64_t(Load.p_vaddr) > MaxAddress || Load.p_memsz > MaxAddress - Load.p_vaddr)
    return Error(Name + ": addresses out of range");
  // A page is mapped from the file at a page-aligned offset, so the segment's
  // place in its page must be the same in the file and in memory.
  if (Load.p_offset % PageSize != Load.p_vaddr % PageSize)
    return Error(Name + ": file offset " + hex(Load.p_offset) + " and address " +
                 hex(Load.p_vaddr) + " differ modulo the page size");
  if ((Load.p_flags & PF_W) && (Load.p_flags & PF_X))
    return Error(Name + ": segment is both writable and executable");
  // The loader reads its tables, and callers read symbols, from wherever the
  // file puts them: every segment must be readable, as the linker makes them.
  if (!(Load.p_flags & PF_R))
    return Error(Name + ": segment is not readable");
  return {};
}

/// Region lies in the pages of one writable loaded segment. The linker
/// extends PT_GNU_RELRO to the end of its last page, past the segment's end.
bool isInsideWritablePages(const ElfLayout &Layout, const ElfPhdr &Region, uint64_t PageSize) {
  const ElfPhdr *Holder = Layout.segmentOf(Region.p_vaddr, 0);
  if (!Holder || !(Holder->p_flags & PF_W))
    return false;
  uint64_t PagesEnd = pageUp(Holder->p_vaddr + Holder->p_memsz, PageSize);
  return Region.p_memsz <= PagesEnd - Region.p_vaddr;
}

/// Checks what needs all the program headers: segments in address order on
/// pages of their own, a dynamic section and RELRO inside loaded memory.
Result<void> checkPlacement(ElfLayout &Layout, const std::vector<size_t> &LoadIndices,
                            uint64_t PageSize) {
  if (Layout.Loads.empty())
    return Error("no loadable segments");
  for (size_t K = 1; K < Layout.Loads.size(); ++K) {
    const ElfPhdr &Previous = Layout.Loads[K - 1];
    // Segments are mapped page by page, so two may not share a page.
    if (pageDown(Layout.Loads[K].p_vaddr, PageSize) <
        pageUp(Previous.p_vaddr + Previous.p_memsz, PageSize))
      return Error(segmentName(LoadIndices[K]) + ": segment overlaps " +
                   segmentName(LoadIndices[K - 1]) + " or is out of address order");
  }
  const ElfPhdr &Last = Layout.Loads.back();
  Layout.Begin = pageDown(Layout.Loads.front().p_vaddr, PageSize);
  Layout.End = pageUp(Last.p_vaddr + Last.p_memsz, PageSize);

  const ElfPhdr &Dynamic = Layout.Dynamic;
  const ElfPhdr *Holder = Layout.segmentOf(Dynamic.p_vaddr, Dynamic.p_memsz);
  if (!Holder || Dynamic.p_vaddr + Dynamic.p_memsz > Holder->p_vaddr + Holder->p_filesz)
    return Error("dynamic section is not inside a loaded segment");
  if (Dynamic.p_vaddr % alignof(ElfDyn) != 0 || Dynamic.p_memsz % sizeof(ElfDyn) != 0)
    return Error("misaligned dynamic section");
  if (Layout.Relro && !isInsideWritablePages(Layout, *Layout.Relro, PageSize))
    return Error("RELRO region is not inside a writable segment");
  return {};
}

} // namespace

std::string hex(uint64_t Value) {
  char Text[19];
  snprintf(Text, sizeof Text, "0x%llx", static_cast<unsigned long long>(Value));
  return Text;
}

const ElfPhdr *ElfLayout::segmentOf(uint64_t Address, uint64_t Size) const {
  for (const ElfPhdr &Load : Loads)
    if (holds(Load, Address, Size))
      return &Load;
  return nullptr;
}

Result<ElfLayout> readElfLayout(int Fd, uint64_t FileSize, uint64_t PageSize) {
  Result<ElfEhdr> Header = readHeader(Fd, FileSize);
  if (!Header)
    return Header.error();
  std::vector<ElfPhdr> Headers(Header->e_phnum);
  if (Result<void> Read =
          readExactly(Fd, Headers.data(), Headers.size() * sizeof(ElfPhdr), Header->e_phoff);
      !Read)
    return Read.error();

  ElfLayout Layout;
  std::vector<size_t> LoadIndices;
  bool HasDynamic = false;
  for (size_t K = 0; K < Headers.size(); ++K) {
    const ElfPhdr &Segment = Headers[K];
    switch (Segment.p_type) {
    case PT_LOAD:
      if (Result<void> Valid = checkLoad(Segment, K, FileSize, PageSize); !Valid)
        return Valid.error();
      // An empty segment needs no memory; mapping it would only get in the way.
      if (Segment.p_memsz == 0)
        break;
      Layout.Loads.push_back(Segment);
      LoadIndices.push_back(K);
      break;
    case PT_DYNAMIC:
      if (HasDynamic)
        return Error("more than one dynamic section");
      Layout.Dynamic = Segment;
      HasDynamic = true;
      break;
    case PT_GNU_RELRO:
      if (Layout.Relro)
        return Error("more than one RELRO region");
      Layout.Relro = Segment;
      break;
    // Compiled code needs none of these: refuse rather than load something
    // that cannot work without them.
    case PT_INTERP:
      return Error("is a program with an interpreter (PT_INTERP), not a shared object");
    case PT_TLS:
      return Error("uses thread-local storage (PT_TLS), which compiled code does not");
    case PT_GNU_STACK:
      if (Segment.p_flags & PF_X)
        return Error("asks for an executable stack (PT_GNU_STACK), which compiled code "
                     "does not need");
      break;
    default:
      // PT_PHDR, PT_NOTE, PT_GNU_EH_FRAME and the like describe the file, and
      // loading needs none of them.
      break;
    }
  }
  if (!HasDynamic)
    return Error("no dynamic section (PT_DYNAMIC)");
  if (Result<void> Placed = checkPlacement(Layout, LoadIndices, PageSize); !Placed)
    return Placed.error();
  return Layout;
}

} // namespace wasmaot::runtime
