//===- validator/Validator.h - The spec's validation rules ------------------===//
#pragma once

#include "ir/Module.h"

#include "llvm/Support/Error.h"

namespace wasmaot {

/// Checks that a decoded module is valid (WebAssembly 2.0, section 3). The
/// first violation is returned as an `invalid` WasmError at its byte offset,
/// with the function it occurred in as context.
llvm::Error validateModule(const ir::Module &M);

} // namespace wasmaot
