//===- lowering/FunctionLowering.cpp - Stacks, frames, traps, dispatch -----===//
#include "lowering/FunctionLowering.h"
#include "support/Error.h"

#include "llvm/IR/MDBuilder.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

FunctionLowering::FunctionLowering(LoweringContext &Ctx, uint32_t FuncIndex)
    : Ctx(Ctx), F(Ctx.WM.Functions[FuncIndex]), Type(Ctx.WM.funcType(FuncIndex)),
      LF(Ctx.Function(FuncIndex)), Subprogram(Ctx.Debug.attach(*LF, FuncIndex)),
      B(LF->getContext()) {}

llvm::Error FunctionLowering::lower() {
  llvm::BasicBlock *Entry = newBlock("entry");
  B.SetInsertPoint(Entry);
  // The prologue (locals, the stack check) is at the body's start.
  B.SetCurrentDebugLocation(DebugLocations::at(Subprogram, F.Offset));
  Vmctx = LF->getArg(0);
  Vmctx->setName("vmctx");

  // Locals live in allocas; SROA turns them into SSA values at -O1 and up.
  for (size_t I = 0; I < Type.Params.size(); ++I) {
    llvm::AllocaInst *A = B.CreateAlloca(vm().valueType(Type.Params[I]), nullptr,
                                         "local" + llvm::Twine(I));
    B.CreateStore(LF->getArg(I + 1), A);
    Locals.push_back(A);
  }
  for (ValType T : F.Locals) {
    llvm::Type *Ty = vm().valueType(T);
    llvm::AllocaInst *A = B.CreateAlloca(Ty, nullptr, "local" + llvm::Twine(Locals.size()));
    B.CreateStore(llvm::Constant::getNullValue(Ty), A);
    Locals.push_back(A);
  }

  // Deep recursion must trap, not overflow the native stack: compare the
  // frame with the limit the runtime computed for this thread. The frame
  // address (not stacksave, which LLVM treats as a side effect) is the same
  // for every copy of this check that inlining puts into one function, so
  // those copies merge into one. The limit keeps a margin far larger than a
  // frame (traps/Trap.h), and a frame that reaches past it faults in the
  // stack's guard, which traps too.
  llvm::Value *SP = B.CreatePtrToInt(
      B.CreateIntrinsic(llvm::Intrinsic::frameaddress, {vm().ptrType()}, {B.getInt32(0)}, nullptr,
                        "frame"),
      B.getInt64Ty());
  trapIf(B.CreateICmpULT(SP, vm().stackLimit(B, Vmctx)), WASMAOT_TRAP_STACK_EXHAUSTED);
  checkInterrupt();

  pushFrame(Opcode::Block, &Type);
  for (const Instruction &I : F.Body) {
    B.SetCurrentDebugLocation(DebugLocations::at(Subprogram, I.Offset));
    if (auto E = lowerInstruction(I))
      return withContext(std::move(E), "at " + opcodeName(I.Op));
  }
  return llvm::Error::success();
}

void FunctionLowering::checkInterrupt() {
  if (Ctx.Interruptible)
    trapIf(vm().interruptRequested(B, Vmctx), WASMAOT_TRAP_INTERRUPTED);
}

llvm::Error FunctionLowering::lowerInstruction(const Instruction &I) {
  if (!Reachable) {
    // Code after br, return or unreachable: only block structure matters.
    switch (I.Op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
      ++SkippedDepth;
      return llvm::Error::success();
    case Opcode::Else:
      if (SkippedDepth == 0)
        lowerElse();
      return llvm::Error::success();
    case Opcode::End:
      if (SkippedDepth > 0)
        --SkippedDepth;
      else
        endFrame();
      return llvm::Error::success();
    default:
      return llvm::Error::success();
    }
  }

  const OpcodeInfo &Info = opcodeInfo(I.Op);
  switch (Info.Imm) {
  case ImmKind::MemArg:
    if (Info.Prefix == 0)
      return lowerMemory(I);
    break;
  default:
    break;
  }
  switch (I.Op) {
  case Opcode::Unreachable:
  case Opcode::Nop:
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Else:
  case Opcode::End:
  case Opcode::Br:
  case Opcode::BrIf:
  case Opcode::BrTable:
  case Opcode::Return:
    return lowerControl(I);
  case Opcode::Call:
  case Opcode::ReturnCall:
    return lowerCall(I);
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect:
    return lowerCallIndirect(I);
  case Opcode::MemorySize:
  case Opcode::MemoryGrow:
  case Opcode::MemoryInit:
  case Opcode::MemoryCopy:
  case Opcode::MemoryFill:
  case Opcode::DataDrop:
    return lowerMemory(I);
  case Opcode::RefNull:
  case Opcode::RefIsNull:
  case Opcode::RefFunc:
  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::TableSize:
  case Opcode::TableGrow:
  case Opcode::TableFill:
  case Opcode::TableCopy:
  case Opcode::TableInit:
  case Opcode::ElemDrop:
    return lowerTable(I);
  case Opcode::Drop:
  case Opcode::Select:
  case Opcode::SelectT:
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee:
  case Opcode::GlobalGet:
  case Opcode::GlobalSet:
    return lowerVariable(I);
  default:
    break;
  }
  if (Info.Prefix == 0xFD)
    return lowerSimd(I);
  if (Info.Prefix == 0 && Info.Code >= 0x41 && Info.Code <= 0xA6)
    return lowerNumeric(I);
  if ((Info.Prefix == 0 && Info.Code >= 0xA7 && Info.Code <= 0xC4) ||
      (Info.Prefix == 0xFC && Info.Code <= 7))
    return lowerConversion(I);
  return makeError(ErrorKind::Unsupported, I.Offset,
                   opcodeName(I.Op) + " cannot be compiled yet");
}

//===-- Operand stack --------------------------------------------------------===//

llvm::Value *FunctionLowering::pop() {
  assert(Stack.size() > Frames.back().Height && "validation guarantees operands");
  llvm::Value *V = Stack.back();
  Stack.pop_back();
  return V;
}

llvm::SmallVector<llvm::Value *, 4> FunctionLowering::popN(size_t N) {
  llvm::SmallVector<llvm::Value *, 4> Values(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Values;
}

//===-- Blocks and traps -----------------------------------------------------===//

llvm::BasicBlock *FunctionLowering::newBlock(const llvm::Twine &Name) {
  return llvm::BasicBlock::Create(LF->getContext(), Name, LF);
}

llvm::BasicBlock *FunctionLowering::trapBlock(wasmaot_trap_kind Kind) {
  llvm::BasicBlock *&Trap = TrapBlocks[Kind];
  if (Trap)
    return Trap;
  // One trap block per kind and function keeps the hot path small.
  llvm::IRBuilder<>::InsertPointGuard Guard(B);
  Trap = newBlock("trap");
  B.SetInsertPoint(Trap);
  B.CreateCall(vm().trapFunction(), {Vmctx, B.getInt32(Kind)});
  B.CreateUnreachable();
  return Trap;
}

void FunctionLowering::trapIf(llvm::Value *Cond, wasmaot_trap_kind Kind) {
  llvm::BasicBlock *Cont = newBlock("cont");
  llvm::MDBuilder MDB(LF->getContext());
  B.CreateCondBr(Cond, trapBlock(Kind), Cont, MDB.createBranchWeights(1, 1 << 20));
  B.SetInsertPoint(Cont);
}

void FunctionLowering::markUnreachable() {
  Reachable = false;
  Stack.resize(Frames.back().Height);
}

void FunctionLowering::pushFrame(Opcode Op, const FuncType *FT) {
  ControlFrame Frame{Op, FT, newBlock("next"), nullptr, nullptr, {}, {}, {}, 0};
  llvm::IRBuilder<> PhiBuilder(Frame.Next);
  for (ValType T : FT->Results)
    Frame.Results.push_back(PhiBuilder.CreatePHI(vm().valueType(T), 2));
  // The function body's frame has its parameters in locals, not on the stack.
  Frame.Height = Frames.empty() ? 0 : Stack.size() - FT->Params.size();
  Frames.push_back(std::move(Frame));
}

void FunctionLowering::fallThrough(ControlFrame &Target) {
  for (size_t I = 0; I < Target.Results.size(); ++I)
    Target.Results[I]->addIncoming(Stack[Stack.size() - Target.Results.size() + I],
                                   B.GetInsertBlock());
  B.CreateBr(Target.Next);
}

void FunctionLowering::branchTo(ControlFrame &Target) {
  bool IsLoop = Target.Op == Opcode::Loop;
  llvm::ArrayRef<llvm::PHINode *> Phis = IsLoop ? Target.Params : Target.Results;
  llvm::BasicBlock *Dest = IsLoop ? Target.Header : Target.Next;
  for (size_t I = 0; I < Phis.size(); ++I)
    Phis[I]->addIncoming(Stack[Stack.size() - Phis.size() + I], B.GetInsertBlock());
  B.CreateBr(Dest);
}
