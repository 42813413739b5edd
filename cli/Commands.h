//===- cli/Commands.h - Subcommands of `wasmaot` ---------------------------===//
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace wasmaot::cli {

/// The process exit status of every command, as documented in docs/CLI.md.
enum ExitCode : int {
  ExitSuccess = 0,
  ExitRejected = 1, // an input was unreadable, malformed or invalid
  ExitUsage = 2,    // the command line itself was wrong
};

/// Registers a subcommand on App; Run is set to the function that executes
/// it and returns the process exit code.
void addValidateCommand(CLI::App &App, std::function<int()> &Run);

} // namespace wasmaot::cli
