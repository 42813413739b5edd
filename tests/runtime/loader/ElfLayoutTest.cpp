//===- tests/runtime/loader/ElfLayoutTest.cpp ------------------------------===//
//
// The checks of the ELF header and program headers, on files made up here
// one header at a time: each rule of readElfLayout broken on its own.
// ElfImageTest covers whole objects from the linker.
//
//===----------------------------------------------------------------------===//
#include "loader/ElfLayout.h"

#include <catch2/catch.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <vector>

using namespace wasmaot::runtime;

namespace {

constexpr uint64_t PageSize = 4096;
constexpr uint64_t FileSize = 0x4000;

Elf64_Phdr segment(Elf64_Word Type, Elf64_Word Flags, uint64_t Offset, uint64_t Address,
                   uint64_t FileBytes, uint64_t MemoryBytes) {
  Elf64_Phdr Header{};
  Header.p_type = Type;
  Header.p_flags = Flags;
  Header.p_offset = Offset;
  Header.p_vaddr = Header.p_paddr = Address;
  Header.p_filesz = FileBytes;
  Header.p_memsz = MemoryBytes;
  Header.p_align = PageSize;
  return Header;
}

/// A shared object's headers as the linker lays them out: read-only data,
/// code, and data whose start (the dynamic section) is RELRO, then .bss.
std::vector<Elf64_Phdr> validSegments() {
  return {segment(PT_LOAD, PF_R, 0, 0, 0x800, 0x800),
          segment(PT_LOAD, PF_R | PF_X, 0x800, 0x1800, 0x800, 0x800),
          segment(PT_LOAD, PF_R | PF_W, 0x1000, 0x3000, 0x200, 0x1800),
          segment(PT_DYNAMIC, PF_R | PF_W, 0x1000, 0x3000, 0x100, 0x100),
          segment(PT_GNU_RELRO, PF_R, 0x1000, 0x3000, 0x100, 0x1000),
          segment(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0)};
}

Elf64_Ehdr validHeader(size_t Segments) {
  Elf64_Ehdr Header{};
  std::memcpy(Header.e_ident, ELFMAG, SELFMAG);
  Header.e_ident[EI_CLASS] = ELFCLASS64;
  Header.e_ident[EI_DATA] = ELFDATA2LSB;
  Header.e_ident[EI_VERSION] = EV_CURRENT;
  Header.e_type = ET_DYN;
  Header.e_machine = EM_X86_64;
  Header.e_version = EV_CURRENT;
  Header.e_phoff = sizeof(Elf64_Ehdr);
  Header.e_ehsize = sizeof(Elf64_Ehdr);
  Header.e_phentsize = sizeof(Elf64_Phdr);
  Header.e_phnum = static_cast<Elf64_Half>(Segments);
  return Header;
}

/// readElfLayout on a file of FileSize bytes holding Header and Segments.
Result<ElfLayout> layoutOf(const Elf64_Ehdr &Header, const std::vector<Elf64_Phdr> &Segments) {
  int Fd = memfd_create("elf-layout-test", MFD_CLOEXEC);
  REQUIRE(Fd >= 0);
  REQUIRE(ftruncate(Fd, FileSize) == 0);
  REQUIRE(pwrite(Fd, &Header, sizeof Header, 0) == sizeof Header);
  size_t Bytes = Segments.size() * sizeof(Elf64_Phdr);
  REQUIRE(pwrite(Fd, Segments.data(), Bytes, sizeof Header) == static_cast<ssize_t>(Bytes));
  Result<ElfLayout> Layout = readElfLayout(Fd, FileSize, PageSize);
  close(Fd);
  return Layout;
}

Result<ElfLayout> layoutOf(const std::vector<Elf64_Phdr> &Segments) {
  return layoutOf(validHeader(Segments.size()), Segments);
}

std::string errorOf(const std::vector<Elf64_Phdr> &Segments) {
  Result<ElfLayout> Layout = layoutOf(Segments);
  REQUIRE_FALSE(Layout);
  return Layout.error().message();
}

} // namespace

TEST_CASE("a linker's layout is accepted as it is", "[loader]") {
  Result<ElfLayout> Layout = layoutOf(validSegments());
  if (!Layout) {
    FAIL(Layout.error().message());
  }
  CHECK(Layout->Loads.size() == 3);
  CHECK(Layout->Begin == 0);
  CHECK(Layout->End == 0x5000);
  CHECK(Layout->Dynamic.p_vaddr == 0x3000);
  REQUIRE(Layout->Relro);
  CHECK(Layout->Relro->p_memsz == 0x1000);

  // An address belongs to the segment it is in, even where another ends.
  std::vector<Elf64_Phdr> Adjacent = {segment(PT_LOAD, PF_R, 0, 0, 0x1000, 0x1000),
                                      segment(PT_LOAD, PF_R | PF_W, 0x1000, 0x1000, 0x100, 0x100),
                                      segment(PT_DYNAMIC, PF_R, 0x1000, 0x1000, 0x10, 0x10)};
  Result<ElfLayout> Touching = layoutOf(Adjacent);
  REQUIRE(Touching);
  CHECK(Touching->segmentOf(0x1000, 0) == &Touching->Loads[1]);
  CHECK(Touching->segmentOf(0xff8, 8) == &Touching->Loads[0]);
  CHECK(Touching->segmentOf(0xff8, 9) == nullptr);
  CHECK(Touching->segmentOf(0x1100, 0) == nullptr);
}

TEST_CASE("headers that do not describe a shared object for this machine are refused", "[loader]") {
  Elf64_Ehdr Header = validHeader(validSegments().size());
  Header.e_phentsize = 32;
  Result<ElfLayout> WrongSize = layoutOf(Header, validSegments());
  REQUIRE_FALSE(WrongSize);
  CHECK(WrongSize.error().message() == "program header size 32, expected 56");

  Header = validHeader(100);
  Result<ElfLayout> TooMany = layoutOf(Header, validSegments());
  REQUIRE_FALSE(TooMany);
  CHECK(TooMany.error().message() == "100 program headers, at most 64 are supported");

  Header = validHeader(0);
  Result<ElfLayout> None = layoutOf(Header, {});
  REQUIRE_FALSE(None);
  CHECK(None.error().message() == "no program headers");

  Header = validHeader(validSegments().size());
  Header.e_phoff = FileSize - 8;
  Result<ElfLayout> PastEnd = layoutOf(Header, validSegments());
  REQUIRE_FALSE(PastEnd);
  CHECK(PastEnd.error().message() == "program headers end past the end of the file (truncated?)");

  Header = validHeader(validSegments().size());
  Header.e_version = 2;
  Result<ElfLayout> Version = layoutOf(Header, validSegments());
  REQUIRE_FALSE(Version);
  CHECK(Version.error().message() == "unknown ELF version");
}

TEST_CASE("segments that cannot be mapped as they are are refused", "[loader]") {
  std::vector<Elf64_Phdr> Segments = validSegments();
  Segments[1].p_filesz = 0x900;
  CHECK(errorOf(Segments) == "program header 1: file size 0x900 exceeds memory size 0x800");

  Segments = validSegments();
  Segments[2].p_filesz = Segments[2].p_memsz = FileSize;
  CHECK(errorOf(Segments) ==
        "program header 2: segment ends past the end of the file (truncated?)");

  Segments = validSegments();
  Segments[2].p_vaddr = 0x3010;
  CHECK(errorOf(Segments) ==
        "program header 2: file offset 0x1000 and address 0x3010 differ modulo the page size");

  Segments = validSegments();
  Segments[2].p_vaddr = uint64_t(1) << 50;
  CHECK(errorOf(Segments) == "program header 2: addresses out of range");
  Segments[2].p_vaddr = 0x3000;
  Segments[2].p_memsz = UINT64_MAX - 0x1000;
  CHECK(errorOf(Segments) == "program header 2: addresses out of range");

  // Two segments on one page, or out of order, would be mapped over each
  // other.
  Segments = validSegments();
  Segments[1].p_vaddr = 0x800;
  CHECK(errorOf(Segments) ==
        "program header 1: segment overlaps program header 0 or is out of address order");
  Segments = validSegments();
  std::swap(Segments[0], Segments[1]);
  CHECK(errorOf(Segments) ==
        "program header 1: segment overlaps program header 0 or is out of address order");

  Segments = validSegments();
  Segments[1].p_flags = PF_R | PF_W | PF_X;
  CHECK(errorOf(Segments) == "program header 1: segment is both writable and executable");
  Segments[1].p_flags = PF_X;
  CHECK(errorOf(Segments) == "program header 1: segment is not readable");
  Segments[1].p_flags = 0;
  CHECK(errorOf(Segments) == "program header 1: segment is not readable");
}

TEST_CASE("what compiled code never has is refused", "[loader]") {
  std::vector<Elf64_Phdr> Segments = validSegments();
  Segments.push_back(segment(PT_INTERP, PF_R, 0x100, 0x100, 0x10, 0x10));
  CHECK(errorOf(Segments) == "is a program with an interpreter (PT_INTERP), not a shared object");

  Segments = validSegments();
  Segments.push_back(segment(PT_TLS, PF_R, 0x1000, 0x3000, 0x10, 0x10));
  CHECK(errorOf(Segments) == "uses thread-local storage (PT_TLS), which compiled code does not");

  Segments = validSegments();
  Segments[5].p_flags |= PF_X;
  CHECK(errorOf(Segments) ==
        "asks for an executable stack (PT_GNU_STACK), which compiled code does not need");

  Segments = validSegments();
  Segments.erase(Segments.begin() + 3);
  CHECK(errorOf(Segments) == "no dynamic section (PT_DYNAMIC)");

  Segments = validSegments();
  Segments.push_back(Segments[3]);
  CHECK(errorOf(Segments) == "more than one dynamic section");

  Segments = validSegments();
  Segments[3].p_vaddr = 0x3180;
  CHECK(errorOf(Segments) == "dynamic section is not inside a loaded segment");

  Segments = validSegments();
  Segments[4].p_vaddr = 0x1800;
  CHECK(errorOf(Segments) == "RELRO region is not inside a writable segment");
  Segments = validSegments();
  Segments[4].p_memsz = 0x2001;
  CHECK(errorOf(Segments) == "RELRO region is not inside a writable segment");

  Segments = {segment(PT_DYNAMIC, PF_R, 0, 0, 0x10, 0x10)};
  CHECK(errorOf(Segments) == "no loadable segments");
}
