//===- loader/ArtifactLoader.cpp - Loading a compiled module ---------------===//
#include "loader/ArtifactLoader.h"
#include "loader/ElfImage.h"
#include "loader/ModuleSymbols.h"
#include "loader/RuntimeSymbols.h"
#include "traps/CodeRegions.h"

#include <iterator>
#include <vector>

namespace wasmaot::runtime {

namespace {

/// A loaded artifact and the registration of its code; members are destroyed
/// in reverse order, so the code is unregistered before it is unmapped.
struct LoadedCode {
  explicit LoadedCode(ElfImage Image) : Image(std::move(Image)) {}
  ElfImage Image;
  std::vector<CodeRegion> Regions;
};

} // namespace

Result<std::shared_ptr<const CompiledModule>> loadCompiledModule(const std::string &Path) {
  Result<ElfImage> Image = ElfImage::load(Path, resolveRuntimeSymbol);
  if (!Image)
    return Image.error();
  auto Fail = [&](const std::string &Why) { return Error(Path + ": " + Why); };

  Result<void *> Abi = Image->symbol("wasmaot_abi_version");
  if (!Abi)
    return Fail("not a wasmaot artifact (no wasmaot_abi_version)");
  if (uint32_t V = *static_cast<const uint32_t *>(*Abi); V != WASMAOT_ABI_VERSION)
    return Fail("built for runtime ABI version " + std::to_string(V) +
                ", this runtime has version " + std::to_string(WASMAOT_ABI_VERSION));

  const char *Names[] = {"wasmaot_module_info",   "wasmaot_module_info_size",
                         "wasmaot_function_table", "wasmaot_call_wrappers",
                         "wasmaot_host_thunks",    "wasmaot_artifact_info",
                         "wasmaot_artifact_info_size"};
  void *Found[std::size(Names)];
  for (size_t K = 0; K < std::size(Names); ++K) {
    Result<void *> Symbol = Image->symbol(Names[K]);
    if (!Symbol)
      return Fail(std::string("incomplete wasmaot artifact (no ") + Names[K] + ")");
    Found[K] = *Symbol;
  }
  ModuleSymbols Symbols{static_cast<const uint8_t *>(Found[0]),
                        *static_cast<const uint64_t *>(Found[1]),
                        static_cast<void *const *>(Found[2]),
                        static_cast<CallWrapper *const *>(Found[3]),
                        static_cast<void *const *>(Found[4]),
                        static_cast<const char *>(Found[5]),
                        *static_cast<const uint64_t *>(Found[6])};
  // Optional: artifacts linked without it still run, with plainer backtraces.
  Result<void *> Table = Image->symbol("wasmaot_frame_table");
  Result<void *> TableSize = Image->symbol("wasmaot_frame_table_size");
  if (Table && TableSize) {
    Symbols.FrameTable = static_cast<const uint8_t *>(*Table);
    Symbols.FrameTableSize = *static_cast<const uint64_t *>(*TableSize);
  }
  // Mapped from the artifact's file, which the image keeps open.
  if (Result<void *> MemoryImage = Image->symbol("wasmaot_memory_image")) {
    Symbols.MemoryImage = static_cast<const uint8_t *>(*MemoryImage);
    if (std::optional<uint64_t> Offset = Image->fileOffset(*MemoryImage)) {
      Symbols.MemoryImageFd = Image->file();
      Symbols.MemoryImageFileOffset = *Offset;
    }
  }
  // The module's code, and its data segments, are in the image: it stays
  // mapped as long as the CompiledModule, and its code is known to the
  // signal handler as wasm code that long (unregistered before unmapping).
  auto Owner = std::make_shared<LoadedCode>(std::move(*Image));
  for (const AddressRange &Range : Owner->Image.codeRanges()) {
    Result<CodeRegion> Region = CodeRegion::add(reinterpret_cast<const void *>(Range.Begin),
                                                reinterpret_cast<const void *>(Range.End));
    if (!Region)
      return Fail(Region.error().message());
    Owner->Regions.push_back(std::move(*Region));
  }
  Result<std::shared_ptr<const CompiledModule>> Module = makeCompiledModule(Symbols, Owner);
  if (!Module)
    return Error(Path + ": " + Module.error().message(), Module.error().kind());
  return Module;
}

} // namespace wasmaot::runtime
