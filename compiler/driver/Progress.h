//===- driver/Progress.h - How far a compilation is -------------------------===//
//
// Plain data, without LLVM, so that what displays it (service/ProgressBar.h)
// does not need the compiler.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace wasmaot {

/// How far a compilation is, after each part.
struct CompileProgress {
  uint32_t FunctionsDone = 0, Functions = 0;
  /// Instructions in the functions done and in all of them.
  uint64_t WeightDone = 0, Weight = 0;
};

} // namespace wasmaot
