//===- codegen/RoundingNans.cpp --------------------------------------------===//
#include "codegen/RoundingNans.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace wasmaot;

namespace {

bool passesNansOn(llvm::Intrinsic::ID ID) {
  switch (ID) {
  case llvm::Intrinsic::floor:
  case llvm::Intrinsic::ceil:
  case llvm::Intrinsic::trunc:
  case llvm::Intrinsic::roundeven:
  case llvm::Intrinsic::nearbyint:
  case llvm::Intrinsic::rint:
    return true;
  default:
    return false;
  }
}

} // namespace

void wasmaot::quietRoundingNans(llvm::Module &M) {
  llvm::SmallVector<llvm::IntrinsicInst *, 16> Calls;
  // Through the declarations' users: only modules that round pay for a walk.
  for (llvm::Function &F : M) {
    if (!F.isDeclaration() || !passesNansOn(F.getIntrinsicID()))
      continue;
    for (llvm::User *U : F.users())
      if (auto *Call = llvm::dyn_cast<llvm::IntrinsicInst>(U))
        if (Call->getCalledFunction() == &F)
          Calls.push_back(Call);
  }
  for (llvm::IntrinsicInst *Call : Calls) {
    llvm::IRBuilder<> B(Call->getNextNode());
    llvm::Value *X = Call->getArgOperand(0);
    llvm::Value *IsNan = B.CreateFCmpUNO(X, X, "is.nan");
    llvm::Value *Quiet = B.CreateFAdd(X, X, "quiet.nan");
    llvm::Value *Result = B.CreateSelect(IsNan, Quiet, Call, "rounded");
    Call->replaceUsesWithIf(Result, [&](llvm::Use &U) { return U.getUser() != Result; });
  }
}
