//===- lowering/CallingConvention.h - How wasm functions are called --------===//
//
// The native shape of wasm calls. Every wasm function, and every funcref's
// code, takes (vmctx, params...) in the target's wasm calling convention:
// `tailcc` where the backend guarantees a tail call between functions of
// any two prototypes (x86, AArch64, ARM), so that return_call and
// return_call_indirect run in constant stack space whatever the callee's
// type; the C convention on targets that have no such guarantee (RISC-V).
//
// Results come back in registers while they fit the registers the target
// returns values in. Beyond that a backend would return them through a
// hidden pointer (sret), which no guaranteed tail call can forward, so such
// functions take an explicit results area as their last parameter instead,
// in the manner of Wasmtime's return area: a tail call passes its caller's
// area on (the validator checked that the results are the same), any other
// call passes an area in its own frame.
//
// Host functions keep the platform's C convention, with results in
// registers (abi.h); compiled modules reach them through host thunks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"

#include "llvm/IR/IRBuilder.h"

namespace wasmaot::lowering {

class VmContext;

class CallingConvention {
public:
  explicit CallingConvention(VmContext &VM) : VM(VM) {}

  /// The convention of wasm functions, their call sites and their thunks.
  llvm::CallingConv::ID id() const;
  /// Whether every tail call may be `musttail`: a jump, stack arguments and
  /// all, between functions of any two wasm types.
  bool guaranteesTailCalls() const { return id() == llvm::CallingConv::Tail; }

  /// Whether functions of type T return their results through an area
  /// their caller passes.
  bool resultsInMemory(const ir::FuncType &T) const;
  /// (vmctx, params... [, results area]) -> results in registers, or void.
  llvm::FunctionType *wasmType(const ir::FuncType &T);
  /// A host function's C type: (vmctx, params...) -> results, always in
  /// registers (several as a struct; see resultFieldType).
  llvm::FunctionType *hostType(const ir::FuncType &T);
  /// The layout of a results area: the results' value types, in order.
  llvm::StructType *resultArea(const ir::FuncType &T);
  /// The results area F, a wasm function whose results are in memory, got
  /// from its caller: its last parameter.
  static llvm::Value *incomingArea(llvm::Function &F) { return F.getArg(F.arg_size() - 1); }

  /// Returns Results from F, a function of type T whose code B is in.
  void emitReturn(llvm::IRBuilder<> &B, llvm::Function &F, const ir::FuncType &T,
                  llvm::ArrayRef<llvm::Value *> Results);
  /// Calls Callee, wasm code of type T, with Args (the vmctx first) and the
  /// results area Area when resultsInMemory(T).
  llvm::CallInst *emitCall(llvm::IRBuilder<> &B, const ir::FuncType &T, llvm::Value *Callee,
                           llvm::ArrayRef<llvm::Value *> Args, llvm::Value *Area);
  /// The wasm results of Call, a call of code of type T (wasm code, or a
  /// host function's if Host), read from Area when they are in memory.
  llvm::SmallVector<llvm::Value *, 4> results(llvm::IRBuilder<> &B, const ir::FuncType &T,
                                              llvm::CallInst *Call, llvm::Value *Area,
                                              bool Host = false);

private:
  /// The type of one of several results in registers (or of the one result,
  /// with TargetShape::FloatResultsAsIntegers). Floats travel as integers of
  /// their width: x86-64 returns the 3rd and 4th float fields of a struct on
  /// the x87 stack, and loading a signaling NaN there quiets it, while a
  /// returned value must keep its bits exactly.
  llvm::Type *resultFieldType(ir::ValType T);
  llvm::Type *registerResultType(const ir::FuncType &T);
  llvm::Value *packResults(llvm::IRBuilder<> &B, const ir::FuncType &T,
                           llvm::ArrayRef<llvm::Value *> Results);

  VmContext &VM;
};

} // namespace wasmaot::lowering
