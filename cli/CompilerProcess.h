//===- cli/CompilerProcess.h - Starting the compiler program --------------===//
//
// The compiler (and LLVM) is a program of its own, started only by commands
// that compile, validate or assemble: a cache-warm `wasmaot run` never does.
// See compiler/service/CompilerRequest.h for the protocol. It lives in
// ../lib/wasmaot relative to the command, as do the runtimes that
// executables are linked with (TargetRuntime.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "service/CompilerRequest.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::cli {

/// The directory holding wasmaot's compiler and libraries: $WASMAOT_LIB_DIR,
/// else `lib/wasmaot` beside the directory of the running command.
std::string libraryDirectory();

/// The compiler program, in libraryDirectory().
std::string compilerProgram();

/// What one run of the compiler gave.
struct CompilerOutcome {
  bool Ok = true;
  /// The module itself is at fault (malformed or invalid), not the tools.
  bool Rejected = false;
  /// The diagnostic to print, e.g. "app.wasm:0x1a3: invalid: type mismatch ...".
  std::string Message;
  /// On success: the summary (validate), the text (print) or the binary
  /// module (assemble).
  std::string Output;
};

/// Decodes and validates Wasm; on success Output is a one-line summary.
/// Features: what `wasmaot-compiler validate --wasm-features` takes ("" for
/// the default).
CompilerOutcome validateInCompiler(std::span<const uint8_t> Wasm, const std::string &Name,
                                   const std::string &Features);

/// Decodes and validates Wasm; on success Output is the module as text.
CompilerOutcome printInCompiler(std::span<const uint8_t> Wasm, const std::string &Name,
                                const std::string &Features);

/// Assembles the text module at Path; on success Output is the binary.
CompilerOutcome assembleInCompiler(const std::string &Path);

/// Compiles Wasm as R asks, writing R.Output.
CompilerOutcome compileInCompiler(const service::Request &R, std::span<const uint8_t> Wasm);

} // namespace wasmaot::cli
