//===- spectest/CompileCache.h - Compiled spec modules, kept between runs --===//
//
// Compiles a module file to a shared object for the runner's target. The
// shared object is kept under DIR/objects/, named by the SHA-256 of
// everything that determines it: the module's bytes, the target, the compile
// options and the identity of this runner's binary (which contains the
// compiler), so that a rebuilt compiler never reuses stale code. A rerun
// finds it instead of compiling.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "driver/Pipeline.h"
#include "target/TargetDesc.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace wasmaot::spectest {

class CompileCache {
public:
  /// Target: a triple of target/Targets.h, or empty for the host.
  CompileCache(std::string Dir, CompileOptions Options, std::string Target);

  /// The path of the module in the file at WasmPath, compiled (or found
  /// compiled). Compilation errors are WasmErrors; others are string errors.
  llvm::Expected<std::string> objectFor(llvm::StringRef WasmPath);

  unsigned hits() const { return Hits; }
  unsigned compiled() const { return Compiled; }

private:
  std::string Dir;
  CompileOptions Options;
  std::string Target;
  std::optional<TargetDesc> Desc; // created on first use
  std::string CompilerIdentity;
  unsigned Hits = 0, Compiled = 0;
};

} // namespace wasmaot::spectest
