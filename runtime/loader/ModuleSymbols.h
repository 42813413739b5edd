//===- loader/ModuleSymbols.h - A compiled module from its symbols ---------===//
//
// The symbols that lowering emits for a module (compiler/lowering/
// ModuleLowering.h), wherever they are in memory, checked and turned into a
// CompiledModule. Compiled executables use this alone, on symbols linked
// into themselves; loadCompiledModule (ArtifactLoader.h) on the symbols of a
// loaded shared object. Kept apart from the loader so that executables do
// not carry an ELF loader they never use.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "support/Result.h"

#include <cstdint>
#include <memory>

namespace wasmaot::runtime {

struct ModuleSymbols {
  const uint8_t *Info;
  uint64_t InfoSize;
  void *const *Code;
  CallWrapper *const *Wrappers;
  void *const *HostThunks;
  const char *Artifact;
  uint64_t ArtifactSize;
  /// wasmaot_frame_table (module/FrameTable.h), if the artifact has one.
  const uint8_t *FrameTable = nullptr;
  uint64_t FrameTableSize = 0;
  /// wasmaot_memory_image; its size is the module information's. With the
  /// file it is mapped from, if the loader knows it.
  const uint8_t *MemoryImage = nullptr;
  int MemoryImageFd = -1;
  uint64_t MemoryImageFileOffset = 0;
};

/// Checks that the artifact information fits this runtime and this CPU,
/// and reads the module information. Owner keeps the memory that Symbols
/// point into alive for as long as the module.
Result<std::shared_ptr<const CompiledModule>>
makeCompiledModule(const ModuleSymbols &Symbols, std::shared_ptr<void> Owner = nullptr);

} // namespace wasmaot::runtime
