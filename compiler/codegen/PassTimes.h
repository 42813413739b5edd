//===- codegen/PassTimes.h - Where the optimizer's time goes, pass by pass -===//
//
// -v prints the time of each compilation phase; this breaks the optimizer's
// share down by LLVM pass, summed over every function, part and thread, so
// that a pipeline chosen for wasm can be chosen by measurement:
//
//   debug: optimizer passes: InstCombinePass 4.1 s, GVNPass 1.2 s, ...
//
// Times are inclusive of the analyses a pass asks for, as LLVM's own
// -time-passes counts them by default; pass managers and adaptors, which
// only run other passes, are not counted themselves.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <mutex>
#include <string>

namespace llvm {
class PassInstrumentationCallbacks;
} // namespace llvm

namespace wasmaot {

class PassTimes {
public:
  /// Times every pass that PIC's pass managers run, on this thread, until
  /// PIC is destroyed. One PIC per pipeline; any number may run at once.
  void instrument(llvm::PassInstrumentationCallbacks &PIC);

  /// The Count passes that took longest, longest first:
  /// "InstCombinePass 4.1 s (31%), GVNPass 1.2 s (9%), ...".
  std::string top(unsigned Count) const;

private:
  void add(llvm::StringRef Pass, double Seconds);

  mutable std::mutex Lock;
  llvm::StringMap<double> Seconds;
};

} // namespace wasmaot
