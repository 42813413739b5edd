//===- lowering/VmContext.h - What the VM looks like to generated code -----===//
//
// Everything lowering knows about the runtime's data layout lives here: the
// vmctx fields (runtime/include/wasmaot/abi.h), how globals, functions and
// memory are reached, and the runtime entry points generated code calls.
// Instruction translation (Lower*.cpp) asks this class and never hard-codes
// an offset, in the manner of Wasmtime's FuncEnvironment.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"
#include "lowering/CallingConvention.h"
#include "wasmaot/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace wasmaot::lowering {

/// What differs between the machines code is lowered for.
struct TargetShape {
  /// Bytes in a pointer: the stride of the runtime's arrays of pointers
  /// (globals, functions, tables). The vmctx's own fields are at the same
  /// offsets everywhere (abi.h pads pointers to 8 bytes).
  unsigned PointerSize = 8;
  /// Whether every float result travels as an integer of its width, not
  /// only those of several results: i686 returns a float on the x87 stack,
  /// where loading a signaling NaN quiets it.
  bool FloatResultsAsIntegers = false;
  /// The calling convention of wasm code (CallingConvention.h): `tailcc`
  /// where the backend guarantees tail calls between any two prototypes,
  /// the C convention elsewhere.
  llvm::CallingConv::ID WasmCallingConv = llvm::CallingConv::Tail;
  /// Pointer-sized registers results may take before they go to a results
  /// area (CallingConvention::resultsInMemory): as many as every backend
  /// returns in for the convention (rax:rdx, eax:edx, r0-r3, x0-x7).
  unsigned ReturnRegisters = 2;
};

class VmContext {
public:
  /// Strategy: the module's bounds-check strategy; each memory of WM gets
  /// its own from it (wasmaot_memory_bounds_checks).
  VmContext(llvm::Module &LM, const ir::Module &WM, wasmaot_bounds_checks Strategy,
            const TargetShape &Shape = {});
  /// For passes over lowered code, which reach memories only through the
  /// views they find in it (memoryViewSize).
  explicit VmContext(llvm::Module &LM);
  VmContext(const VmContext &) = delete;
  VmContext &operator=(const VmContext &) = delete;

  llvm::LLVMContext &context() { return Ctx; }
  const TargetShape &shape() const { return Shape; }
  llvm::PointerType *ptrType() { return PtrTy; }

  /// The LLVM type of a wasm value type (references are pointers).
  llvm::Type *valueType(ir::ValType T);
  /// How wasm functions are called natively.
  CallingConvention &calls() { return Calls; }

  /// How accesses of memory Memory are checked. Under explicit checks
  /// memory.grow may move the memory, so its base is reloaded after calls.
  wasmaot_bounds_checks memoryStrategy(uint32_t Memory) const { return Strategies[Memory]; }
  llvm::Value *memoryBase(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory);
  /// The current size of memory Memory in bytes (i64).
  llvm::Value *memorySize(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory);
  /// The current size in bytes of the memory whose wasmaot_memory is View.
  llvm::Value *memoryViewSize(llvm::IRBuilder<> &B, llvm::Value *View);
  /// The address of global Index's storage.
  llvm::Value *globalAddress(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index);
  /// The wasmaot_funcref of function Index (imports and defined alike).
  llvm::Value *functionRef(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index);
  /// Loads the code pointer and the callee's vmctx out of a wasmaot_funcref.
  std::pair<llvm::Value *, llvm::Value *> funcRefTarget(llvm::IRBuilder<> &B,
                                                        llvm::Value *FuncRef);
  /// The type id (i32) stored in a wasmaot_funcref.
  llvm::Value *funcRefTypeId(llvm::IRBuilder<> &B, llvm::Value *FuncRef);
  /// The canonical id (i32) of the module's type index TypeIndex.
  llvm::Value *typeId(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t TypeIndex);
  llvm::Value *stackLimit(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  /// Whether the host asked this instance to stop (i1): an atomic load, as
  /// another thread sets the flag at any time.
  llvm::Value *interruptRequested(llvm::IRBuilder<> &B, llvm::Value *Vmctx);

  /// The wasmaot_table of table Index.
  llvm::Value *table(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index);
  /// A table's element array and its current size (i32).
  llvm::Value *tableElements(llvm::IRBuilder<> &B, llvm::Value *Table);
  llvm::Value *tableSize(llvm::IRBuilder<> &B, llvm::Value *Table);

  /// Tags a load or store of linear memory, which aliases no vmctx field.
  void markMemoryAccess(llvm::Instruction *I) {
    I->setMetadata(llvm::LLVMContext::MD_tbaa, MemoryTbaa);
  }
  /// Whether I is a load or store that markMemoryAccess tagged.
  static bool isMemoryAccess(const llvm::Instruction &I);
  /// The wasmaot_memory (the vmctx itself for memory 0) whose base
  /// (memoryBase) or size (memorySize) V loads, or null when V is no such
  /// load.
  static llvm::Value *memoryBaseOwner(llvm::Value *V);
  static llvm::Value *memorySizeOwner(llvm::Value *V);

  llvm::FunctionCallee trapFunction();
  llvm::FunctionCallee memoryGrowFunction();
  /// A wasmaot_rt_* entry point (abi.h) taking the vmctx and then Params.
  llvm::FunctionCallee runtimeFunction(llvm::StringRef Name, llvm::Type *Result,
                                       llvm::ArrayRef<llvm::Type *> Params);

private:
  /// What a load of a VM structure may assume.
  enum class Mutability {
    Mutable,
    /// Written before any wasm code runs, and never again while it may
    /// (!invariant.load): reloads can be merged, hoisted out of loops and
    /// across calls, and the checks built on them (the stack limit after
    /// inlining) merged too.
    Invariant,
  };
  llvm::Value *loadField(llvm::IRBuilder<> &B, llvm::Value *Vmctx, unsigned Offset,
                         llvm::Type *Ty, const llvm::Twine &Name,
                         Mutability M = Mutability::Mutable);
  /// The wasmaot_memory of memory Memory.
  llvm::Value *memoryView(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Memory);

  llvm::Module &LM;
  llvm::LLVMContext &Ctx;
  llvm::PointerType *PtrTy;
  llvm::MDNode *VmctxTbaa;  // vmctx fields never alias linear memory
  llvm::MDNode *MemoryTbaa; // linear memory accesses
  llvm::MDNode *Invariant;  // the empty node !invariant.load takes
  std::vector<wasmaot_bounds_checks> Strategies; // of each memory
  TargetShape Shape;
  CallingConvention Calls{*this};
};

} // namespace wasmaot::lowering
