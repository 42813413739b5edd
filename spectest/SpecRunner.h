//===- spectest/SpecRunner.h - Runs the commands of .wast scripts ------------===//
//
// Each command of a script passes, fails or is skipped with a reason; nothing
// is dropped silently. Modules are compiled to native code (through a cache
// of compiled modules), loaded into this process, or into an agent process
// on another target, and instantiated; actions call their exports and
// assertions check the results, traps and errors.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "CompileCache.h"
#include "RoundTrip.h"
#include "Session.h"
#include "WastScript.h"

#include "ir/Features.h"
#include "support/Error.h"
#include "wasmaot/abi.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spectest {

llvm::StringRef toString(wasmaot_bounds_checks B);

struct RunOptions {
  /// The language the scripts are written in: Wasm 2.0's suite asserts that
  /// what later proposals added is malformed or invalid.
  ir::Features Features = ir::Features::wasm3();
  // How modules are compiled.
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  unsigned OptLevel = 2;
  /// Split every module into parts of about this many instructions
  /// (CompileOptions::PartWeight); 0: only big modules, as always.
  uint64_t PartWeight = 0;
  /// Where the scripts' modules and the compiled modules are kept.
  std::string CacheDir;
  /// The target modules are compiled for (empty: the host) and, when not
  /// empty, the command that starts an agent to run them
  /// (agent/RemoteSession.h); otherwise they run in this process.
  std::string Target;
  std::vector<std::string> AgentCommand;
  /// When set, the verdicts on modules come from running `ValidatorCommand
  /// validate FILE` in a new process per module (the CLI's own verdicts),
  /// and nothing is compiled or run.
  std::string ValidatorCommand;
  bool Verbose = false; // also print message mismatches and cache use
  /// Instead of running the scripts, check that every valid module they
  /// hold survives printing (text/Printer.h): assembling the printed text
  /// gives a module that prints the same.
  bool RoundTrip = false;
  /// Scripts of proposals not implemented yet (file name -> why): their
  /// failures count as skipped with that reason; a listed script that
  /// passes entirely fails the run, so the list cannot go stale.
  std::map<std::string, std::string> Pending;
};

/// Reads a list of pending scripts: lines `NAME.wast: reason`, `#` comments.
llvm::Expected<std::map<std::string, std::string>> readPendingList(llvm::StringRef Path);

/// The outcome counts of one script's commands, or of several scripts'.
struct Tally {
  unsigned Passed = 0;
  unsigned Failed = 0;
  unsigned Skipped = 0;
  // Rejected modules whose error's kind or text differs from what the script
  // expects. Not failures: the verdict is what counts.
  unsigned MessageMismatches = 0;
  std::map<std::string, unsigned> SkipReasons; // reason -> commands skipped

  Tally &operator+=(const Tally &Other);
};

/// What decoding and validating one module file gave.
struct ModuleVerdict {
  enum OutcomeKind : uint8_t { Valid, Rejected, HostError };
  OutcomeKind Outcome = HostError;
  ErrorKind Kind = ErrorKind::Io; // Rejected only
  std::string Text;               // Rejected: the error's message alone
  std::string Message;            // Rejected and HostError: the full diagnostic
};

/// Decodes and validates the module at Path. A crash in either is a
/// HostError, not the end of the run.
ModuleVerdict checkModuleFile(llvm::StringRef Path, const ir::Features &Features);

/// Runs `Command validate --wasm-features=... Path` (the runner's features)
/// and reads its verdict from the exit code
/// (0 valid, 1 rejected) and its diagnostic from stderr.
ModuleVerdict checkModuleWithCommand(llvm::StringRef Path, llvm::StringRef Command,
                                     const ir::Features &Features);

/// Whether our error message agrees with the one the script expects. The
/// scripts give a prefix of the reference interpreter's message, and
/// wording differs between engines, so this is deliberately loose.
bool messageMatches(llvm::StringRef Expected, llvm::StringRef Ours);

class SpecRunner {
public:
  SpecRunner(const RunOptions &Opts, llvm::raw_ostream &OS);

  /// Runs the script at WastPath: prints its failures (and with -v its
  /// message mismatches), then one line with its tally, which it returns.
  /// A script that cannot be read counts as one failure.
  Tally runFile(llvm::StringRef WastPath);

  const CompileCache &compileCache() const { return Compiled; }

private:
  /// Where a command runs: its script, the script's instances, its tally.
  struct ScriptContext {
    llvm::StringRef WastPath;
    llvm::StringRef ModuleDir;
    spectest::Session &Session;
    Tally &T;
  };

  void runCommand(const Command &C, ScriptContext &S);
  void expectValid(const Command &C, llvm::StringRef ModulePath, ScriptContext &S);
  void expectRejected(const Command &C, ErrorKind Expected, llvm::StringRef ModulePath,
                      ScriptContext &S);
  /// assert_malformed of a text module: it must not assemble.
  void expectTextRejected(const Command &C, llvm::StringRef ModulePath, ScriptContext &S);
  /// module definition: decode and validate only.
  void checkDefinition(const Command &C, llvm::StringRef ModulePath, ScriptContext &S);
  /// module, assert_unlinkable, assert_uninstantiable: compile and
  /// instantiate, expecting success or the failure the command names.
  void instantiate(const Command &C, llvm::StringRef ModulePath, ScriptContext &S);
  /// action, assert_return, assert_trap, assert_exhaustion.
  void checkAction(const Command &C, ScriptContext &S);
  void fail(const Command &C, ScriptContext &S, llvm::StringRef Expected, llvm::StringRef Got,
            llvm::StringRef ModulePath = "");
  void printTally(llvm::StringRef WastPath, const Tally &T);

  const RunOptions &Opts;
  CompileCache Compiled;
  llvm::raw_ostream &OS;
};

} // namespace wasmaot::spectest
