//===- lowering/bounds/LoopVersioning.h - Loops without access checks ------===//
//
// Bounds checking makes every access of linear memory a possible trap, and
// LLVM's model has no trapping loads or stores. Lowering keeps the semantics
// exact by telling LLVM less: under guard pages every access is volatile (a
// load whose value is unused still faults; stores before a fault are all
// done, in order); under explicit checks every access has its own compare
// and branch to a trap. Both stop the optimizer in the loops that matter:
// no vectorization, no promotion of memory to registers, no hoisting.
//
// VersionLoopsPass removes that cost where it can prove no access can fail.
// For the outermost loop whose every access offset is an affine function of
// the nest's induction variables (bounds/RangeCheck.h), it computes in the
// preheader whether all accesses of all iterations lie inside the memory's
// current size, which only grows while the loop runs. If so, the loop runs
// a version whose accesses are ordinary loads and stores with no checks,
// which cannot trap and which LLVM optimizes freely; if not, it runs an
// untouched copy, which traps exactly where the wasm program does.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/IR/PassManager.h"

namespace wasmaot::lowering {

struct VersionLoopsPass : llvm::PassInfoMixin<VersionLoopsPass> {
  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &AM);
};

} // namespace wasmaot::lowering
