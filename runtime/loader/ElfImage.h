//===- loader/ElfImage.h - A compiled shared object, loaded ----------------===//
//
// Maps a shared object produced by our own lld invocation (link/Linker.h)
// into this process and binds it, without the dynamic loader: `wasmaot` is
// to be linked statically, where dlopen is not available. It loads exactly
// what such objects contain, PT_LOAD segments, RELA relocations and
// dynamic symbols found through DT_GNU_HASH, and refuses everything else
// (needed libraries, initializers, thread-local storage) with an error, as
// it does any malformed file: bad input is an Error, never a crash.
//
// Every relocation is applied at load: an undefined symbol fails the load,
// not the first call. References to symbols the object defines bind to its
// own definitions, and its symbols are visible to nothing else, so objects
// defining the same names coexist. Nothing in the object runs while it is
// loaded.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::runtime {

// Kept out of this header, which would otherwise bring <elf.h> and its
// macros to every user (they clash with LLVM's ELF definitions).
class ElfSymbolTable;

/// The address of the symbol Name that a loaded object needs but does not
/// define, or null if there is no such symbol.
using SymbolResolver = std::function<void *(const char *Name)>;

/// The addresses [Begin, End).
struct AddressRange {
  uintptr_t Begin = 0;
  uintptr_t End = 0;

  bool contains(uintptr_t Address) const { return Address >= Begin && Address < End; }
};

class ElfImage {
public:
  /// Maps, relocates and protects the shared object at Path, resolving
  /// the symbols it does not define with Resolve, which may be empty for an
  /// object that has none. Errors name Path.
  static Result<ElfImage> load(const std::string &Path, const SymbolResolver &Resolve);

  ElfImage(ElfImage &&Other) noexcept;
  ElfImage &operator=(ElfImage &&Other) noexcept;
  ElfImage(const ElfImage &) = delete;
  ElfImage &operator=(const ElfImage &) = delete;
  /// Unmaps the object: no address obtained from it may be used afterwards.
  ~ElfImage();

  /// The address of the symbol Name that the object defines for others: a
  /// global or weak function, object or untyped symbol.
  Result<void *> symbol(const char *Name) const;

  /// symbol() as a pointer to a function of type Fn, e.g. int(int, int).
  template <typename Fn> Result<Fn *> function(const char *Name) const {
    Result<void *> Address = symbol(Name);
    if (!Address)
      return Address.error();
    return reinterpret_cast<Fn *>(*Address);
  }

  /// The executable parts of the image: a fault whose instruction lies in
  /// one of them is a fault of the object's code.
  std::span<const AddressRange> codeRanges() const { return Code; }

  const std::string &path() const { return Path; }

  /// The object's file, open as long as the image: parts of it can be
  /// mapped again elsewhere (a memory image, LinearMemory::loadImage).
  int file() const { return Fd; }
  /// Where the byte at Address is in the file, if Address lies in the part
  /// of a read-only segment that is mapped from the file.
  std::optional<uint64_t> fileOffset(const void *Address) const;

private:
  explicit ElfImage(std::string Path);
  void unmap();

  std::string Path;
  int Fd = -1;
  /// The reservation that holds every segment; unmapping it unloads them.
  void *Mapping = nullptr;
  size_t MappingSize = 0;
  /// The loaded segments, where the image's symbols must point.
  std::vector<AddressRange> Segments;
  std::vector<AddressRange> Code;
  /// The read-only segments' file contents, and where they are in the file.
  struct FileRange {
    AddressRange Memory;
    uint64_t Offset;
  };
  std::vector<FileRange> FileBacked;
  /// What is added to an address of the object to find it in memory.
  uintptr_t Bias = 0;
  std::unique_ptr<const ElfSymbolTable> Symbols;
};

} // namespace wasmaot::runtime
