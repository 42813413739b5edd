//===- lowering/FunctionLowering.h - One wasm function to LLVM IR ----------===//
//
// Walks a validated function body once, keeping the wasm operand stack as a
// stack of LLVM values and the control stack as frames whose block results
// (and loop parameters) are phi nodes. This file holds the stacks, frames,
// traps and the dispatch; each instruction family is translated in its own
// file (LowerControl.cpp, LowerVariable.cpp, LowerNumeric.cpp,
// LowerConversion.cpp, LowerMemory.cpp, LowerCall.cpp, LowerTable.cpp,
// LowerSimd*.cpp).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"
#include "lowering/DebugLocations.h"
#include "lowering/VmContext.h"
#include "lowering/bounds/BoundsCheck.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace wasmaot::lowering {

/// What every function of one module shares while it is lowered.
struct LoweringContext {
  const ir::Module &WM;
  VmContext &VM;
  /// The strategies' checks, by wasmaot_bounds_checks.
  llvm::ArrayRef<std::unique_ptr<BoundsCheck>> Bounds;
  /// The LLVM function of a wasm function by its index, declared on first
  /// use; nullptr for imports, which are called through the vmctx.
  llvm::function_ref<llvm::Function *(uint32_t)> Function;
  DebugLocations &Debug;
  bool Interruptible;
};

class FunctionLowering {
public:
  FunctionLowering(LoweringContext &Ctx, uint32_t FuncIndex);

  /// Emits the body of the function's LLVM definition.
  llvm::Error lower();

  // The interface that bounds-check strategies and family files build on.
  llvm::IRBuilder<> &builder() { return B; }
  VmContext &vm() { return Ctx.VM; }
  llvm::Value *vmctx() { return Vmctx; }
  /// Branches to a shared trap block of Kind when Cond holds.
  void trapIf(llvm::Value *Cond, wasmaot_trap_kind Kind);
  /// Traps if the host asked to interrupt (when compiled interruptible).
  void checkInterrupt();
  /// The function's block that traps with Kind.
  llvm::BasicBlock *trapBlock(wasmaot_trap_kind Kind);
  /// How accesses of memory Memory are checked.
  BoundsCheck &bounds(uint32_t Memory) { return *Ctx.Bounds[vm().memoryStrategy(Memory)]; }

private:
  struct ControlFrame {
    ir::Opcode Op; // Block, Loop, If, Else; the function body is a Block
    const ir::FuncType *Type;
    llvm::BasicBlock *Next;   // where control continues after `end`
    llvm::BasicBlock *Header; // Loop: the branch target
    llvm::BasicBlock *Else;   // If: the else arm, until `else` is seen
    llvm::SmallVector<llvm::PHINode *, 2> Results; // in Next
    llvm::SmallVector<llvm::PHINode *, 2> Params;  // in Header (loops)
    llvm::SmallVector<llvm::Value *, 2> IfParams;  // If: what the else arm starts with
    size_t Height; // operand stack height below the block's parameters
  };

  llvm::Error lowerInstruction(const ir::Instruction &I);
  llvm::Error lowerControl(const ir::Instruction &I);
  llvm::Error lowerVariable(const ir::Instruction &I);
  llvm::Error lowerNumeric(const ir::Instruction &I);
  llvm::Error lowerConversion(const ir::Instruction &I);
  llvm::Error lowerMemory(const ir::Instruction &I);
  llvm::Error lowerCall(const ir::Instruction &I);
  llvm::Error lowerCallIndirect(const ir::Instruction &I);
  llvm::Error lowerTable(const ir::Instruction &I);
  llvm::Error lowerSimd(const ir::Instruction &I);
  /// SIMD loads and stores, including lane, splat, zero and extending loads.
  llvm::Error lowerSimdMemory(const ir::Instruction &I);
  llvm::Error lowerRelaxedSimd(const ir::Instruction &I);

  // Family helpers.
  llvm::Value *lowerIntBinary(ir::Opcode Op, llvm::Value *L, llvm::Value *R);
  /// fmin/fmax with wasm's NaN and signed-zero rules, for scalars and
  /// vectors of floats alike.
  llvm::Value *floatMinMax(bool IsMax, llvm::Value *L, llvm::Value *R);
  llvm::Value *lowerFloatBinary(ir::Opcode Op, llvm::Value *L, llvm::Value *R);
  llvm::Value *lowerUnary(ir::Opcode Op, llvm::Value *V);
  llvm::Value *lowerCompare(ir::Opcode Op, llvm::Value *L, llvm::Value *R);
  llvm::Value *lowerTruncation(ir::Opcode Op, llvm::Value *V);
  /// The address of element Index (i32, or i64 for a 64-bit table) of a
  /// table, after trapping with Kind when it is out of bounds.
  llvm::Value *tableSlot(uint32_t TableIndex, llvm::Value *Index,
                         wasmaot_trap_kind Kind = WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS);
  /// V (an i32 or i64 address or length) as the i64 the runtime takes.
  llvm::Value *toI64(llvm::Value *V) { return B.CreateZExt(V, B.getInt64Ty()); }
  /// An i64 result of the runtime as a value of address type T.
  llvm::Value *fromI64(llvm::Value *V, ir::ValType T) {
    return T == ir::ValType::I64 ? V : B.CreateTrunc(V, B.getInt32Ty());
  }
  /// Calls the runtime entry point Name(vmctx, Args...) returning i32 and
  /// traps with Kind when it returns non-zero.
  void callRuntimeChecked(llvm::StringRef Name, llvm::ArrayRef<llvm::Value *> Args,
                          wasmaot_trap_kind Kind);
  /// Calls Callee with the operands its wasm type takes. A tail call
  /// (return_call*) returns the callee's results at once.
  void emitCall(llvm::Value *Callee, llvm::Value *CalleeVmctx, const ir::FuncType &WasmTy,
                bool Tail);

  // Operand stack.
  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop();
  llvm::SmallVector<llvm::Value *, 4> popN(size_t N);

  // Control.
  void pushFrame(ir::Opcode Op, const ir::FuncType *Type);
  void branchTo(ControlFrame &F);
  void fallThrough(ControlFrame &F);
  void endFrame();
  void lowerElse();
  /// Marks the rest of the current block unreachable until its end.
  void markUnreachable();
  llvm::BasicBlock *newBlock(const llvm::Twine &Name);

  LoweringContext &Ctx;
  const ir::Function &F;
  const ir::FuncType &Type;
  llvm::Function *LF;
  llvm::DISubprogram *Subprogram;
  llvm::IRBuilder<> B;
  llvm::Value *Vmctx = nullptr;
  std::vector<llvm::AllocaInst *> Locals;
  std::vector<llvm::Value *> Stack;
  std::vector<ControlFrame> Frames;
  bool Reachable = true;
  unsigned SkippedDepth = 0; // blocks opened inside unreachable code
  llvm::DenseMap<unsigned, llvm::BasicBlock *> TrapBlocks;
};

} // namespace wasmaot::lowering
