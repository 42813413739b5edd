//===- lowering/LowerMemory.cpp - Loads, stores, memory.size/grow, bulk ---===//
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

struct AccessShape {
  unsigned Bytes;  // bytes in memory
  bool Signed;     // narrow loads: sign- or zero-extend
  bool IsStore;
};

AccessShape accessShape(Opcode Op) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  bool IsStore = Info.Name.contains(".store");
  return {Info.Aux, Info.Name.ends_with("_s"), IsStore};
}

} // namespace

llvm::Error FunctionLowering::lowerMemory(const Instruction &I) {
  switch (I.Op) {
  case Opcode::MemorySize: {
    const MemoryType &T = Ctx.WM.Memories[I.Index].Type;
    llvm::Value *Pages = B.CreateLShr(vm().memorySize(B, Vmctx, I.Index), T.PageSizeLog2);
    push(fromI64(Pages, T.addressType()));
    return llvm::Error::success();
  }
  case Opcode::MemoryGrow: {
    const MemoryType &T = Ctx.WM.Memories[I.Index].Type;
    llvm::Value *Old = B.CreateCall(vm().memoryGrowFunction(),
                                    {Vmctx, B.getInt32(I.Index), toI64(pop())}, "memory.grow");
    push(fromI64(Old, T.addressType()));
    return llvm::Error::success();
  }
  // Bulk operations check their whole range before writing anything, under
  // either bounds-check strategy, so the runtime does them.
  case Opcode::MemoryInit: {
    auto Ops = popN(3); // dst, src, len
    callRuntimeChecked("wasmaot_rt_memory_init",
                       {B.getInt32(I.Pair.B), B.getInt32(I.Pair.A), toI64(Ops[0]), Ops[1], Ops[2]},
                       WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return llvm::Error::success();
  }
  case Opcode::MemoryCopy: {
    auto Ops = popN(3); // dst, src, len
    callRuntimeChecked("wasmaot_rt_memory_copy",
                       {B.getInt32(I.Pair.A), B.getInt32(I.Pair.B), toI64(Ops[0]), toI64(Ops[1]),
                        toI64(Ops[2])},
                       WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return llvm::Error::success();
  }
  case Opcode::MemoryFill: {
    auto Ops = popN(3); // dst, value, len
    callRuntimeChecked("wasmaot_rt_memory_fill",
                       {B.getInt32(I.Index), toI64(Ops[0]), Ops[1], toI64(Ops[2])},
                       WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return llvm::Error::success();
  }
  case Opcode::DataDrop:
    B.CreateCall(vm().runtimeFunction("wasmaot_rt_data_drop", B.getVoidTy(), {B.getInt32Ty()}),
                 {Vmctx, B.getInt32(I.Index)});
    return llvm::Error::success();
  default:
    break;
  }

  AccessShape Shape = accessShape(I.Op);
  SignatureTypes Sig = signatureTypes(opcodeInfo(I.Op).Sig);
  llvm::Type *MemTy = B.getIntNTy(Shape.Bytes * 8);
  if (Shape.IsStore) {
    llvm::Value *Value = pop();
    BoundsCheck &Bounds = bounds(I.Mem.Memory);
    llvm::Value *Addr = Bounds.address(*this, I.Mem.Memory, pop(), I.Mem.Offset, Shape.Bytes);
    if (Value->getType()->isIntegerTy() && Value->getType() != MemTy)
      Value = B.CreateTrunc(Value, MemTy);
    // Wasm allows any alignment: the hint is not a promise.
    vm().markMemoryAccess(
        B.CreateAlignedStore(Value, Addr, llvm::Align(1), Bounds.accessesMustStay()));
    return llvm::Error::success();
  }

  llvm::Type *ResultTy = vm().valueType(Sig.Results[0]);
  BoundsCheck &Bounds = bounds(I.Mem.Memory);
  llvm::Value *Addr = Bounds.address(*this, I.Mem.Memory, pop(), I.Mem.Offset, Shape.Bytes);
  llvm::Type *LoadTy = ResultTy->isIntegerTy() ? MemTy : ResultTy;
  llvm::LoadInst *Load =
      B.CreateAlignedLoad(LoadTy, Addr, llvm::Align(1), Bounds.accessesMustStay(), "load");
  vm().markMemoryAccess(Load);
  llvm::Value *Loaded = Load;
  if (LoadTy != ResultTy)
    Loaded = Shape.Signed ? B.CreateSExt(Loaded, ResultTy) : B.CreateZExt(Loaded, ResultTy);
  push(Loaded);
  return llvm::Error::success();
}
