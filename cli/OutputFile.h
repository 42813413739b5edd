//===- cli/OutputFile.h - Where `compile` writes its result ----------------===//
//
// As compilers do: `-o -` is stdout; an existing device or FIFO (/dev/null,
// /dev/stdout) is written in place; an existing regular file, or the one a
// symlink points to, is replaced atomically (a temporary file beside it,
// renamed), leaving the symlink a symlink. Never is a special file or a
// symlink replaced by a regular file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <string>
#include <sys/types.h>

namespace wasmaot::cli {

/// Checks before compiling that Path can be written: "-", an existing file
/// or device that is writable, or a new file in a writable directory.
runtime::Result<void> checkOutputPath(const std::string &Path);

/// Writes the contents of the file From to Path (see above); a new file
/// gets Mode.
runtime::Result<void> writeOutput(const std::string &From, const std::string &Path, mode_t Mode);

} // namespace wasmaot::cli
