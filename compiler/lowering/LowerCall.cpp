//===- lowering/LowerCall.cpp - Direct, indirect and tail calls -------------===//
//
// A tail call (return_call, return_call_indirect) is a `musttail` call where
// the wasm calling convention is `tailcc` (CallingConvention.h): LLVM then
// guarantees that the caller's frame is gone before the callee runs, whatever
// the two functions' types, and tail recursion of any depth (even/odd,
// accumulators, state machines) runs in constant stack space. On targets
// without that convention (RISC-V) it is a `tail` hint, which the backend
// makes a jump where the arguments fit the caller's incoming argument area.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

void FunctionLowering::emitCall(llvm::Value *Callee, llvm::Value *CalleeVmctx,
                                const FuncType &WasmTy, bool Tail) {
  CallingConvention &CC = vm().calls();
  llvm::SmallVector<llvm::Value *, 8> Args{CalleeVmctx};
  for (llvm::Value *Arg : popN(WasmTy.Params.size()))
    Args.push_back(Arg);
  if (Tail) {
    // The validator checked that the results are the caller's: the same
    // native return type, or the same results area, which passes on.
    llvm::Value *Area = CC.resultsInMemory(WasmTy) ? CC.incomingArea(*LF) : nullptr;
    llvm::CallInst *Call = CC.emitCall(B, WasmTy, Callee, Args, Area);
    Call->setTailCallKind(CC.guaranteesTailCalls() ? llvm::CallInst::TCK_MustTail
                                                   : llvm::CallInst::TCK_Tail);
    if (Call->getType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
    markUnreachable();
    return;
  }
  llvm::Value *Area = nullptr;
  if (CC.resultsInMemory(WasmTy)) {
    // In the entry block, as every alloca, to be a fixed slot of the frame;
    // its lifetime is the call's, so that stack coloring shares one slot
    // among the function's calls.
    llvm::IRBuilder<> Entry(&LF->getEntryBlock(), LF->getEntryBlock().begin());
    Area = Entry.CreateAlloca(CC.resultArea(WasmTy), nullptr, "results");
    B.CreateLifetimeStart(Area);
  }
  llvm::CallInst *Call = CC.emitCall(B, WasmTy, Callee, Args, Area);
  // Every wasm call takes stack: recursion without end must exhaust it and
  // trap, so the optimizer may not turn (accumulator) recursion into a loop.
  Call->setTailCallKind(llvm::CallInst::TCK_NoTail);
  for (llvm::Value *Result : CC.results(B, WasmTy, Call, Area))
    push(Result);
  if (Area)
    B.CreateLifetimeEnd(Area);
}

llvm::Error FunctionLowering::lowerCall(const Instruction &I) {
  const FuncType &Callee = Ctx.WM.funcType(I.Index);
  bool Tail = I.Op == Opcode::ReturnCall;
  if (llvm::Function *Direct = Ctx.Function(I.Index)) {
    emitCall(Direct, Vmctx, Callee, Tail);
    return llvm::Error::success();
  }
  // Imports are reached through their funcref: the code and the instance
  // it belongs to.
  auto [Code, CalleeVmctx] = vm().funcRefTarget(B, vm().functionRef(B, Vmctx, I.Index));
  emitCall(Code, CalleeVmctx, Callee, Tail);
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
  emitCall(Code, CalleeVmctx, Callee, I.Op == Opcode::ReturnCallIndirect);
  return llvm::Error::success();
}
