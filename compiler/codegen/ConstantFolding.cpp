//===- codegen/ConstantFolding.cpp -----------------------------------------===//
#include "codegen/ConstantFolding.h"

#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

void wasmaot::foldConstantExpressions(llvm::Module &M) {
  const llvm::DataLayout &DL = M.getDataLayout();
  for (llvm::Function &F : M)
    for (llvm::Instruction &I : llvm::instructions(F))
      for (llvm::Use &Operand : I.operands()) {
        auto *C = llvm::dyn_cast<llvm::ConstantExpr>(Operand.get());
        if (!C)
          continue;
        llvm::Constant *Folded = llvm::ConstantFoldConstant(C, DL);
        if (Folded != C)
          Operand.set(Folded);
      }
}
