//===- loader/ArtifactLoader.h - Loading a compiled module -----------------===//
//
// Opens a shared object produced by the compiler, checks that it was built
// for this runtime's ABI, this architecture and this CPU's features (see
// module/ArtifactInfo.h), and turns its symbols into a CompiledModule.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "support/Result.h"

#include <memory>
#include <string>

namespace wasmaot::runtime {

Result<std::shared_ptr<const CompiledModule>> loadCompiledModule(const std::string &Path);

/// The CompiledModule of code linked into this executable (by `wasmaot
/// compile`), from the same symbols, checked the same way.
struct ModuleSymbols {
  const uint8_t *Info;
  uint64_t InfoSize;
  void *const *Code;
  CallWrapper *const *Wrappers;
  const char *Artifact;
  uint64_t ArtifactSize;
};
Result<std::shared_ptr<const CompiledModule>>
makeCompiledModule(const ModuleSymbols &Symbols, std::shared_ptr<void> Owner = nullptr);

} // namespace wasmaot::runtime
