//===- validator/FunctionValidator.cpp - Typing of instructions -------------===//
#include "validator/FunctionValidator.h"
#include "support/Error.h"

using namespace wasmaot;
using namespace wasmaot::ir;

namespace {

llvm::StringRef typeName(uint8_t T) {
  return T == 0 ? llvm::StringRef("unknown") : toString(static_cast<ValType>(T));
}

bool isNumOrUnknown(uint8_t T) { return T == 0 || isNumType(static_cast<ValType>(T)); }
bool isVecOrUnknown(uint8_t T) { return T == 0 || static_cast<ValType>(T) == ValType::V128; }
bool isRefOrUnknown(uint8_t T) { return T == 0 || isRefType(static_cast<ValType>(T)); }

} // namespace

FunctionValidator::FunctionValidator(const ValidationContext &Ctx, const Function &F)
    : Ctx(Ctx), F(F) {
  const FuncType &T = Ctx.M.Types[F.TypeIndex];
  Locals.reserve(T.Params.size() + F.Locals.size());
  Locals.insert(Locals.end(), T.Params.begin(), T.Params.end());
  Locals.insert(Locals.end(), F.Locals.begin(), F.Locals.end());
}

llvm::Error FunctionValidator::error(const llvm::Twine &Message) {
  return invalid(CurrentOffset, Message);
}

llvm::Error FunctionValidator::validate() {
  const FuncType &T = Ctx.M.Types[F.TypeIndex];
  CurrentOffset = F.Offset;
  pushControl(Opcode::Block, {}, T.Results);
  for (const Instruction &I : F.Body) {
    if (Controls.empty())
      return invalid(I.Offset, "operators remaining after end of function");
    CurrentOffset = I.Offset;
    if (auto E = validateInstruction(I))
      return E;
  }
  if (!Controls.empty())
    return error("unexpected end of function: a block is not closed");
  return llvm::Error::success();
}

//===-- Operand and control stacks -----------------------------------------===//

void FunctionValidator::pushValues(llvm::ArrayRef<ValType> Types) {
  for (ValType T : Types)
    pushValue(T);
}

llvm::Expected<FunctionValidator::StackType> FunctionValidator::popValue() {
  const ControlFrame &Top = Controls.back();
  if (Values.size() == Top.Height) {
    if (Top.Unreachable)
      return Unknown;
    return error("type mismatch: expected a value, but the stack is empty");
  }
  StackType T = Values.back();
  Values.pop_back();
  return T;
}

llvm::Expected<FunctionValidator::StackType> FunctionValidator::popValue(StackType Expected) {
  const ControlFrame &Top = Controls.back();
  if (Values.size() == Top.Height && !Top.Unreachable)
    return error("type mismatch: expected " + typeName(Expected) +
                 ", but the stack is empty");
  auto Actual = popValue();
  if (!Actual)
    return Actual.takeError();
  if (*Actual != Expected && *Actual != Unknown && Expected != Unknown)
    return error("type mismatch: expected " + typeName(Expected) + ", got " +
                 typeName(*Actual));
  return *Actual;
}

llvm::Error FunctionValidator::popValues(llvm::ArrayRef<ValType> Types) {
  for (ValType T : llvm::reverse(Types))
    if (auto E = popValue(static_cast<StackType>(T)).takeError())
      return E;
  return llvm::Error::success();
}

void FunctionValidator::pushControl(Opcode Op, std::vector<ValType> Start,
                                    std::vector<ValType> End) {
  Controls.push_back({Op, std::move(Start), std::move(End), Values.size(), false});
  pushValues(Controls.back().StartTypes);
}

llvm::Expected<FunctionValidator::ControlFrame> FunctionValidator::popControl() {
  if (auto E = popValues(Controls.back().EndTypes))
    return E;
  if (Values.size() != Controls.back().Height)
    return error("type mismatch: " + llvm::Twine(Values.size() - Controls.back().Height) +
                 " values left on the stack at the end of the block");
  ControlFrame Frame = std::move(Controls.back());
  Controls.pop_back();
  return Frame;
}

void FunctionValidator::markUnreachable() {
  Values.resize(Controls.back().Height);
  Controls.back().Unreachable = true;
}

llvm::Expected<const FunctionValidator::ControlFrame *> FunctionValidator::label(uint32_t Depth) {
  if (Depth >= Controls.size())
    return error("unknown label " + llvm::Twine(Depth));
  return &Controls[Controls.size() - 1 - Depth];
}

llvm::Expected<const FuncType *> FunctionValidator::blockType(const BlockType &BT) {
  if (BT.K == BlockType::TypeIndex && BT.Index >= Ctx.M.Types.size())
    return error("unknown type " + llvm::Twine(BT.Index));
  return &Ctx.M.blockType(BT);
}

llvm::Expected<const TableType *> FunctionValidator::tableType(uint32_t Table) {
  if (Table >= Ctx.M.Tables.size())
    return error("unknown table " + llvm::Twine(Table));
  return &Ctx.M.Tables[Table].Type;
}

llvm::Expected<const MemoryType *> FunctionValidator::memoryType(uint32_t Memory) {
  if (Memory >= Ctx.M.Memories.size())
    return error("unknown memory " + llvm::Twine(Memory));
  return &Ctx.M.Memories[Memory].Type;
}

//===-- Instructions ---------------------------------------------------------===//

llvm::Error FunctionValidator::validateInstruction(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  if (isRelaxedSimd(I.Op) && !Ctx.Enabled.has(Feature::RelaxedSimd))
    return error(opcodeName(I.Op) + " needs relaxed-simd");
  switch (Info.Imm) {
  case ImmKind::MemArg:
  case ImmKind::MemArgLane:
  case ImmKind::MemIdx:
  case ImmKind::MemoryInit:
  case ImmKind::MemoryCopy:
    return validateMemory(I);
  case ImmKind::Lane:
    if (I.Lane >= Info.Aux)
      return error("invalid lane index " + llvm::Twine(unsigned(I.Lane)));
    return validateSignature(I, Info.Sig);
  case ImmKind::Shuffle:
    for (uint8_t Lane : I.V128)
      if (Lane >= 32)
        return error("invalid lane index " + llvm::Twine(unsigned(Lane)));
    return validateSignature(I, Info.Sig);
  default:
    break;
  }
  if (Info.Sig != Signature::Special)
    return validateSignature(I, Info.Sig);

  switch (I.Op) {
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee:
  case Opcode::GlobalGet:
  case Opcode::GlobalSet:
  case Opcode::Drop:
  case Opcode::Select:
  case Opcode::SelectT:
    return validateVariable(I);
  case Opcode::RefNull:
  case Opcode::RefIsNull:
  case Opcode::RefFunc:
    return validateReference(I);
  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::TableSize:
  case Opcode::TableGrow:
  case Opcode::TableFill:
  case Opcode::TableCopy:
  case Opcode::TableInit:
  case Opcode::ElemDrop:
    return validateTable(I);
  case Opcode::DataDrop:
    if (I.Index >= Ctx.M.Datas.size())
      return error("unknown data segment " + llvm::Twine(I.Index));
    return llvm::Error::success();
  default:
    return validateControl(I);
  }
}

llvm::Error FunctionValidator::validateSignature(const Instruction &I, Signature Sig) {
  SignatureTypes Types = signatureTypes(Sig);
  if (auto E = popValues(Types.Params))
    return E;
  pushValues(Types.Results);
  return llvm::Error::success();
}

llvm::Error FunctionValidator::validateControl(const Instruction &I) {
  switch (I.Op) {
  case Opcode::Unreachable:
    markUnreachable();
    return llvm::Error::success();
  case Opcode::Nop:
    return llvm::Error::success();
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If: {
    auto BT = blockType(I.Block);
    if (!BT)
      return BT.takeError();
    if (I.Op == Opcode::If)
      if (auto E = popValue(static_cast<StackType>(ValType::I32)).takeError())
        return E;
    if (auto E = popValues((*BT)->Params))
      return E;
    pushControl(I.Op, (*BT)->Params, (*BT)->Results);
    return llvm::Error::success();
  }
  case Opcode::Else: {
    if (Controls.back().Op != Opcode::If)
      return error("else without a matching if");
    auto Frame = popControl();
    if (!Frame)
      return Frame.takeError();
    pushControl(Opcode::Else, std::move(Frame->StartTypes), std::move(Frame->EndTypes));
    return llvm::Error::success();
  }
  case Opcode::End: {
    auto Frame = popControl();
    if (!Frame)
      return Frame.takeError();
    // An `if` without `else` passes its parameters through the missing arm.
    if (Frame->Op == Opcode::If && Frame->StartTypes != Frame->EndTypes)
      return error("type mismatch: if without else must have matching parameter and "
                   "result types");
    if (!Controls.empty())
      pushValues(Frame->EndTypes);
    return llvm::Error::success();
  }
  case Opcode::Br: {
    auto L = label(I.Index);
    if (!L)
      return L.takeError();
    if (auto E = popValues(labelTypes(**L)))
      return E;
    markUnreachable();
    return llvm::Error::success();
  }
  case Opcode::BrIf: {
    auto L = label(I.Index);
    if (!L)
      return L.takeError();
    if (auto E = popValue(static_cast<StackType>(ValType::I32)).takeError())
      return E;
    // The control stack is not modified here, so the label's types stay put.
    llvm::ArrayRef<ValType> Types = labelTypes(**L);
    if (auto E = popValues(Types))
      return E;
    pushValues(Types);
    return llvm::Error::success();
  }
  case Opcode::BrTable: {
    if (auto E = popValue(static_cast<StackType>(ValType::I32)).takeError())
      return E;
    llvm::ArrayRef<uint32_t> Targets(F.BrTableTargets.data() + I.Targets.First,
                                     I.Targets.Count);
    auto Default = label(Targets.back());
    if (!Default)
      return Default.takeError();
    size_t Arity = labelTypes(**Default).size();
    for (uint32_t Depth : Targets.drop_back()) {
      auto L = label(Depth);
      if (!L)
        return L.takeError();
      llvm::ArrayRef<ValType> Types = labelTypes(**L);
      if (Types.size() != Arity)
        return error("type mismatch: br_table targets have different arities");
      // Check the operands against this label without consuming them, since
      // every target sees the same values.
      std::vector<StackType> Popped;
      for (ValType T : llvm::reverse(Types)) {
        auto V = popValue(static_cast<StackType>(T));
        if (!V)
          return V.takeError();
        Popped.push_back(*V);
      }
      for (StackType T : llvm::reverse(Popped))
        pushValue(T);
    }
    if (auto E = popValues(labelTypes(**Default)))
      return E;
    markUnreachable();
    return llvm::Error::success();
  }
  case Opcode::Return: {
    if (auto E = popValues(Controls.front().EndTypes))
      return E;
    markUnreachable();
    return llvm::Error::success();
  }
  case Opcode::Call:
  case Opcode::CallIndirect:
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
    return validateCall(I);
  default:
    llvm_unreachable("instruction has no validation rule");
  }
}

llvm::Error FunctionValidator::validateVariable(const Instruction &I) {
  switch (I.Op) {
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee: {
    if (I.Index >= Locals.size())
      return error("unknown local " + llvm::Twine(I.Index));
    ValType T = Locals[I.Index];
    if (I.Op != Opcode::LocalGet)
      if (auto E = popValue(static_cast<StackType>(T)).takeError())
        return E;
    if (I.Op != Opcode::LocalSet)
      pushValue(T);
    return llvm::Error::success();
  }
  case Opcode::GlobalGet:
  case Opcode::GlobalSet: {
    if (I.Index >= Ctx.M.Globals.size())
      return error("unknown global " + llvm::Twine(I.Index));
    const GlobalType &T = Ctx.M.Globals[I.Index].Type;
    if (I.Op == Opcode::GlobalGet) {
      pushValue(T.Type);
      return llvm::Error::success();
    }
    if (!T.Mutable)
      return error("global is immutable: global " + llvm::Twine(I.Index));
    return popValue(static_cast<StackType>(T.Type)).takeError();
  }
  case Opcode::Drop:
    return popValue().takeError();
  case Opcode::Select: {
    if (auto E = popValue(static_cast<StackType>(ValType::I32)).takeError())
      return E;
    auto T1 = popValue();
    if (!T1)
      return T1.takeError();
    auto T2 = popValue();
    if (!T2)
      return T2.takeError();
    // Untyped select only chooses between numbers or vectors.
    if (!((isNumOrUnknown(*T1) && isNumOrUnknown(*T2)) ||
          (isVecOrUnknown(*T1) && isVecOrUnknown(*T2))))
      return error("type mismatch: select without a type needs numeric or vector "
                   "operands, got " + typeName(*T2) + " and " + typeName(*T1));
    if (*T1 != *T2 && *T1 != Unknown && *T2 != Unknown)
      return error("type mismatch: select operands " + typeName(*T2) + " and " +
                   typeName(*T1) + " differ");
    pushValue(*T1 == Unknown ? *T2 : *T1);
    return llvm::Error::success();
  }
  case Opcode::SelectT: {
    if (I.Lane != 1)
      return error("invalid result arity: select takes exactly one type");
    StackType T = static_cast<StackType>(I.Type);
    if (auto E = popValue(static_cast<StackType>(ValType::I32)).takeError())
      return E;
    if (auto E = popValue(T).takeError())
      return E;
    if (auto E = popValue(T).takeError())
      return E;
    pushValue(T);
    return llvm::Error::success();
  }
  default:
    llvm_unreachable("not a variable instruction");
  }
}

llvm::Error FunctionValidator::validateReference(const Instruction &I) {
  switch (I.Op) {
  case Opcode::RefNull:
    pushValue(I.Type);
    return llvm::Error::success();
  case Opcode::RefIsNull: {
    auto T = popValue();
    if (!T)
      return T.takeError();
    if (!isRefOrUnknown(*T))
      return error("type mismatch: ref.is_null expects a reference, got " + typeName(*T));
    pushValue(ValType::I32);
    return llvm::Error::success();
  }
  case Opcode::RefFunc:
    if (I.Index >= Ctx.M.Functions.size())
      return error("unknown function " + llvm::Twine(I.Index));
    if (!Ctx.DeclaredFuncRefs.contains(I.Index))
      return error("undeclared function reference " + llvm::Twine(I.Index));
    pushValue(ValType::FuncRef);
    return llvm::Error::success();
  default:
    llvm_unreachable("not a reference instruction");
  }
}

llvm::Error FunctionValidator::validateCall(const Instruction &I) {
  bool Tail = I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect;
  if (Tail && !Ctx.Enabled.has(Feature::TailCall))
    return error(opcodeName(I.Op) + " needs tail-call");
  const FuncType *T = nullptr;
  if (I.Op == Opcode::Call || I.Op == Opcode::ReturnCall) {
    if (I.Index >= Ctx.M.Functions.size())
      return error("unknown function " + llvm::Twine(I.Index));
    T = &Ctx.M.funcType(I.Index);
  } else {
    auto Table = tableType(I.Pair.B);
    if (!Table)
      return Table.takeError();
    if ((*Table)->Elem != ValType::FuncRef)
      return error("type mismatch: " + opcodeName(I.Op) + " through a table of " +
                   toString((*Table)->Elem));
    if (I.Pair.A >= Ctx.M.Types.size())
      return error("unknown type " + llvm::Twine(I.Pair.A));
    T = &Ctx.M.Types[I.Pair.A];
    if (auto E = popValue(static_cast<StackType>((*Table)->addressType())).takeError())
      return E;
  }
  if (auto E = popValues(T->Params))
    return E;
  if (!Tail) {
    pushValues(T->Results);
    return llvm::Error::success();
  }
  // The callee's results become the caller's: they must be the same types.
  if (llvm::ArrayRef<ValType>(T->Results) != llvm::ArrayRef<ValType>(Controls.front().EndTypes))
    return error("type mismatch: " + opcodeName(I.Op) + " to a function of type " +
                 toString(*T) + ", whose results are not the caller's");
  markUnreachable();
  return llvm::Error::success();
}

llvm::Error FunctionValidator::validateTable(const Instruction &I) {
  auto Pop = [&](ValType T) { return popValue(static_cast<StackType>(T)).takeError(); };
  auto ElemSegmentType = [&](uint32_t Index) -> llvm::Expected<ValType> {
    if (Index >= Ctx.M.Elems.size())
      return error("unknown elem segment " + llvm::Twine(Index));
    return Ctx.M.Elems[Index].Type;
  };

  switch (I.Op) {
  case Opcode::ElemDrop:
    return ElemSegmentType(I.Index).takeError();
  case Opcode::TableCopy:
  case Opcode::TableInit: {
    // Both copy from a source (a table or an element segment) into a table
    // of the same reference type.
    bool Copy = I.Op == Opcode::TableCopy;
    auto Dest = tableType(Copy ? I.Pair.A : I.Pair.B);
    if (!Dest)
      return Dest.takeError();
    // table.copy between tables of different address types counts in the
    // smaller one; table.init reads an i32 range of its segment.
    ValType SrcAddr = ValType::I32, LenType = ValType::I32;
    ValType SrcElem;
    if (Copy) {
      auto Src = tableType(I.Pair.B);
      if (!Src)
        return Src.takeError();
      SrcElem = (*Src)->Elem;
      SrcAddr = (*Src)->addressType();
      LenType = (*Dest)->Is64 && (*Src)->Is64 ? ValType::I64 : ValType::I32;
    } else {
      auto Src = ElemSegmentType(I.Pair.A);
      if (!Src)
        return Src.takeError();
      SrcElem = *Src;
    }
    if ((*Dest)->Elem != SrcElem)
      return error("type mismatch: cannot copy " + toString(SrcElem) + " into a table of " +
                   toString((*Dest)->Elem));
    if (auto E = Pop(LenType))
      return E;
    if (auto E = Pop(SrcAddr))
      return E;
    return Pop((*Dest)->addressType());
  }
  default:
    break;
  }

  auto Table = tableType(I.Index);
  if (!Table)
    return Table.takeError();
  ValType Elem = (*Table)->Elem, Addr = (*Table)->addressType();
  switch (I.Op) {
  case Opcode::TableGet:
    if (auto E = Pop(Addr))
      return E;
    pushValue(Elem);
    return llvm::Error::success();
  case Opcode::TableSet:
    if (auto E = Pop(Elem))
      return E;
    return Pop(Addr);
  case Opcode::TableSize:
    pushValue(Addr);
    return llvm::Error::success();
  case Opcode::TableGrow:
    if (auto E = Pop(Addr))
      return E;
    if (auto E = Pop(Elem))
      return E;
    pushValue(Addr);
    return llvm::Error::success();
  case Opcode::TableFill:
    if (auto E = Pop(Addr))
      return E;
    if (auto E = Pop(Elem))
      return E;
    return Pop(Addr);
  default:
    llvm_unreachable("not a table instruction");
  }
}

llvm::Error FunctionValidator::validateMemory(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  SignatureTypes Sig = signatureTypes(Info.Sig);
  // The table's signatures are those of a 32-bit memory: the address
  // operands (and memory.size/grow's results) take the memory's address type.
  llvm::SmallVector<ValType, 3> Params(Sig.Params.begin(), Sig.Params.end());
  llvm::SmallVector<ValType, 1> Results(Sig.Results.begin(), Sig.Results.end());
  switch (Info.Imm) {
  case ImmKind::MemArg:
  case ImmKind::MemArgLane: {
    auto Mem = memoryType(I.Mem.Memory);
    if (!Mem)
      return Mem.takeError();
    // Aux is the access size in bytes; the alignment hint may not exceed it.
    unsigned NaturalLog2 = llvm::Log2_32(Info.Aux);
    if (I.Mem.AlignLog2 > NaturalLog2)
      return error("alignment must not be larger than natural: 2^" +
                   llvm::Twine(I.Mem.AlignLog2) + " > " + llvm::Twine(unsigned(Info.Aux)));
    if (!(*Mem)->Is64 && I.Mem.Offset > UINT32_MAX)
      return error("offset out of range: " + llvm::Twine(I.Mem.Offset) +
                   " does not fit a 32-bit memory's address");
    if (Info.Imm == ImmKind::MemArgLane && I.Lane >= 16 / Info.Aux)
      return error("invalid lane index " + llvm::Twine(unsigned(I.Lane)));
    Params[0] = (*Mem)->addressType();
    break;
  }
  case ImmKind::MemIdx: {
    auto Mem = memoryType(I.Index);
    if (!Mem)
      return Mem.takeError();
    ValType Addr = (*Mem)->addressType();
    for (ValType &T : Results)
      T = Addr; // memory.size, memory.grow
    if (I.Op == Opcode::MemoryGrow) {
      Params[0] = Addr;
    } else if (I.Op == Opcode::MemoryFill) {
      Params[0] = Addr; // [dst value len]
      Params[2] = Addr;
    }
    break;
  }
  case ImmKind::MemoryInit: {
    auto Mem = memoryType(I.Pair.B);
    if (!Mem)
      return Mem.takeError();
    if (I.Pair.A >= Ctx.M.Datas.size())
      return error("unknown data segment " + llvm::Twine(I.Pair.A));
    Params[0] = (*Mem)->addressType(); // [dst src len]: src and len index the segment
    break;
  }
  case ImmKind::MemoryCopy: {
    auto Dest = memoryType(I.Pair.A);
    if (!Dest)
      return Dest.takeError();
    auto Src = memoryType(I.Pair.B);
    if (!Src)
      return Src.takeError();
    Params[0] = (*Dest)->addressType();
    Params[1] = (*Src)->addressType();
    Params[2] = (*Dest)->Is64 && (*Src)->Is64 ? ValType::I64 : ValType::I32;
    break;
  }
  default:
    llvm_unreachable("not a memory instruction");
  }
  if (auto E = popValues(Params))
    return E;
  pushValues(Results);
  return llvm::Error::success();
}
