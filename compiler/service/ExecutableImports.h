//===- service/ExecutableImports.h - What an executable's module may import -===//
//
// A compiled executable links the runtime, whose only host module is WASI
// preview 1. A module importing anything else would compile, and then fail
// at every start; `wasmaot compile` refuses it instead, unless it is asked to
// make such function imports trap when called (--allow-unknown-imports).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"

#include "llvm/Support/Error.h"

namespace wasmaot::service {

/// An Unlinkable error (at the import's byte offset) for the first import of
/// M that an executable's runtime does not provide with the same type. With
/// TrapUnknownFunctions, function imports that it does not provide at all
/// are let through.
llvm::Error checkExecutableImports(const ir::Module &M, bool TrapUnknownFunctions);

} // namespace wasmaot::service
