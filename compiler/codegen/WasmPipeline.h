//===- codegen/WasmPipeline.h - The optimizer's passes for wasm code -------===//
//
// The module's simplification (the inliner with the function simplification
// passes under it) is LLVM's own for the level. What follows it, where
// LLVM's default pipeline vectorizes and unrolls, is chosen for wasm:
//
//  - Arithmetic-NaN marks (lowering/NanQuieting.h) are resolved, and loops
//    whose accesses are proven in bounds get their unchecked versions
//    (lowering/bounds/LoopVersioning.h), right before the vectorizers: after
//    the inliner and scalar simplification have folded what they fold, and
//    once callees' accesses are in their callers' loops.
//  - The cleanups LLVM runs after the loop vectorizer, the SLP vectorizer and
//    the unroller (InstCombine, load elimination, SROA) run only on functions
//    those changed. LLVM runs them on every function; on a big module most
//    functions are left alone, and these three InstCombine runs were a tenth
//    of -O2's optimizer time (nextpnr-ice40).
//  - Passes with nothing to work on in lowered wasm are left out: there are
//    no profiles, assumptions, available-externally definitions, vector
//    math libraries, or loop pragmas.
//
// -O0 uses LLVM's -O0 pipeline.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/Passes/PassBuilder.h"

namespace wasmaot {

/// The pipeline for Level (O1..O3) built with PB, which was made with Tuning:
/// it says which of the vectorizers and the unroller run.
llvm::ModulePassManager buildWasmPipeline(llvm::PassBuilder &PB, llvm::OptimizationLevel Level,
                                          const llvm::PipelineTuningOptions &Tuning);

} // namespace wasmaot
