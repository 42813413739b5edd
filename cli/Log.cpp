//===- cli/Log.cpp ---------------------------------------------------------===//
#include "Log.h"

#include <cstdarg>
#include <cstdio>

namespace wasmaot::cli {

namespace {
bool VerboseLog = false;
} // namespace

void setVerbose(bool Verbose) { VerboseLog = Verbose; }
bool verbose() { return VerboseLog; }

void debugLog(const char *Format, ...) {
  if (!VerboseLog)
    return;
  // stderr: stdout belongs to the program that `run` runs.
  std::fputs("debug: ", stderr);
  va_list Args;
  va_start(Args, Format);
  std::vfprintf(stderr, Format, Args);
  va_end(Args);
  std::fputc('\n', stderr);
}

} // namespace wasmaot::cli
