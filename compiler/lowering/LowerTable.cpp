//===- lowering/LowerTable.cpp - Tables and references ---------------------===//
//
// References are pointers: a funcref points to a wasmaot_funcref, an
// externref is the host's opaque pointer, and null is the null pointer.
// table.get/set/size are inline loads and stores through the table's
// wasmaot_table; operations that may allocate or touch many elements call
// the runtime, which reports an out-of-bounds range instead of trapping itself.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

llvm::Value *FunctionLowering::tableSlot(uint32_t TableIndex, llvm::Value *Index,
                                         wasmaot_trap_kind Kind) {
  llvm::Value *Table = vm().table(B, Vmctx, TableIndex);
  llvm::Value *Size = vm().tableSize(B, Table);
  // An index of a 64-bit table may exceed any u32 size: it is compared in
  // 64 bits.
  if (Index->getType()->isIntegerTy(64))
    Size = toI64(Size);
  trapIf(B.CreateICmpUGE(Index, Size), Kind);
  return B.CreateInBoundsGEP(vm().ptrType(), vm().tableElements(B, Table), toI64(Index),
                             "slot");
}

void FunctionLowering::callRuntimeChecked(llvm::StringRef Name,
                                          llvm::ArrayRef<llvm::Value *> Args,
                                          wasmaot_trap_kind Kind) {
  llvm::SmallVector<llvm::Type *, 6> Types;
  for (llvm::Value *A : Args)
    Types.push_back(A->getType());
  llvm::FunctionCallee F = vm().runtimeFunction(Name, B.getInt32Ty(), Types);
  llvm::SmallVector<llvm::Value *, 6> All{Vmctx};
  All.append(Args.begin(), Args.end());
  llvm::Value *Failed = B.CreateCall(F, All);
  trapIf(B.CreateICmpNE(Failed, B.getInt32(0)), Kind);
}

llvm::Error FunctionLowering::lowerTable(const Instruction &I) {
  llvm::PointerType *Ptr = vm().ptrType();
  llvm::IntegerType *I32 = B.getInt32Ty();
  llvm::IntegerType *I64 = B.getInt64Ty();
  auto AddressType = [&](uint32_t Table) { return Ctx.WM.Tables[Table].Type.addressType(); };
  switch (I.Op) {
  case Opcode::RefNull:
    push(llvm::ConstantPointerNull::get(Ptr));
    break;
  case Opcode::RefIsNull:
    push(B.CreateZExt(B.CreateIsNull(pop()), I32, "is_null"));
    break;
  case Opcode::RefFunc:
    push(vm().functionRef(B, Vmctx, I.Index));
    break;
  case Opcode::TableGet: {
    llvm::Value *Slot = tableSlot(I.Index, pop());
    push(B.CreateLoad(Ptr, Slot, "elem"));
    break;
  }
  case Opcode::TableSet: {
    llvm::Value *Value = pop();
    B.CreateStore(Value, tableSlot(I.Index, pop()));
    break;
  }
  case Opcode::TableSize: {
    llvm::Value *Size = vm().tableSize(B, vm().table(B, Vmctx, I.Index));
    push(AddressType(I.Index) == ValType::I64 ? toI64(Size) : Size);
    break;
  }
  case Opcode::TableGrow: {
    llvm::Value *Delta = pop();
    llvm::Value *Init = pop();
    llvm::FunctionCallee F = vm().runtimeFunction("wasmaot_rt_table_grow", I64, {I32, Ptr, I64});
    llvm::Value *Old =
        B.CreateCall(F, {Vmctx, B.getInt32(I.Index), Init, toI64(Delta)}, "table.grow");
    push(fromI64(Old, AddressType(I.Index)));
    break;
  }
  case Opcode::TableFill: {
    llvm::Value *Len = pop();
    llvm::Value *Value = pop();
    llvm::Value *Dst = pop();
    callRuntimeChecked("wasmaot_rt_table_fill",
                       {B.getInt32(I.Index), toI64(Dst), Value, toI64(Len)},
                       WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS);
    break;
  }
  case Opcode::TableCopy: {
    auto Ops = popN(3); // dst, src, len
    callRuntimeChecked("wasmaot_rt_table_copy",
                       {B.getInt32(I.Pair.A), B.getInt32(I.Pair.B), toI64(Ops[0]), toI64(Ops[1]),
                        toI64(Ops[2])},
                       WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS);
    break;
  }
  case Opcode::TableInit: {
    auto Ops = popN(3); // dst, src, len
    callRuntimeChecked("wasmaot_rt_table_init",
                       {B.getInt32(I.Pair.B), B.getInt32(I.Pair.A), toI64(Ops[0]), Ops[1], Ops[2]},
                       WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS);
    break;
  }
  case Opcode::ElemDrop:
    B.CreateCall(vm().runtimeFunction("wasmaot_rt_elem_drop", B.getVoidTy(), {I32}),
                 {Vmctx, B.getInt32(I.Index)});
    break;
  default:
    llvm_unreachable("not a table or reference instruction");
  }
  return llvm::Error::success();
}
