//===- lowering/LowerCall.cpp - Direct, indirect and tail calls -------------===//
//
// A tail call (return_call, return_call_indirect) to a function of the
// caller's own wasm type is a `musttail` call on x86 and AArch64: the same
// native prototype, so LLVM guarantees the caller's frame is gone before the
// callee runs, and tail recursion of any depth (even/odd, accumulators,
// state machines) runs in constant stack space. A tail call to a function
// of another type, and every tail call on targets whose backends cannot
// guarantee one (ARM, RISC-V: not with arguments on the stack), is a `tail`
// call, which the backend makes a jump where the arguments fit the caller's
// incoming argument area (registers, for the first six to eight integer and
// eight float parameters) and a call otherwise.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

void FunctionLowering::emitCall(llvm::FunctionType *Ty, llvm::Value *Callee,
                                llvm::Value *CalleeVmctx, const FuncType &WasmTy, bool Tail) {
  llvm::SmallVector<llvm::Value *, 8> Args{CalleeVmctx};
  for (llvm::Value *Arg : popN(WasmTy.Params.size()))
    Args.push_back(Arg);
  llvm::CallInst *Call = B.CreateCall(Ty, Callee, Args);
  if (Tail) {
    // The validator checked that the results are the caller's: the native
    // return types are the same.
    bool Guaranteed = Ty == LF->getFunctionType() && vm().shape().GuaranteedTailCalls;
    Call->setTailCallKind(Guaranteed ? llvm::CallInst::TCK_MustTail : llvm::CallInst::TCK_Tail);
    if (Ty->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
    markUnreachable();
    return;
  }
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
  bool Tail = I.Op == Opcode::ReturnCall;
  if (llvm::Function *Direct = Ctx.Function(I.Index)) {
    emitCall(Direct->getFunctionType(), Direct, Vmctx, Callee, Tail);
    return llvm::Error::success();
  }
  // Imports are reached through their funcref: the code and the instance
  // it belongs to.
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, vm().functionRef(B, Vmctx, I.Index));
  emitCall(vm().functionType(Callee), Code, CalleeVmctx, Callee, Tail);
  return llvm::Error::success();
}

llvm::Error FunctionLowering::lowerCallIndirect(const Instruction &I) {
  const FuncType &Callee = Ctx.WM.Types[I.Pair.A];
  llvm::Value *Slot = tableSlot(I.Pair.B, pop(), WASMAOT_TRAP_UNDEFINED_ELEMENT);
  llvm::Value *Ref = B.CreateLoad(vm().ptrType(), Slot, "funcref");
  trapIf(B.CreateIsNull(Ref), WASMAOT_TRAP_UNINITIALIZED_ELEMENT);
  // Canonical ids make structurally equal types equal across modules.
  trapIf(B.CreateICmpNE(vm().funcRefTypeId(B, Ref), vm().typeId(B, Vmctx, I.Pair.A)),
         WASMAOT_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, Ref);
  emitCall(vm().functionType(Callee), Code, CalleeVmctx, Callee,
           I.Op == Opcode::ReturnCallIndirect);
  return llvm::Error::success();
}
