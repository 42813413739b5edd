//===- tests/compiler/lowering/LowerTool.cpp - Print a module's LLVM IR ----===//
//
// wasmaot-lower [--bounds-checks=guard|explicit] [--interruptible] [-O1..3] FILE.wasm:
// decodes, validates and lowers FILE, verifies the IR and prints it,
// unoptimized or after the optimization pipeline of the host target, for the
// FileCheck tests beside this file.
//
//===----------------------------------------------------------------------===//
#include "codegen/Codegen.h"
#include "decoder/Decoder.h"
#include "lowering/ModuleLowering.h"
#include "support/Error.h"
#include "target/TargetDesc.h"
#include "validator/Validator.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace wasmaot;

int main(int Argc, char **Argv) {
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  const char *Path = nullptr;
  unsigned OptLevel = 0;
  bool Interruptible = false;
  for (int I = 1; I < Argc; ++I) {
    if (Argv[I][0] == '-' && Argv[I][1] == 'O' && Argv[I][2] >= '0' && Argv[I][2] <= '3' &&
        !Argv[I][3])
      OptLevel = unsigned(Argv[I][2] - '0');
    else if (!std::strcmp(Argv[I], "--interruptible"))
      Interruptible = true;
    else if (!std::strcmp(Argv[I], "--bounds-checks=explicit"))
      Bounds = WASMAOT_BOUNDS_EXPLICIT;
    else if (!std::strcmp(Argv[I], "--bounds-checks=guard"))
      Bounds = WASMAOT_BOUNDS_GUARD;
    else
      Path = Argv[I];
  }
  if (!Path) {
    llvm::errs() << "usage: wasmaot-lower [--bounds-checks=guard|explicit] [--interruptible] [-O0..3] "
                    "FILE.wasm\n";
    return 2;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, false, false);
  if (!Buffer) {
    llvm::errs() << Path << ": " << Buffer.getError().message() << "\n";
    return 1;
  }
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                                (*Buffer)->getBufferSize());
  auto M = decodeModule(Bytes);
  if (!M) {
    llvm::errs() << consumeToString(Path, M.takeError()) << "\n";
    return 1;
  }
  if (auto E = validateModule(*M)) {
    llvm::errs() << consumeToString(Path, std::move(E)) << "\n";
    return 1;
  }
  llvm::LLVMContext Context;
  auto LM = lowering::lowerModule(*M, Context, {Bounds, Interruptible, {}});
  if (!LM) {
    llvm::errs() << consumeToString(Path, LM.takeError()) << "\n";
    return 1;
  }
  if (llvm::verifyModule(**LM, &llvm::errs()))
    return 1;
  if (OptLevel > 0) {
    initializeTargets();
    auto Target = TargetDesc::create();
    auto TM = Target ? Target->createTargetMachine(OptLevel)
                     : llvm::Expected<std::unique_ptr<llvm::TargetMachine>>(Target.takeError());
    if (!TM) {
      llvm::errs() << consumeToString(Path, TM.takeError()) << "\n";
      return 1;
    }
    configureModule(**LM, **TM);
    if (auto E = optimizeModule(**LM, **TM, OptLevel, VerifyIR::Yes)) {
      llvm::errs() << consumeToString(Path, std::move(E)) << "\n";
      return 1;
    }
  }
  (*LM)->print(llvm::outs(), nullptr);
  return 0;
}
