//===- tests/compiler/lowering/LowerTool.cpp - Print a module's LLVM IR ----===//
//
// wasmaot-lower [--bounds-checks=guard|explicit] FILE.wasm: decodes,
// validates and lowers FILE, verifies the IR and prints it unoptimized, for
// the FileCheck tests beside this file.
//
//===----------------------------------------------------------------------===//
#include "decoder/Decoder.h"
#include "lowering/ModuleLowering.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include "llvm/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace wasmaot;

int main(int Argc, char **Argv) {
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  const char *Path = nullptr;
  for (int I = 1; I < Argc; ++I) {
    if (!std::strcmp(Argv[I], "--bounds-checks=explicit"))
      Bounds = WASMAOT_BOUNDS_EXPLICIT;
    else if (!std::strcmp(Argv[I], "--bounds-checks=guard"))
      Bounds = WASMAOT_BOUNDS_GUARD;
    else
      Path = Argv[I];
  }
  if (!Path) {
    llvm::errs() << "usage: wasmaot-lower [--bounds-checks=guard|explicit] FILE.wasm\n";
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
  auto LM = lowering::lowerModule(*M, Context, {Bounds});
  if (!LM) {
    llvm::errs() << consumeToString(Path, LM.takeError()) << "\n";
    return 1;
  }
  if (llvm::verifyModule(**LM, &llvm::errs()))
    return 1;
  (*LM)->print(llvm::outs(), nullptr);
  return 0;
}
