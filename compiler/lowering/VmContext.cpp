//===- lowering/VmContext.cpp ----------------------------------------------===//
#include "lowering/VmContext.h"

#include "llvm/IR/MDBuilder.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

namespace {

constexpr llvm::StringLiteral MemoryTypeName = "linear memory";

/// The pointer V loads from, when it is a constant Offset past some base.
llvm::Value *fieldOwner(llvm::Value *V, uint64_t Offset) {
  auto *Load = llvm::dyn_cast<llvm::LoadInst>(V);
  if (!Load)
    return nullptr;
  const llvm::DataLayout &DL = Load->getModule()->getDataLayout();
  llvm::APInt FieldOffset(DL.getIndexTypeSizeInBits(Load->getPointerOperandType()), 0);
  llvm::Value *Owner = Load->getPointerOperand()->stripAndAccumulateConstantOffsets(
      DL, FieldOffset, /*AllowNonInbounds=*/true);
  return FieldOffset == Offset ? Owner : nullptr;
}

} // namespace

VmContext::VmContext(llvm::Module &LM, const ir::Module &WM, wasmaot_bounds_checks Strategy,
                     const TargetShape &Shape)
    : LM(LM), Ctx(LM.getContext()), PtrTy(llvm::PointerType::get(Ctx, 0)),
      Invariant(llvm::MDNode::get(Ctx, {})), Shape(Shape) {
  for (const ir::Memory &Mem : WM.Memories)
    Strategies.push_back(
        wasmaot_memory_bounds_checks(Strategy, Mem.Type.Is64, Mem.Type.PageSizeLog2,
                                     Mem.Type.Lim.Max.value_or(UINT64_MAX)));
  // Loads of vmctx fields and accesses to linear memory get distinct TBAA
  // types: linear memory never overlaps the runtime's structures, so stores
  // to it do not force the optimizer to reload memory_base and friends.
  llvm::MDBuilder MDB(Ctx);
  llvm::MDNode *Root = MDB.createTBAARoot("wasmaot");
  llvm::MDNode *Type = MDB.createTBAAScalarTypeNode("vmctx", Root);
  VmctxTbaa = MDB.createTBAAStructTagNode(Type, Type, 0);
  llvm::MDNode *Memory = MDB.createTBAAScalarTypeNode(MemoryTypeName, Root);
  MemoryTbaa = MDB.createTBAAStructTagNode(Memory, Memory, 0);
}

VmContext::VmContext(llvm::Module &LM) : VmContext(LM, ir::Module(), WASMAOT_BOUNDS_GUARD) {}

llvm::Type *VmContext::valueType(ir::ValType T) {
  switch (T) {
  case ir::ValType::I32:
    return llvm::Type::getInt32Ty(Ctx);
  case ir::ValType::I64:
    return llvm::Type::getInt64Ty(Ctx);
  case ir::ValType::F32:
    return llvm::Type::getFloatTy(Ctx);
  case ir::ValType::F64:
    return llvm::Type::getDoubleTy(Ctx);
  case ir::ValType::V128:
    return llvm::FixedVectorType::get(llvm::Type::getInt64Ty(Ctx), 2);
  case ir::ValType::FuncRef:
  case ir::ValType::ExternRef:
    return PtrTy;
  }
  llvm_unreachable("unknown value type");
}

llvm::Value *VmContext::loadField(llvm::IRBuilder<> &B, llvm::Value *Vmctx, unsigned Offset,
                                  llvm::Type *Ty, const llvm::Twine &Name, Mutability M) {
  llvm::Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Vmctx, Offset);
  llvm::LoadInst *L = B.CreateLoad(Ty, Addr, Name);
  L->setMetadata(llvm::LLVMContext::MD_tbaa, VmctxTbaa);
  if (M == Mutability::Invariant)
    L->setMetadata(llvm::LLVMContext::MD_invariant_load, Invariant);
  return L;
}

bool VmContext::isMemoryAccess(const llvm::Instruction &I) {
  const llvm::MDNode *Tag = I.getMetadata(llvm::LLVMContext::MD_tbaa);
  if (!Tag || Tag->getNumOperands() < 2)
    return false;
  const auto *Type = llvm::dyn_cast<llvm::MDNode>(Tag->getOperand(1));
  const auto *Name =
      Type && Type->getNumOperands() ? llvm::dyn_cast<llvm::MDString>(Type->getOperand(0)) : nullptr;
  return Name && Name->getString() == MemoryTypeName;
}

llvm::Value *VmContext::memoryBaseOwner(llvm::Value *V) {
  return fieldOwner(V, WASMAOT_MEMORY_BASE);
}

llvm::Value *VmContext::memorySizeOwner(llvm::Value *V) {
  return fieldOwner(V, WASMAOT_MEMORY_SIZE);
}

llvm::Value *VmContext::memoryView(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory) {
  // Memory 0's view is the vmctx's first field; the others' are fixed at
  // instantiation (their contents are not).
  if (Memory == 0)
    return Vmctx;
  llvm::Value *Views =
      loadField(B, Vmctx, WASMAOT_VMCTX_MEMORIES, PtrTy, "memories", Mutability::Invariant);
  return loadField(B, Views, Memory * Shape.PointerSize, PtrTy, "memory" + llvm::Twine(Memory),
                   Mutability::Invariant);
}

llvm::Value *VmContext::memoryBase(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory) {
  // Guard-page memories grow in place: the base is fixed at instantiation.
  return loadField(B, memoryView(B, Vmctx, Memory), WASMAOT_MEMORY_BASE, PtrTy, "membase",
                   memoryStrategy(Memory) == WASMAOT_BOUNDS_GUARD ? Mutability::Invariant
                                                                  : Mutability::Mutable);
}

llvm::Value *VmContext::memorySize(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory) {
  return memoryViewSize(B, memoryView(B, Vmctx, Memory));
}

llvm::Value *VmContext::memoryViewSize(llvm::IRBuilder<> &B, llvm::Value *View) {
  return loadField(B, View, WASMAOT_MEMORY_SIZE, B.getInt64Ty(), "memsize");
}

llvm::Value *VmContext::globalAddress(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index) {
  // Where each global lives is fixed at instantiation (its value is not).
  llvm::Value *Globals =
      loadField(B, Vmctx, WASMAOT_VMCTX_GLOBALS, PtrTy, "globals", Mutability::Invariant);
  return loadField(B, Globals, Index * Shape.PointerSize, PtrTy, "global" + llvm::Twine(Index) + ".addr",
                   Mutability::Invariant);
}

llvm::Value *VmContext::functionRef(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index) {
  llvm::Value *Funcs =
      loadField(B, Vmctx, WASMAOT_VMCTX_FUNCTIONS, PtrTy, "functions", Mutability::Invariant);
  return loadField(B, Funcs, Index * Shape.PointerSize, PtrTy, "funcref" + llvm::Twine(Index),
                   Mutability::Invariant);
}

std::pair<llvm::Value *, llvm::Value *> VmContext::funcRefTarget(llvm::IRBuilder<> &B,
                                                                 llvm::Value *FuncRef) {
  // A funcref never changes once made (tables change which one they hold).
  llvm::Value *Code =
      loadField(B, FuncRef, WASMAOT_FUNCREF_CODE, PtrTy, "code", Mutability::Invariant);
  llvm::Value *Callee = loadField(B, FuncRef, WASMAOT_FUNCREF_VMCTX, PtrTy, "callee.vmctx",
                                  Mutability::Invariant);
  return {Code, Callee};
}

llvm::Value *VmContext::funcRefTypeId(llvm::IRBuilder<> &B, llvm::Value *FuncRef) {
  return loadField(B, FuncRef, WASMAOT_FUNCREF_TYPE_ID, B.getInt32Ty(), "type.id",
                   Mutability::Invariant);
}

llvm::Value *VmContext::typeId(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t TypeIndex) {
  llvm::Value *Ids =
      loadField(B, Vmctx, WASMAOT_VMCTX_TYPE_IDS, PtrTy, "type.ids", Mutability::Invariant);
  return loadField(B, Ids, TypeIndex * 4, B.getInt32Ty(), "expected.type.id",
                   Mutability::Invariant);
}

llvm::Value *VmContext::table(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index) {
  // The table objects are fixed; their elements and size are not.
  llvm::Value *Tables =
      loadField(B, Vmctx, WASMAOT_VMCTX_TABLES, PtrTy, "tables", Mutability::Invariant);
  return loadField(B, Tables, Index * Shape.PointerSize, PtrTy, "table" + llvm::Twine(Index),
                   Mutability::Invariant);
}

llvm::Value *VmContext::tableElements(llvm::IRBuilder<> &B, llvm::Value *Table) {
  return loadField(B, Table, WASMAOT_TABLE_ELEMENTS, PtrTy, "table.elements");
}

llvm::Value *VmContext::tableSize(llvm::IRBuilder<> &B, llvm::Value *Table) {
  return loadField(B, Table, WASMAOT_TABLE_SIZE, B.getInt32Ty(), "table.size");
}

llvm::Value *VmContext::stackLimit(llvm::IRBuilder<> &B, llvm::Value *Vmctx) {
  // Set for the thread before it enters wasm code, and the same for every
  // nested entry on that thread: fixed while any one call runs.
  return loadField(B, Vmctx, WASMAOT_VMCTX_STACK_LIMIT, B.getInt64Ty(), "stack.limit",
                   Mutability::Invariant);
}

llvm::Value *VmContext::interruptRequested(llvm::IRBuilder<> &B, llvm::Value *Vmctx) {
  llvm::Value *Addr = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Vmctx, WASMAOT_VMCTX_INTERRUPT);
  llvm::LoadInst *Flag = B.CreateAlignedLoad(B.getInt32Ty(), Addr, llvm::Align(4), "interrupt");
  Flag->setAtomic(llvm::AtomicOrdering::Monotonic);
  Flag->setMetadata(llvm::LLVMContext::MD_tbaa, VmctxTbaa);
  return B.CreateICmpNE(Flag, B.getInt32(0), "interrupted");
}

llvm::FunctionCallee VmContext::trapFunction() {
  auto *Ty = llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx),
                                     {PtrTy, llvm::Type::getInt32Ty(Ctx)}, false);
  llvm::FunctionCallee F = LM.getOrInsertFunction("wasmaot_rt_trap", Ty);
  auto *Fn = llvm::cast<llvm::Function>(F.getCallee());
  Fn->setDoesNotReturn();
  Fn->addFnAttr(llvm::Attribute::Cold);
  return F;
}

llvm::FunctionCallee VmContext::memoryGrowFunction() {
  auto *I32 = llvm::Type::getInt32Ty(Ctx);
  auto *I64 = llvm::Type::getInt64Ty(Ctx);
  return runtimeFunction("wasmaot_rt_memory_grow", I64, {I32, I64});
}

llvm::FunctionCallee VmContext::runtimeFunction(llvm::StringRef Name, llvm::Type *Result,
                                                llvm::ArrayRef<llvm::Type *> Params) {
  llvm::SmallVector<llvm::Type *, 6> All{PtrTy};
  All.append(Params.begin(), Params.end());
  return LM.getOrInsertFunction(Name, llvm::FunctionType::get(Result, All, false));
}
