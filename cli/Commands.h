//===- cli/Commands.h - Subcommands of `wasmaot` ---------------------------===//
#pragma once

#include "support/Result.h"
#include "target/Targets.h"
#include "wasmaot/abi.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::cli {

/// The process exit status of every command, as documented in docs/CLI.md.
/// `run` and compiled programs exit with the guest's status, or 134 after a
/// trap (runtime/launch/Launcher.h).
enum ExitCode : int {
  ExitSuccess = 0,
  ExitRejected = 1, // an input was unreadable, malformed or invalid, or failed to compile
  ExitUsage = 2,    // the command line itself was wrong
};

/// The WebAssembly language modules may use: --wasm-features LIST and
/// --enable-NAME / --disable-NAME (compiler/ir/Features.def), shared by
/// `validate`, `run` and `compile`. The compiler checks the names.
struct FeatureFlags {
  std::string List;
  std::vector<std::string> Enabled, Disabled;

  void addTo(CLI::App &Cmd);
  /// Whether every name in the list is a preset or a feature.
  runtime::Result<void> check() const;
  /// What the compiler's --wasm-features takes: the list, then the
  /// features enabled (NAME) and disabled (-NAME); "" for the default.
  std::string features() const;
};

/// How code is generated: flags shared by `run` and `compile`.
struct CodegenFlags {
  unsigned OptLevel = 2;
  std::string Bounds; // "": the target's default
  std::string Cpu;
  std::string CacheDir;
  bool NoCache = false;
  /// Code the host can interrupt: set when --timeout is given.
  bool Interruptible = false;
  /// Threads to compile on (-j, else $WASMAOT_JOBS); 0: one per core.
  unsigned Jobs = 0;
  /// No progress bar.
  bool Quiet = false;
  FeatureFlags Features;

  void addTo(CLI::App &Cmd);
  /// The strategy for T: --bounds-checks, else T's default; guard pages
  /// where T cannot have them are an error.
  runtime::Result<wasmaot_bounds_checks> bounds(const TargetInfo &T) const;
};

/// What the program may see: --dir, --env and --allow-unknown-imports,
/// shared by `run` and `compile` (where they are fixed into the executable).
struct SandboxFlags {
  std::vector<std::string> Dirs; // HOST[::GUEST]
  std::vector<std::string> Env;  // NAME=VALUE or NAME
  bool TrapUnknownImports = false;
  // Sizes (ObjectCache::parseSize), "" for the defaults.
  std::string MaxWasmStack, MaxMemory, Timeout;

  struct Limits {
    uint64_t MaxWasmStack = 0, MaxMemory = 0; // bytes; 0: the default
    uint64_t TimeoutMs = 0;                   // 0: none
  };
  /// The limits in bytes, or what is wrong with them.
  runtime::Result<Limits> limits() const;

  /// Adds the options; Note is appended to their help.
  void addTo(CLI::App &Cmd, const std::string &Note);
};

/// Registers a subcommand on App; Run is set to the function that executes
/// it and returns the process exit code.
void addValidateCommand(CLI::App &App, std::function<int()> &Run);
void addPrintCommand(CLI::App &App, std::function<int()> &Run);
void addRunCommand(CLI::App &App, std::function<int()> &Run);
void addCompileCommand(CLI::App &App, std::function<int()> &Run);
void addCacheCommand(CLI::App &App, std::function<int()> &Run);
void addHelpCommand(CLI::App &App, std::function<int()> &Run);
void addTargetsCommand(CLI::App &App, std::function<int()> &Run);

/// Checks Args (the command line without argv[0]) for an unknown subcommand,
/// a missing one, or an unknown option before the subcommand, which CLI11
/// would report in words that do not name the mistake. Reports the mistake
/// and returns the exit status, or nullopt when CLI11 may parse Args.
std::optional<int> checkSubcommands(const CLI::App &App, const std::vector<std::string> &Args);

/// `wasmaot run`'s command line ends at MODULE: what follows is the program's,
/// even what looks like an option, but CLI11 would go on parsing options after
/// a positional. So this takes the program's arguments out of Args (the
/// command line without argv[0]) before CLI11 sees it; `run` gets them back.
void setAsideProgramArguments(const CLI::App &App, std::vector<std::string> &Args);

} // namespace wasmaot::cli
