//===- cli/ModuleInput.h - Reading the module a command works on -----------===//
#pragma once

#include "support/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::cli {

/// A module's bytes: the file mapped into memory (no copy, which matters for
/// modules of tens of megabytes on the warm path), or read into a buffer.
class ModuleBytes {
public:
  ModuleBytes() = default;
  explicit ModuleBytes(std::vector<uint8_t> Buffer) : Buffer(std::move(Buffer)) {}
  ModuleBytes(ModuleBytes &&Other) noexcept;
  ModuleBytes &operator=(ModuleBytes &&Other) noexcept;
  ModuleBytes(const ModuleBytes &) = delete;
  ModuleBytes &operator=(const ModuleBytes &) = delete;
  ~ModuleBytes();

  /// Maps the file at Path; an empty file gives no bytes.
  static runtime::Result<ModuleBytes> map(const std::string &Path);

  /// The identity of the file the bytes were mapped from (its device, inode,
  /// size, modification and change times, see ObjectCache::moduleDigest);
  /// "" for bytes read from a pipe or assembled from text.
  const std::string &identity() const { return Identity; }

  std::span<const uint8_t> bytes() const {
    return Mapped ? std::span<const uint8_t>(Mapped, MappedSize)
                  : std::span<const uint8_t>(Buffer);
  }

private:
  const uint8_t *Mapped = nullptr;
  size_t MappedSize = 0;
  std::vector<uint8_t> Buffer;
  std::string Identity;
};

/// The binary module in the file at Path ("-" for stdin). A text module
/// (.wat) is assembled by the compiler first. Errors are ready to print.
runtime::Result<ModuleBytes> readModule(const std::string &Path);

} // namespace wasmaot::cli
