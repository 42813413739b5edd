//===- loader/ArtifactLoader.cpp - Loading a compiled module ---------------===//
#include "loader/ArtifactLoader.h"
#include "loader/SharedObject.h"

namespace wasmaot::runtime {

Result<std::shared_ptr<const CompiledModule>> loadCompiledModule(const std::string &Path) {
  Result<SharedObject> Object = SharedObject::open(Path);
  if (!Object)
    return Object.error();
  auto Fail = [&](const std::string &Why) { return Error(Path + ": " + Why); };

  Result<void *> Abi = Object->symbol("wasmaot_abi_version");
  if (!Abi)
    return Fail("not a wasmaot artifact (no wasmaot_abi_version)");
  if (uint32_t V = *static_cast<const uint32_t *>(*Abi); V != WASMAOT_ABI_VERSION)
    return Fail("built for runtime ABI version " + std::to_string(V) +
                ", this runtime has version " + std::to_string(WASMAOT_ABI_VERSION));

  Result<void *> InfoBytes = Object->symbol("wasmaot_module_info");
  Result<void *> InfoSize = Object->symbol("wasmaot_module_info_size");
  Result<void *> Code = Object->symbol("wasmaot_function_table");
  Result<void *> Wrappers = Object->symbol("wasmaot_call_wrappers");
  if (!InfoBytes || !InfoSize || !Code || !Wrappers)
    return Fail("incomplete wasmaot artifact (missing module symbols)");

  auto Size = *static_cast<const uint64_t *>(*InfoSize);
  Result<ModuleInfo> Info =
      ModuleInfo::deserialize({static_cast<const uint8_t *>(*InfoBytes), Size});
  if (!Info)
    return Fail(Info.error().message());

  auto *CodeTable = static_cast<void *const *>(*Code);
  auto *WrapperTable = static_cast<CallWrapper *const *>(*Wrappers);
  std::vector<void *> CodeList(CodeTable,
                               CodeTable + (Info->FuncTypes.size() - Info->NumImportedFuncs));
  std::vector<CallWrapper *> WrapperList(WrapperTable, WrapperTable + Info->Types.size());
  // The module's data segments point into the mapped object: it stays
  // loaded as long as the CompiledModule.
  auto Owner = std::make_shared<SharedObject>(std::move(*Object));
  return std::make_shared<const CompiledModule>(std::move(*Info), std::move(CodeList),
                                                std::move(WrapperList), std::move(Owner));
}

} // namespace wasmaot::runtime
