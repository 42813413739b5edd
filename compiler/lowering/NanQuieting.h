//===- lowering/NanQuieting.h - Arithmetic NaNs that LLVM's folds keep ------===//
//
// Wasm requires a NaN produced by arithmetic to be an arithmetic (quiet)
// NaN. The hardware quiets, but LLVM folds x * 1, x / 1, x - 0, x + -0 and
// x * -1 to x or -x, and an operation with a NaN constant operand to that
// constant: a signaling operand then comes out signaling. The operands that
// enable these folds are often constants only after inlining, SROA or
// constant propagation, so lowering cannot tell which operations will fold.
//
// Lowering therefore marks the result of each float operation that LLVM may
// fold away (markArithmeticResult). The mark is llvm.arithmetic.fence, which
// the optimizer keeps and cannot see through, while it folds the operation
// inside as usual. Once inlining and scalar simplification are over, just
// before the vectorizers, QuietFoldedNansPass resolves every mark: when its
// operand is still an operation the hardware performs (and so quiets), the
// mark goes away at no cost; when a fold replaced the operation by one of its
// operands, a constant or a negation, the value is quieted there. Code
// generation folds x * 1.0 and its kin itself, so an operation left with
// such a constant operand is quieted too (at -O0, where nothing folded in IR).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/PassManager.h"

namespace wasmaot::lowering {

/// V (a float or float vector), with the quiet bit set in every NaN.
llvm::Value *quietNan(llvm::IRBuilder<> &B, llvm::Value *V);

/// Result, the value of a float operation that must produce arithmetic NaNs,
/// marked for QuietFoldedNansPass.
llvm::Value *markArithmeticResult(llvm::IRBuilder<> &B, llvm::Value *Result);

/// Replaces the marks of markArithmeticResult: by the marked value where it
/// is still a float operation, by the value quieted elsewhere. Run it after
/// the inliner and scalar simplification and before the vectorizers, and
/// again before code generation (only a module without marks may be emitted).
struct QuietFoldedNansPass : llvm::PassInfoMixin<QuietFoldedNansPass> {
  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &AM);
  static bool isRequired() { return true; }
};

/// Runs QuietFoldedNansPass over every function of M.
void quietFoldedNans(llvm::Module &M);

} // namespace wasmaot::lowering
