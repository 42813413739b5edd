//===- lowering/LowerVariable.cpp - Locals, globals, drop, select ----------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

llvm::Error FunctionLowering::lowerVariable(const Instruction &I) {
  switch (I.Op) {
  case Opcode::LocalGet: {
    llvm::AllocaInst *A = Locals[I.Index];
    push(B.CreateLoad(A->getAllocatedType(), A));
    break;
  }
  case Opcode::LocalSet:
    B.CreateStore(pop(), Locals[I.Index]);
    break;
  case Opcode::LocalTee:
    B.CreateStore(Stack.back(), Locals[I.Index]);
    break;
  case Opcode::GlobalGet: {
    llvm::Type *Ty = vm().valueType(Ctx.WM.Globals[I.Index].Type.Type);
    push(B.CreateLoad(Ty, vm().globalAddress(B, Vmctx, I.Index),
                      "global" + llvm::Twine(I.Index)));
    break;
  }
  case Opcode::GlobalSet:
    B.CreateStore(pop(), vm().globalAddress(B, Vmctx, I.Index));
    break;
  case Opcode::Drop:
    pop();
    break;
  case Opcode::Select:
  case Opcode::SelectT: {
    llvm::Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "select.cond");
    llvm::Value *IfFalse = pop();
    llvm::Value *IfTrue = pop();
    push(B.CreateSelect(Cond, IfTrue, IfFalse));
    break;
  }
  default:
    llvm_unreachable("not a variable instruction");
  }
  return llvm::Error::success();
}
