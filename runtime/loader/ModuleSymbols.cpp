//===- loader/ModuleSymbols.cpp --------------------------------------------===//
#include "loader/ModuleSymbols.h"

namespace wasmaot::runtime {

Result<std::shared_ptr<const CompiledModule>>
makeCompiledModule(const ModuleSymbols &Symbols, std::shared_ptr<void> Owner) {
  Result<ArtifactInfo> Artifact =
      ArtifactInfo::parse(std::string_view(Symbols.Artifact, Symbols.ArtifactSize));
  if (!Artifact)
    return Artifact.error();
  if (Result<void> Fits = Artifact->checkHost(); !Fits)
    return Error("cannot run it here: " + Fits.error().message(), Error::WrongHost);
  Result<ModuleInfo> Info = ModuleInfo::deserialize({Symbols.Info, size_t(Symbols.InfoSize)});
  if (!Info)
    return Info.error();
  size_t Types = Info->Types.size();
  ModuleCode Code{
      {Symbols.Code, Symbols.Code + (Info->FuncTypes.size() - Info->NumImportedFuncs)},
      {Symbols.Wrappers, Symbols.Wrappers + Types},
      {Symbols.HostThunks, Symbols.HostThunks + Types}};
  auto Module = std::make_shared<CompiledModule>(std::move(*Info), std::move(Code),
                                                std::move(*Artifact), std::move(Owner));
  Module->setFrameTable({Symbols.FrameTable, size_t(Symbols.FrameTableSize)});
  if (const std::optional<MemoryImageInfo> &Image = Module->info().MemoryImage) {
    if (!Symbols.MemoryImage)
      return Error("incomplete wasmaot artifact (no wasmaot_memory_image)");
    Module->setMemoryImage({{Symbols.MemoryImage, size_t(Image->Size)},
                            Symbols.MemoryImageFd,
                            Symbols.MemoryImageFileOffset});
  }
  return std::shared_ptr<const CompiledModule>(std::move(Module));
}

} // namespace wasmaot::runtime
