//===- launch/Launcher.h - Running a compiled WASI program -----------------===//
//
// What `wasmaot run` and a `wasmaot compile`d executable do once they hold a
// CompiledModule: instantiate it with WASI, call `_start` (or an export the
// user named) and turn the outcome into a process exit status. Traps and
// errors are reported on stderr.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "wasi/WasiContext.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::runtime {

/// Exit statuses besides the guest's own (docs/CLI.md).
enum LaunchExit : int {
  /// The module could not be run: unknown import, failed instantiation, bad
  /// --invoke arguments.
  ExitCannotRun = 1,
  /// A trap ended the program (128 + SIGABRT, as for a native abort()).
  ExitTrap = 134,
};

struct LaunchOptions {
  wasi::WasiOptions Wasi;
  /// Call this export instead of _start, with these arguments (parsed by the
  /// export's parameter types), and print its results.
  std::optional<std::string> Invoke;
  std::vector<std::string> InvokeArgs;
  /// Names the program in messages.
  std::string Name;
  /// Function imports that nothing provides trap when called, instead of
  /// failing instantiation.
  bool TrapUnknownImports = false;
  /// How much stack wasm code may use (0: DefaultMaxWasmStack), whatever
  /// the thread's stack size limit.
  uint64_t MaxWasmStack = 0;
  /// The most bytes the program's memory may have (0: its own maximum).
  uint64_t MaxMemory = 0;
  /// End the program with a trap (WASMAOT_TRAP_INTERRUPTED) once it has run
  /// this long; 0: never. Its code must be interruptible to stop at once.
  uint64_t TimeoutMs = 0;
  /// Trap backtraces give the wasm byte offset of each frame's instruction
  /// (also with WASMAOT_BACKTRACE_DETAILS=1 in the environment).
  bool BacktraceDetails = false;
  /// Once the program is done, exit the process with its status instead of
  /// returning: the kernel frees the instance, its memory and the loaded code
  /// at once, faster than tearing them down piece by piece, which is a
  /// measurable part of a short program's run.
  bool ExitProcess = false;
};

/// Runs Module; returns the process exit status (or exits with it, see
/// LaunchOptions::ExitProcess).
int launch(std::shared_ptr<const CompiledModule> Module, const LaunchOptions &Options);

} // namespace wasmaot::runtime
