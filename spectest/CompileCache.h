//===- spectest/CompileCache.h - Compiled spec modules, kept between runs --===//
//
// Compiles a module file to a shared object and loads it. The shared object
// is kept under DIR/objects/, named by the SHA-256 of everything that
// determines it: the module's bytes, the compile options and the identity of
// this runner's binary (which contains the compiler), so that a rebuilt
// compiler never reuses stale code. A rerun loads instead of compiling.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "driver/Pipeline.h"
#include "instance/CompiledModule.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace wasmaot::spectest {

class CompileCache {
public:
  CompileCache(std::string Dir, CompileOptions Options);

  /// The module in the file at WasmPath, compiled (or found compiled) and
  /// loaded. Compilation errors are WasmErrors; others are string errors.
  llvm::Expected<std::shared_ptr<const runtime::CompiledModule>> load(llvm::StringRef WasmPath);

  unsigned hits() const { return Hits; }
  unsigned compiled() const { return Compiled; }

private:
  std::string Dir;
  CompileOptions Options;
  std::string CompilerIdentity;
  unsigned Hits = 0, Compiled = 0;
};

} // namespace wasmaot::spectest
