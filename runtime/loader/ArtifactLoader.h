//===- loader/ArtifactLoader.h - Loading a compiled module -----------------===//
//
// Opens a shared object produced by the compiler, checks that it was built
// for this runtime's ABI, and turns its symbols into a CompiledModule.
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
