//===- cli/CompilerLoader.h - Loading libwasmaot-compiler.so on demand -----===//
//
// The compiler (and LLVM) is loaded only by commands that compile, validate
// or assemble: a cache-warm `wasmaot run` never maps it. See
// compiler/plugin/CompilerPlugin.h. Also finds the runtime archives that
// executables are linked with. Both live in ../lib relative to the command.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "plugin/CompilerPlugin.h"
#include "support/Result.h"

#include <string>
#include <vector>

namespace wasmaot::cli {

/// The directory holding wasmaot's libraries: $WASMAOT_LIB_DIR, else the
/// `lib` directory beside the directory of the running command.
std::string libraryDirectory();

/// The compiler, loaded once per process (it stays loaded).
runtime::Result<plugin::Compiler *> loadCompiler();

/// The archives an executable links with, in link order.
std::vector<std::string> runtimeArchives();

} // namespace wasmaot::cli
