//===- cli/Log.h - The -v/--verbose log ------------------------------------===//
//
// A few lines of printf-style logging instead of a logging library: every
// shared library the command links costs startup time, and a cache-warm
// `wasmaot run` is meant to start about as fast as a native program.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace wasmaot::cli {

/// Whether -v/--verbose was given.
void setVerbose(bool Verbose);
bool verbose();

/// Prints "debug: " and the printf-formatted message on stderr when verbose.
void debugLog(const char *Format, ...) __attribute__((format(printf, 1, 2)));

} // namespace wasmaot::cli
