//===- instance/CompiledModule.h - Native code plus what describes it ------===//
//
// A module ready to instantiate: its ModuleInfo, the native entry of every
// defined function, and one call wrapper and one host thunk per type index
// (the symbols that
// lowering emits, see compiler/lowering/ModuleLowering.h). Where the code
// comes from (a loaded artifact, an executable it was linked into) is the
// loader's business; Owner keeps it mapped for as long as the module lives.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "module/ArtifactInfo.h"
#include "module/ModuleInfo.h"
#include "wasmaot/abi.h"

#include <memory>
#include <span>
#include <vector>

namespace wasmaot::runtime {

/// void wrapper(code, vmctx, slots): calls code(vmctx, params...) with the
/// parameters read from 16-byte slots and writes the results over them.
using CallWrapper = void(void *Code, wasmaot_vmctx *Vmctx, void *Slots);

/// One argument or result of a call through a CallWrapper.
struct alignas(16) Slot {
  uint8_t Bytes[16] = {};
};

/// Where memory 0's image (ModuleInfo::MemoryImage) is: its bytes, and, when
/// the loader knows, the file they are mapped from, so that a memory can map
/// them copy-on-write instead of copying them (LinearMemory::loadImage).
struct MemoryImageSource {
  std::span<const uint8_t> Bytes;
  int Fd = -1; // open as long as the module lives; -1: copy the bytes
  uint64_t FileOffset = 0;
};

/// The code a module's symbols point to: per defined function, and per type
/// index.
struct ModuleCode {
  std::vector<void *> Functions;
  std::vector<CallWrapper *> Wrappers;
  /// Wasm code calling a host function whose funcref it gets as its vmctx
  /// (abi.h, WASMAOT_FUNCREF_HOST).
  std::vector<void *> HostThunks;
};

class CompiledModule {
public:
  CompiledModule(ModuleInfo Info, ModuleCode Code, ArtifactInfo Artifact = {},
                 std::shared_ptr<void> Owner = nullptr)
      : Info(std::move(Info)), Code(std::move(Code)), Artifact(std::move(Artifact)),
        Owner(std::move(Owner)) {}

  const ModuleInfo &info() const { return Info; }
  /// What the code was built for; its bounds-check strategy is the one its
  /// memories must be created for.
  const ArtifactInfo &artifact() const { return Artifact; }
  /// The native entry of function FuncIndex, which must be a defined one.
  void *code(uint32_t FuncIndex) const {
    return Code.Functions[FuncIndex - Info.NumImportedFuncs];
  }
  CallWrapper *wrapper(uint32_t TypeIndex) const { return Code.Wrappers[TypeIndex]; }
  void *hostThunk(uint32_t TypeIndex) const { return Code.HostThunks[TypeIndex]; }
  /// Which wasm frames each code address stands for (module/FrameTable.h);
  /// empty if the artifact has no table.
  std::span<const uint8_t> frameTable() const { return FrameTable; }
  void setFrameTable(std::span<const uint8_t> Table) { FrameTable = Table; }
  /// Memory 0's image, if ModuleInfo::MemoryImage says there is one.
  const MemoryImageSource &memoryImage() const { return Image; }
  void setMemoryImage(const MemoryImageSource &Source) { Image = Source; }

private:
  ModuleInfo Info;
  ModuleCode Code;
  ArtifactInfo Artifact;
  std::shared_ptr<void> Owner;
  std::span<const uint8_t> FrameTable;
  MemoryImageSource Image;
};

} // namespace wasmaot::runtime
