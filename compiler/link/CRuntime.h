//===- link/CRuntime.h - The C runtime an executable is linked with --------===//
//
// An executable is the compiled module, wasmaot's runtime archives and the
// target's C runtime: the start files, libstdc++, libm, libc and libgcc as
// archives, and the end files. Which files those are is asked of the
// target's C++ compiler when wasmaot is built (cmake/CRuntime.cmake) and
// written beside the runtime archives, one per line:
//
//   pie yes|no      whether to link a static PIE (glibc has rcrt1.o) or a
//                   static position-dependent executable
//   start PATH      start files, in order
//   libs PATH       archives, searched as a group
//   end PATH        end files, in order
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace wasmaot {

struct CRuntime {
  bool Pie = true;
  std::vector<std::string> Start, Libs, End;

  /// Reads the description at Path; a missing file, an unknown line or a
  /// listed file that does not exist is a Link error naming it.
  static llvm::Expected<CRuntime> read(llvm::StringRef Path);
};

} // namespace wasmaot
