//===- lowering/LowerCall.cpp - Direct calls -------------------------------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

void FunctionLowering::emitCall(llvm::FunctionType *Ty, llvm::Value *Callee,
                                llvm::Value *CalleeVmctx, const FuncType &WasmTy) {
  llvm::SmallVector<llvm::Value *, 8> Args{CalleeVmctx};
  for (llvm::Value *Arg : popN(WasmTy.Params.size()))
    Args.push_back(Arg);
  llvm::CallInst *Call = B.CreateCall(Ty, Callee, Args);
  // Every wasm call takes stack: recursion without end must exhaust it and
  // trap, so the optimizer may not turn (accumulator) recursion into a loop.
  Call->setTailCallKind(llvm::CallInst::TCK_NoTail);
  if (WasmTy.Results.size() == 1) {
    push(Call);
    return;
  }
  for (unsigned K = 0; K < WasmTy.Results.size(); ++K)
    push(B.CreateExtractValue(Call, K));
}

llvm::Error FunctionLowering::lowerCall(const Instruction &I) {
  const FuncType &Callee = Ctx.WM.funcType(I.Index);
  if (llvm::Function *Direct = Ctx.Functions[I.Index]) {
    emitCall(Direct->getFunctionType(), Direct, Vmctx, Callee);
    return llvm::Error::success();
  }
  // Imports are reached through their funcref: the code and the instance
  // it belongs to.
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, vm().functionRef(B, Vmctx, I.Index));
  emitCall(vm().functionType(Callee), Code, CalleeVmctx, Callee);
  return llvm::Error::success();
}
