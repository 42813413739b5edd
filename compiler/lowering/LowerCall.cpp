//===- lowering/LowerCall.cpp - Direct and indirect calls -------------------===//
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
  if (WasmTy.Results.empty())
    return;
  for (llvm::Value *Result : vm().unpackResults(B, WasmTy, Call))
    push(Result);
}

llvm::Error FunctionLowering::lowerCall(const Instruction &I) {
  const FuncType &Callee = Ctx.WM.funcType(I.Index);
  if (llvm::Function *Direct = Ctx.Function(I.Index)) {
    emitCall(Direct->getFunctionType(), Direct, Vmctx, Callee);
    return llvm::Error::success();
  }
  // Imports are reached through their funcref: the code and the instance
  // it belongs to.
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, vm().functionRef(B, Vmctx, I.Index));
  emitCall(vm().functionType(Callee), Code, CalleeVmctx, Callee);
  return llvm::Error::success();
}

llvm::Error FunctionLowering::lowerCallIndirect(const Instruction &I) {
  const FuncType &Callee = Ctx.WM.Types[I.Pair.A];
  llvm::Value *Index = pop();
  llvm::Value *Table = vm().table(B, Vmctx, I.Pair.B);
  trapIf(B.CreateICmpUGE(Index, vm().tableSize(B, Table)), WASMAOT_TRAP_UNDEFINED_ELEMENT);
  llvm::Value *Slot = B.CreateInBoundsGEP(vm().ptrType(), vm().tableElements(B, Table),
                                          B.CreateZExt(Index, B.getInt64Ty()), "slot");
  llvm::Value *Ref = B.CreateLoad(vm().ptrType(), Slot, "funcref");
  trapIf(B.CreateIsNull(Ref), WASMAOT_TRAP_UNINITIALIZED_ELEMENT);
  // Canonical ids make structurally equal types equal across modules.
  trapIf(B.CreateICmpNE(vm().funcRefTypeId(B, Ref), vm().typeId(B, Vmctx, I.Pair.A)),
         WASMAOT_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, Ref);
  emitCall(vm().functionType(Callee), Code, CalleeVmctx, Callee);
  return llvm::Error::success();
}
