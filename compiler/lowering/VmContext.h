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

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace wasmaot::lowering {

class VmContext {
public:
  explicit VmContext(llvm::Module &LM);

  llvm::LLVMContext &context() { return Ctx; }
  llvm::PointerType *ptrType() { return PtrTy; }

  /// The LLVM type of a wasm value type (references are pointers).
  llvm::Type *valueType(ir::ValType T);
  /// A wasm function's native type: (vmctx, params...) -> results, where
  /// several results come back as a literal struct.
  llvm::FunctionType *functionType(const ir::FuncType &T);

  llvm::Value *memoryBase(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  /// The current size of memory 0 in bytes (i64).
  llvm::Value *memorySize(llvm::IRBuilder<> &B, llvm::Value *Vmctx);
  /// The address of global Index's storage.
  llvm::Value *globalAddress(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index);
  /// The wasmaot_funcref of function Index (imports and defined alike).
  llvm::Value *functionRef(llvm::IRBuilder<> &B, llvm::Value *Vmctx, uint32_t Index);
  /// Loads the code pointer and the callee's vmctx out of a wasmaot_funcref.
  std::pair<llvm::Value *, llvm::Value *> funcRefTarget(llvm::IRBuilder<> &B,
                                                        llvm::Value *FuncRef);
  llvm::Value *stackLimit(llvm::IRBuilder<> &B, llvm::Value *Vmctx);

  llvm::FunctionCallee trapFunction();
  llvm::FunctionCallee memoryGrowFunction();

private:
  llvm::Value *loadField(llvm::IRBuilder<> &B, llvm::Value *Vmctx, unsigned Offset,
                         llvm::Type *Ty, const llvm::Twine &Name);

  llvm::Module &LM;
  llvm::LLVMContext &Ctx;
  llvm::PointerType *PtrTy;
  llvm::MDNode *VmctxTbaa; // vmctx fields never alias linear memory
};

} // namespace wasmaot::lowering
