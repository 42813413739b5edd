//===- loader/ArtifactLoader.h - Loading a compiled module -----------------===//
//
// Loads a shared object produced by the compiler (ElfImage, with the
// runtime's entry points as the only symbols it may import), checks that it
// was built for this runtime's ABI, this architecture and this CPU's
// features (see module/ArtifactInfo.h), and turns its symbols into a
// CompiledModule.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "support/Result.h"

#include <memory>
#include <string>

namespace wasmaot::runtime {

Result<std::shared_ptr<const CompiledModule>> loadCompiledModule(const std::string &Path);

} // namespace wasmaot::runtime
