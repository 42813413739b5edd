//===- codegen/Codegen.h - LLVM IR -> optimized IR -> machine code ---------===//
//
// The middle of the back half of the pipeline: takes the LLVM module that
// lowering produced, runs LLVM's optimization pipeline on it and emits an
// object file (or assembly text) in memory for the linker. Every failure,
// including a module the IR verifier rejects and errors LLVM reports while
// generating code, is an error value: nothing here prints or exits.
//
// A TargetMachine (from TargetDesc::createTargetMachine) is not thread-safe:
// use one per thread. Each module must live in its own LLVMContext if
// several threads compile at once.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <string>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace wasmaot {

struct FrameRows;
class PassTimes;

/// Whether to run the IR verifier before optimizing or emitting. A lowering
/// bug then becomes an error naming the broken IR instead of a crash deep in
/// a pass. It costs a few percent of compile time, so release builds skip it.
enum class VerifyIR { No, Yes };
#ifdef NDEBUG
inline constexpr VerifyIR DefaultVerifyIR = VerifyIR::No;
#else
inline constexpr VerifyIR DefaultVerifyIR = VerifyIR::Yes;
#endif

/// Gives M the target triple and data layout of TM. The functions below
/// refuse a module made for another target, since passes and instruction
/// selection would silently use the wrong type sizes. A TuneCpu (see
/// TargetDesc::tuneCpu) becomes every function's "tune-cpu".
void configureModule(llvm::Module &M, const llvm::TargetMachine &TM,
                     llvm::StringRef TuneCpu = "");

/// Runs the IR verifier: a Codegen error quoting its complaints if M is broken.
llvm::Error verifyModuleIR(const llvm::Module &M);

/// Runs the optimization pipeline for OptLevel (0..3, as -O0..-O3; see
/// codegen/WasmPipeline.h) on M, adding the time of each pass to *Times if given.
llvm::Error optimizeModule(llvm::Module &M, llvm::TargetMachine &TM, unsigned OptLevel,
                           VerifyIR Verify = DefaultVerifyIR, PassTimes *Times = nullptr);

/// Generates machine code for M as a relocatable ELF object, in memory. With
/// Frames, also records the wasm frames of its code (codegen/FrameRecorder.h).
llvm::Expected<llvm::SmallVector<char, 0>> emitObject(llvm::Module &M, llvm::TargetMachine &TM,
                                                      VerifyIR Verify = DefaultVerifyIR,
                                                      FrameRows *Frames = nullptr);

/// Generates machine code for M as assembly text, for inspection and tests.
llvm::Expected<std::string> emitAssembly(llvm::Module &M, llvm::TargetMachine &TM,
                                         VerifyIR Verify = DefaultVerifyIR);

} // namespace wasmaot
