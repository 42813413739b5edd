//===- driver/Pipeline.h - Wasm bytes to native code, every stage ----------===//
//
// The compiler's stages in order: decode, validate, lower to LLVM IR,
// optimize, emit an object, and (for shared objects) link with lld. Used by
// the CLI, the spec runner and the end-to-end tests, so that all of them
// compile exactly the same way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/Codegen.h"
#include "target/TargetDesc.h"
#include "wasmaot/abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

struct CompileOptions {
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  unsigned OptLevel = 2;
  /// Whether the LLVM verifier checks the IR before and after optimization.
  VerifyIR Verify = DefaultVerifyIR;
};

/// Compiles a wasm binary into a relocatable object for Target. Errors are
/// WasmErrors (malformed, invalid, unsupported, codegen).
llvm::Expected<llvm::SmallVector<char, 0>> compileToObject(llvm::ArrayRef<uint8_t> Wasm,
                                                           const TargetDesc &Target,
                                                           const CompileOptions &Options);

/// Compiles a wasm binary for the host into a shared object at Output, whose
/// runtime entry points (wasmaot_rt_*) are resolved when it is loaded into a
/// process that has the runtime. The output appears atomically (written
/// beside Output, then renamed), so a reader never sees half of it.
llvm::Error compileToSharedObject(llvm::ArrayRef<uint8_t> Wasm, const CompileOptions &Options,
                                  llvm::StringRef Output);

} // namespace wasmaot
