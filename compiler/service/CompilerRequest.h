//===- service/CompilerRequest.h - What `wasmaot` asks of the compiler -----===//
//
// The `wasmaot` command does not contain the compiler: it is a static program
// that starts in well under a millisecond, and LLVM alone would cost tens of
// milliseconds at every start, cache hit or not. Everything that needs
// LLVM (validating, assembling text, compiling, linking) runs in a separate
// program, lib/wasmaot/wasmaot-compiler (CompilerMain.cpp), which the command
// starts only when it has to. This header is the whole protocol between them, plain
// C++ without LLVM, so both sides encode and decode requests with the same
// code:
//
//   wasmaot-compiler validate NAME [--wasm-features LIST]   module bytes on stdin
//   wasmaot-compiler print NAME [--wasm-features LIST]      module bytes on stdin
//   wasmaot-compiler assemble PATH          (reads the text file itself)
//   wasmaot-compiler compile NAME OPTIONS   module bytes on stdin
//
// On success the compiler exits with 0 and writes the result on stdout: the
// module's summary (validate), its text (print), the binary module (assemble), nothing
// (compile, which writes Request::Output). On failure it writes the
// diagnostic on stdout and exits with ExitRejected when the module is at
// fault, ExitFailed otherwise.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::service {

enum class Emit : uint8_t { Executable, SharedObject, Object, LlvmIr, Assembly };

/// The compiler's exit statuses.
enum CompilerExit : int {
  ExitOk = 0,
  ExitRejected = 1, // malformed or invalid: the module is at fault
  ExitFailed = 2,   // anything else: the tools, the file system, a bad request
};

struct Request {
  std::string InputName; // names the module in diagnostics
  Emit Kind = Emit::SharedObject;
  std::string Output;
  std::string Triple; // empty: the host
  std::string Cpu;    // empty: the target's portable baseline; "native": this machine's
  unsigned OptLevel = 2;
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  /// The WebAssembly features, as `--wasm-features` takes them (empty: the
  /// default, Wasm 3.0's); the compiler checks the names.
  std::string Features;
  /// Executable: the bytes of its wasmaot_exe_config symbol, the archives
  /// to link (the target's runtime and its main) and the description of the
  /// target's C runtime (link/CRuntime.h).
  std::vector<uint8_t> ExeConfig;
  std::vector<std::string> LinkInputs;
  std::string CRuntime;
  /// Executable: whether imports that its runtime does not provide are
  /// refused (the default) or trap when called.
  bool TrapUnknownImports = false;
  /// Whether to print the time of each phase on stderr ("debug: ...").
  bool Verbose = false;
  /// Code that the host can interrupt (CompileOptions::Interruptible).
  bool Interruptible = false;
  /// Threads to compile on; 0: one per core. The output does not depend on it.
  unsigned Jobs = 0;
  /// Whether to show a progress bar on stderr (service/ProgressBar.h).
  bool Progress = false;

  bool operator==(const Request &) const = default;
};

/// The arguments of `wasmaot-compiler compile` for R (without the program
/// and command names).
std::vector<std::string> toArguments(const Request &R);

/// The Request that toArguments gave Args, or what is wrong with Args.
runtime::Result<Request> requestFromArguments(std::span<const std::string> Args);

} // namespace wasmaot::service
