//===- spectest/SpecRunner.h - Runs the commands of .wast scripts ------------===//
//
// Each command of a script passes, fails or is skipped with a reason; nothing
// is dropped silently. This stage checks what decoding and validation can
// decide: `module` and the assert_* commands that carry a module. Commands
// that need a module to run are skipped until code generation exists.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "WastCache.h"
#include "WastScript.h"

#include "support/Error.h"
#include "wasmaot/abi.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>

namespace wasmaot::spectest {

llvm::StringRef toString(wasmaot_bounds_checks B);

struct RunOptions {
  // How valid modules are lowered to LLVM IR (nothing is run yet).
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  unsigned OptLevel = 2;
  std::string CacheDir;
  /// When set, verdicts come from running `ValidatorCommand validate FILE`
  /// in a new process per module (the CLI's own verdicts), not in-process.
  std::string ValidatorCommand;
  bool Verbose = false; // also print message mismatches and cache use
};

/// The outcome counts of one script's commands, or of several scripts'.
struct Tally {
  unsigned Passed = 0;
  unsigned Failed = 0;
  unsigned Skipped = 0;
  // Rejected modules whose error's kind or text differs from what the script
  // expects. Not failures: the verdict is what counts.
  unsigned MessageMismatches = 0;
  std::map<std::string, unsigned> SkipReasons; // reason -> commands skipped
  // Valid modules lowered to LLVM IR that verifies, and the reasons others
  // could not be lowered yet (e.g. "v128.const cannot be compiled yet").
  unsigned Lowered = 0;
  std::map<std::string, unsigned> NotLowered;

  Tally &operator+=(const Tally &Other);
};

/// What decoding and validating one module file gave, and for valid modules
/// what lowering them to LLVM IR gave.
struct ModuleVerdict {
  enum OutcomeKind : uint8_t { Valid, Rejected, HostError };
  enum LoweringKind : uint8_t { NotLowered, Lowered, Unsupported, Broken };
  OutcomeKind Outcome = HostError;
  ErrorKind Kind = ErrorKind::Io; // Rejected only
  std::string Text;               // Rejected: the error's message alone
  std::string Message;            // Rejected and HostError: the full diagnostic
  LoweringKind Lowering = NotLowered;
  std::string LoweringMessage;    // Unsupported: what; Broken: the verifier's report
};

/// Decodes and validates the module at Path; if it is valid and Lower is
/// set, lowers it to LLVM IR with that strategy and runs the IR verifier. A
/// crash in any of these is a HostError, not the end of the run.
ModuleVerdict checkModuleFile(llvm::StringRef Path,
                              std::optional<wasmaot_bounds_checks> Lower = std::nullopt);

/// Runs `Command validate Path` and reads its verdict from the exit code
/// (0 valid, 1 rejected) and its diagnostic from stderr.
ModuleVerdict checkModuleWithCommand(llvm::StringRef Path, llvm::StringRef Command);

/// Whether our error message agrees with the one the script expects. The
/// scripts give a prefix of the reference interpreter's message, and
/// wording differs between engines, so this is deliberately loose.
bool messageMatches(llvm::StringRef Expected, llvm::StringRef Ours);

class SpecRunner {
public:
  SpecRunner(const RunOptions &Opts, llvm::raw_ostream &OS)
      : Opts(Opts), Cache(Opts.CacheDir), OS(OS) {}

  /// Runs the script at WastPath: prints its failures (and with -v its
  /// message mismatches), then one line with its tally, which it returns.
  /// A script that cannot be converted or read counts as one failure.
  Tally runFile(llvm::StringRef WastPath);

private:
  void runCommand(const Command &C, llvm::StringRef WastPath, llvm::StringRef ModuleDir, Tally &T);
  void expectValid(const Command &C, llvm::StringRef WastPath, llvm::StringRef ModulePath,
                   Tally &T);
  void expectRejected(const Command &C, ErrorKind Expected, llvm::StringRef WastPath,
                      llvm::StringRef ModulePath, Tally &T);
  void fail(const Command &C, llvm::StringRef WastPath, llvm::StringRef Expected,
            llvm::StringRef Got, llvm::StringRef ModulePath, Tally &T);
  void printTally(llvm::StringRef WastPath, const Tally &T);
  ModuleVerdict check(llvm::StringRef ModulePath) const;

  const RunOptions &Opts;
  WastCache Cache;
  llvm::raw_ostream &OS;
};

} // namespace wasmaot::spectest
