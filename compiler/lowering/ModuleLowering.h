//===- lowering/ModuleLowering.h - A validated module to LLVM IR -----------===//
#pragma once

#include "ir/Module.h"
#include "wasmaot/abi.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace wasmaot::lowering {

struct LoweringOptions {
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  /// Check vmctx->interrupt at every function entry and loop iteration, so
  /// that the host can stop a runaway guest (--timeout). Off, the code has
  /// no such check and cannot be interrupted.
  bool Interruptible = false;
};

/// Translates every defined function of a validated module into one LLVM
/// module. Besides the functions it defines:
///   wasmaot_abi_version        i32 WASMAOT_ABI_VERSION
///   wasmaot_function_table     [N x ptr] code of the N-th defined function
///   wasmaot_call_wrappers      [T x ptr] per type index, a wrapper
///                              void(ptr code, ptr vmctx, ptr slots) that
///                              reads the arguments from 16-byte slots and
///                              writes the results back over them
///   wasmaot_module_info        [S x i8] the serialized runtime::ModuleInfo
///   wasmaot_module_info_size   i64 S
/// A function using an instruction that cannot be compiled yet gives an
/// `unsupported` error naming it.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerModule(const ir::Module &WM, llvm::LLVMContext &Ctx, const LoweringOptions &Opts);

} // namespace wasmaot::lowering
