//===- driver/Pipeline.h - Wasm bytes to native code, every stage ----------===//
//
// The compiler's stages in order: decode, validate, lower to LLVM IR,
// optimize, emit an object, and (for shared objects and executables) link
// with lld. Used by the compiler plugin behind the CLI, the spec runner and
// the end-to-end tests, so that all of them compile exactly the same way.
//
// A big module is compiled in parts on several threads (driver/Partition.h);
// the output does not depend on how many. Every output records what it was
// built for (the wasmaot_artifact_info symbol, runtime/module/ArtifactInfo.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Features.h"
#include "codegen/Codegen.h"
#include "driver/Progress.h"
#include "ir/Module.h"
#include "link/CRuntime.h"
#include "target/TargetDesc.h"
#include "wasmaot/abi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace wasmaot {

/// Time in seconds of each stage of one compilation, for -v. Lower,
/// optimize and codegen are summed over the module's parts, which run on
/// several threads at once.
struct PhaseTimes {
  double Decode = 0, Validate = 0, Lower = 0, Optimize = 0, Codegen = 0, Link = 0;
  /// The parts the module was compiled in, and the threads they ran on.
  unsigned Parts = 0, Threads = 0;
  /// The defined functions compiled, and the instructions in their bodies.
  uint64_t Functions = 0, Instructions = 0;

  PhaseTimes &operator+=(const PhaseTimes &Other);
  /// "decode 0.2 ms, validate 0.1 ms, ..., link 3.0 ms; 2572 functions,
  /// 780000 instructions in 37 parts on 2 threads".
  std::string format() const;
};

struct CompileOptions {
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  /// The WebAssembly language the module must be written in.
  ir::Features Features = ir::Features::wasm3();
  unsigned OptLevel = 2;
  /// Whether the LLVM verifier checks the IR before and after optimization.
  VerifyIR Verify = DefaultVerifyIR;
  /// Where to add the time each stage takes, if anywhere.
  PhaseTimes *Times = nullptr;
  /// Code that checks vmctx->interrupt (lowering::LoweringOptions).
  bool Interruptible = false;
  /// A further check of the validated module (what its imports may be, for
  /// an executable), whose error fails the compilation.
  std::function<llvm::Error(const ir::Module &)> CheckModule = nullptr;
  /// Threads that compile parts at once; 0: one per core.
  unsigned Jobs = 0;
  /// Instructions per part when set: then every module is split, however
  /// small, so that tests put the split compilation of big modules through
  /// small ones. 0: driver/Partition.h's defaults.
  uint64_t PartWeight = 0;
  /// Called after each compiled part, by one thread at a time.
  std::function<void(const CompileProgress &)> Progress = nullptr;
  /// Where to add the time each optimizer pass takes, if anywhere.
  PassTimes *Passes = nullptr;
};

/// Bytes to place in the output under symbol Name, with its size (i64) as
/// Name_size; e.g. an executable's configuration.
struct DataSymbol {
  std::string Name;
  std::vector<uint8_t> Bytes;
};

/// The optimized LLVM module for a wasm binary, in one part whatever its
/// size, with the artifact information and Data added. Errors are
/// WasmErrors.
llvm::Expected<std::unique_ptr<llvm::Module>>
buildModule(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
            const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
            llvm::LLVMContext &Context);

/// Compiles a wasm binary into the relocatable object Output for Target
/// (the parts' objects joined into one), written atomically.
llvm::Error compileToObjectFile(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                const CompileOptions &Options, llvm::StringRef Output);

/// Compiles a wasm binary for Target (the host by default) into a shared
/// object at Output, whose runtime entry points (wasmaot_rt_*) are resolved
/// when it is loaded into a process that has the runtime. The output appears
/// atomically (written beside Output, then renamed), so a reader never sees
/// half of it.
llvm::Error compileToSharedObject(llvm::ArrayRef<uint8_t> Wasm, const CompileOptions &Options,
                                  llvm::StringRef Output, const TargetDesc *Target = nullptr);

/// Compiles a wasm binary for Target into an executable at Output, linked
/// with LinkInputs (the target's runtime and its `main`) and its C runtime C.
llvm::Error compileToExecutable(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
                                llvm::ArrayRef<std::string> LinkInputs, const CRuntime &C,
                                llvm::StringRef Output);

/// Writes Bytes to Path atomically (a temporary file beside it, renamed).
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::ArrayRef<char> Bytes);

} // namespace wasmaot
