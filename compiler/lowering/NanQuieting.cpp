//===- lowering/NanQuieting.cpp --------------------------------------------===//
#include "lowering/NanQuieting.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

llvm::Value *wasmaot::lowering::quietNan(llvm::IRBuilder<> &B, llvm::Value *V) {
  llvm::Type *Ty = V->getType();
  unsigned Bits = Ty->getScalarSizeInBits();
  llvm::Type *IntTy = Ty->getWithNewType(B.getIntNTy(Bits));
  // The quiet bit is the most significant bit of the significand.
  llvm::Constant *QuietBit = llvm::ConstantInt::get(IntTy, 1ull << (Bits == 32 ? 22 : 51));
  llvm::Value *Quieted = B.CreateBitCast(B.CreateOr(B.CreateBitCast(V, IntTy), QuietBit), Ty);
  llvm::Value *IsNan = B.CreateFCmpUNO(V, V);
  return B.CreateSelect(IsNan, Quieted, V);
}

llvm::Value *wasmaot::lowering::markArithmeticResult(llvm::IRBuilder<> &B,
                                                      llvm::Value *Result) {
  // Folded while building (both operands constant): decide now.
  if (llvm::isa<llvm::Constant>(Result))
    return quietNan(B, Result);
  return B.CreateIntrinsic(llvm::Intrinsic::arithmetic_fence, {Result->getType()}, {Result});
}

namespace {

/// Whether a constant operand C lets an operation fold to its other operand
/// (or its negation, or C itself): zeros, ones, NaNs. A constant vector may
/// have such a lane.
bool mayFoldWith(const llvm::Value *C) {
  if (C->getType()->isVectorTy())
    return llvm::isa<llvm::Constant>(C);
  const auto *FP = llvm::dyn_cast<llvm::ConstantFP>(C);
  return FP && (FP->isZero() || FP->isNaN() || FP->isExactlyValue(1.0) ||
                FP->isExactlyValue(-1.0));
}

/// Whether V is computed by an operation that the hardware performs, and so
/// gives a quiet NaN for any NaN operand. Code generation folds identities
/// itself (x * 1.0, x - 0.0, demote(promote(x))), so an operation that still
/// has such an operand does not count.
bool isQuietingOperation(const llvm::Value *V) {
  const auto *I = llvm::dyn_cast<llvm::Instruction>(V);
  if (!I)
    return false;
  switch (I->getOpcode()) {
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
  case llvm::Instruction::FMul:
  case llvm::Instruction::FDiv:
  case llvm::Instruction::FRem:
    return !mayFoldWith(I->getOperand(0)) && !mayFoldWith(I->getOperand(1));
  case llvm::Instruction::FPTrunc:
    return !llvm::isa<llvm::FPExtInst>(I->getOperand(0));
  case llvm::Instruction::FPExt:
    return true;
  default:
    return false;
  }
}

} // namespace

llvm::PreservedAnalyses QuietFoldedNansPass::run(llvm::Function &F,
                                                 llvm::FunctionAnalysisManager &) {
  llvm::SmallVector<llvm::IntrinsicInst *, 16> Marks;
  for (llvm::Instruction &I : llvm::instructions(F))
    if (auto *II = llvm::dyn_cast<llvm::IntrinsicInst>(&I))
      if (II->getIntrinsicID() == llvm::Intrinsic::arithmetic_fence)
        Marks.push_back(II);
  if (Marks.empty())
    return llvm::PreservedAnalyses::all();

  for (llvm::IntrinsicInst *Mark : Marks) {
    llvm::Value *V = Mark->getArgOperand(0);
    llvm::IRBuilder<> B(Mark);
    llvm::Value *Resolved = isQuietingOperation(V) ? V : quietNan(B, V);
    Mark->replaceAllUsesWith(Resolved);
    Mark->eraseFromParent();
  }
  llvm::PreservedAnalyses PA;
  PA.preserveSet<llvm::CFGAnalyses>();
  return PA;
}

void wasmaot::lowering::quietFoldedNans(llvm::Module &M) {
  // Usually the pipeline has resolved every mark already: find the functions
  // still holding one through the fence declarations' users, instead of
  // walking every instruction of the module again.
  llvm::SmallPtrSet<llvm::Function *, 8> Marked;
  for (llvm::Function &Fence : M)
    if (Fence.getIntrinsicID() == llvm::Intrinsic::arithmetic_fence)
      for (llvm::User *U : Fence.users())
        if (auto *Call = llvm::dyn_cast<llvm::CallInst>(U))
          Marked.insert(Call->getFunction());
  llvm::FunctionAnalysisManager FAM;
  QuietFoldedNansPass Pass;
  for (llvm::Function &F : M)
    if (Marked.contains(&F))
      Pass.run(F, FAM);
}
