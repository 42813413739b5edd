//===- validator/Validator.h - The spec's validation rules ------------------===//
#pragma once

#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/Support/Error.h"

namespace wasmaot {

/// Checks that a decoded module is valid (the spec's section 3) in the
/// language of the Enabled features. The first violation is returned as an
/// `invalid` WasmError at its byte offset, with the function it occurred in
/// as context.
llvm::Error validateModule(const ir::Module &M,
                           const ir::Features &Enabled = ir::Features::wasm3());

} // namespace wasmaot
