//===- cli/Commands.h - Subcommands of `wasmaot` ---------------------------===//
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace wasmaot::cli {

/// Registers a subcommand on App; Run is set to the function that executes
/// it and returns the process exit code.
void addValidateCommand(CLI::App &App, std::function<int()> &Run);

} // namespace wasmaot::cli
