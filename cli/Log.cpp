//===- cli/Log.cpp ---------------------------------------------------------===//
#include "Log.h"

#include <cstdarg>
#include <cstdio>

namespace wasmaot::cli {

namespace {
bool VerboseLog = false;
} // namespace

void setVerbose(bool Verbose) { VerboseLog = Verbose; }

void debugLog(const char *Format, ...) {
  if (!VerboseLog)
    return;
  std::fputs("debug: ", stdout);
  va_list Args;
  va_start(Args, Format);
  std::vfprintf(stdout, Format, Args);
  va_end(Args);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

} // namespace wasmaot::cli
