//===- cli/ModuleInput.h - Reading the module a command works on -----------===//
#pragma once

#include "support/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::cli {

/// The binary module in the file at Path ("-" for stdin). A text module
/// (.wat) is assembled by the compiler first. Errors are ready to print.
runtime::Result<std::vector<uint8_t>> readModule(const std::string &Path);

} // namespace wasmaot::cli
