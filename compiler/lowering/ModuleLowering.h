//===- lowering/ModuleLowering.h - A validated module to LLVM IR -----------===//
#pragma once

#include "lowering/VmContext.h"

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
  TargetShape Shape;
};

/// The part of a module that one LLVM module holds. A big module is lowered
/// in parts, each into its own LLVMContext, so that they are optimized and
/// compiled in parallel and only the parts in flight are in memory
/// (driver/Partition.h); their objects are linked together.
struct ModulePart {
  /// The function indices [Begin, End) whose bodies this part defines. The
  /// module's other functions are declared, for calls.
  uint32_t Begin = 0, End = UINT32_MAX;
  /// Whether this part holds the module-wide symbols listed below
  /// (exactly one part does).
  bool HoldsModuleData = true;
  /// Whether this part defines every function. Then the functions are
  /// internal to it, which leaves LLVM free to change their calling
  /// convention; between parts, they are hidden global symbols.
  bool Whole = true;
};

/// Translates the defined functions of Part of a validated module into one
/// LLVM module. Besides the functions, the part that holds the module data
/// defines:
///   wasmaot_abi_version        i32 WASMAOT_ABI_VERSION
///   wasmaot_function_table     [N x ptr] code of the N-th defined function
///   wasmaot_call_wrappers      [T x ptr] per type index, a wrapper
///                              void(ptr code, ptr vmctx, ptr slots) that
///                              reads the arguments from 16-byte slots and
///                              writes the results back over them
///   wasmaot_host_thunks        [T x ptr] per type index, wasm code that
///                              calls a host function (abi.h,
///                              WASMAOT_FUNCREF_HOST) given its funcref as
///                              the vmctx
///   wasmaot_module_info        [S x i8] the serialized runtime::ModuleInfo
///   wasmaot_module_info_size   i64 S
/// A function using an instruction that cannot be compiled yet gives an
/// `unsupported` error naming it.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerModule(const ir::Module &WM, llvm::LLVMContext &Ctx, const LoweringOptions &Opts,
            const ModulePart &Part = {});

} // namespace wasmaot::lowering
