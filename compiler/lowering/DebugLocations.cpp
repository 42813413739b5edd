//===- lowering/DebugLocations.cpp -----------------------------------------===//
#include "lowering/DebugLocations.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

DebugLocations::DebugLocations(llvm::Module &M) : DIB(M) {
  File = DIB.createFile("module.wasm", "");
  // NoDebug: the locations are read off the machine code as it is emitted
  // (codegen/FrameRecorder.h); no DWARF is generated.
  DIB.createCompileUnit(llvm::dwarf::DW_LANG_C, File, "wasmaot", /*isOptimized=*/true,
                        /*Flags=*/"", /*RV=*/0, /*SplitName=*/"",
                        llvm::DICompileUnit::NoDebug);
  Type = DIB.createSubroutineType(DIB.getOrCreateTypeArray({}));
  M.addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
  M.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 4);
}

llvm::DISubprogram *DebugLocations::attach(llvm::Function &F, uint32_t FuncIndex) {
  // The name is the function index, which FrameTable parses back.
  llvm::DISubprogram *SP = DIB.createFunction(
      File, std::to_string(FuncIndex), /*LinkageName=*/"", File, /*LineNo=*/0, Type,
      /*ScopeLine=*/0, llvm::DINode::FlagZero, llvm::DISubprogram::SPFlagDefinition);
  F.setSubprogram(SP);
  return SP;
}
