//===- lowering/LowerControl.cpp - Blocks, loops, branches -----------------===//
//
// Block results and loop parameters are phi nodes: a branch adds the values
// on top of the operand stack as incoming values of its target's phis.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

llvm::Error FunctionLowering::lowerControl(const Instruction &I) {
  switch (I.Op) {
  case Opcode::Nop:
    break;
  case Opcode::Unreachable:
    B.CreateBr(trapBlock(WASMAOT_TRAP_UNREACHABLE));
    markUnreachable();
    break;
  case Opcode::Block:
    pushFrame(Opcode::Block, &Ctx.WM.blockType(I.Block));
    break;
  case Opcode::Loop: {
    const FuncType &T = Ctx.WM.blockType(I.Block);
    pushFrame(Opcode::Loop, &T);
    ControlFrame &Frame = Frames.back();
    Frame.Header = newBlock("loop");
    llvm::IRBuilder<> PhiBuilder(Frame.Header);
    for (ValType P : T.Params)
      Frame.Params.push_back(PhiBuilder.CreatePHI(vm().valueType(P), 2));
    branchTo(Frame);
    B.SetInsertPoint(Frame.Header);
    // Every iteration passes the header: a loop without calls is stopped here.
    checkInterrupt();
    Stack.resize(Frame.Height);
    Stack.insert(Stack.end(), Frame.Params.begin(), Frame.Params.end());
    break;
  }
  case Opcode::If: {
    llvm::Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "if.cond");
    const FuncType &T = Ctx.WM.blockType(I.Block);
    pushFrame(Opcode::If, &T);
    ControlFrame &Frame = Frames.back();
    Frame.IfParams.assign(Stack.end() - T.Params.size(), Stack.end());
    llvm::BasicBlock *Then = newBlock("then");
    Frame.Else = newBlock("else");
    B.CreateCondBr(Cond, Then, Frame.Else);
    B.SetInsertPoint(Then);
    break;
  }
  case Opcode::Else:
    lowerElse();
    break;
  case Opcode::End:
    endFrame();
    break;
  case Opcode::Br:
    branchTo(Frames[Frames.size() - 1 - I.Index]);
    markUnreachable();
    break;
  case Opcode::BrIf: {
    llvm::Value *Cond = B.CreateICmpNE(pop(), B.getInt32(0), "br_if.cond");
    ControlFrame &Target = Frames[Frames.size() - 1 - I.Index];
    llvm::BasicBlock *Cont = newBlock("br_if.cont");
    bool IsLoop = Target.Op == Opcode::Loop;
    llvm::ArrayRef<llvm::PHINode *> Phis = IsLoop ? Target.Params : Target.Results;
    for (size_t K = 0; K < Phis.size(); ++K)
      Phis[K]->addIncoming(Stack[Stack.size() - Phis.size() + K], B.GetInsertBlock());
    B.CreateCondBr(Cond, IsLoop ? Target.Header : Target.Next, Cont);
    B.SetInsertPoint(Cont);
    break;
  }
  case Opcode::BrTable: {
    llvm::Value *Index = pop();
    llvm::ArrayRef<uint32_t> Depths(F.BrTableTargets.data() + I.Targets.First,
                                    I.Targets.Count);
    // Each edge of the switch, duplicates included, needs its own incoming
    // value in the target's phis.
    auto Edge = [&](uint32_t Depth) {
      ControlFrame &Target = Frames[Frames.size() - 1 - Depth];
      bool IsLoop = Target.Op == Opcode::Loop;
      llvm::ArrayRef<llvm::PHINode *> Phis = IsLoop ? Target.Params : Target.Results;
      for (size_t K = 0; K < Phis.size(); ++K)
        Phis[K]->addIncoming(Stack[Stack.size() - Phis.size() + K], B.GetInsertBlock());
      return IsLoop ? Target.Header : Target.Next;
    };
    llvm::SwitchInst *Switch =
        B.CreateSwitch(Index, Edge(Depths.back()), Depths.size() - 1);
    for (size_t K = 0; K + 1 < Depths.size(); ++K)
      Switch->addCase(B.getInt32(K), Edge(Depths[K]));
    markUnreachable();
    break;
  }
  case Opcode::Return:
    branchTo(Frames.front());
    markUnreachable();
    break;
  default:
    llvm_unreachable("not a control instruction");
  }
  return llvm::Error::success();
}

void FunctionLowering::lowerElse() {
  ControlFrame &Frame = Frames.back();
  if (Reachable)
    fallThrough(Frame);
  Stack.resize(Frame.Height);
  Stack.insert(Stack.end(), Frame.IfParams.begin(), Frame.IfParams.end());
  B.SetInsertPoint(Frame.Else);
  Frame.Else = nullptr;
  Frame.Op = Opcode::Else;
  Reachable = true;
}

void FunctionLowering::endFrame() {
  ControlFrame &Frame = Frames.back();
  if (Reachable)
    fallThrough(Frame);
  if (Frame.Else) {
    // An `if` without `else`: the missing arm passes the parameters on.
    llvm::IRBuilder<> ElseBuilder(Frame.Else);
    for (size_t K = 0; K < Frame.Results.size(); ++K)
      Frame.Results[K]->addIncoming(Frame.IfParams[K], Frame.Else);
    ElseBuilder.CreateBr(Frame.Next);
  }

  Stack.resize(Frame.Height);
  llvm::BasicBlock *Next = Frame.Next;
  llvm::SmallVector<llvm::PHINode *, 2> Results = std::move(Frame.Results);
  Frames.pop_back();

  if (llvm::pred_empty(Next)) {
    // Nothing reaches the end of this block: what follows is dead too.
    Next->eraseFromParent();
    Reachable = false;
    return;
  }
  B.SetInsertPoint(Next);
  Reachable = true;
  if (!Frames.empty()) {
    Stack.insert(Stack.end(), Results.begin(), Results.end());
    return;
  }

  // The end of the function body: return its results.
  llvm::SmallVector<llvm::Value *, 4> Values(Results.begin(), Results.end());
  vm().calls().emitReturn(B, *LF, Type, Values);
}
