//===- lowering/DebugLocations.h - Wasm positions as LLVM debug locations --===//
//
// A trap's backtrace should name every wasm function it passes through, also
// those that LLVM inlined into their callers. Lowering therefore gives each
// function a DISubprogram named by its function index and each instruction a
// DILocation whose line is the instruction's byte offset in the module
// (columns unused). LLVM keeps them through optimization, and inlining chains
// them (inlinedAt). Code generation reads them off the machine instructions
// (codegen/FrameRecorder.h) into the compact table the runtime symbolizes
// with; the compile unit is NoDebug, so no DWARF is generated.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

namespace wasmaot::lowering {

class DebugLocations {
public:
  explicit DebugLocations(llvm::Module &M);

  /// Gives F, the code of wasm function FuncIndex, its subprogram.
  llvm::DISubprogram *attach(llvm::Function &F, uint32_t FuncIndex);
  /// The location of the instruction at byte Offset of the module in SP.
  static llvm::DILocation *at(llvm::DISubprogram *SP, uint32_t Offset) {
    return llvm::DILocation::get(SP->getContext(), Offset, 0, SP);
  }
  /// Completes the debug info; call once every function is lowered.
  void finalize() { DIB.finalize(); }

private:
  llvm::DIBuilder DIB;
  llvm::DIFile *File;
  llvm::DISubroutineType *Type;
};

} // namespace wasmaot::lowering
