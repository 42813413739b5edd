//===- driver/Pipeline.cpp - Wasm bytes to native code, every stage --------===//
#include "driver/Pipeline.h"

#include "codegen/Codegen.h"
#include "decoder/Decoder.h"
#include "link/Linker.h"
#include "lowering/ModuleLowering.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace wasmaot;

namespace {

llvm::Expected<llvm::SmallVector<char, 0>> runStages(llvm::ArrayRef<uint8_t> Wasm,
                                                     const TargetDesc &Target,
                                                     const CompileOptions &Options) {
  auto Module = decodeModule(Wasm);
  if (!Module)
    return Module.takeError();
  if (auto E = validateModule(*Module))
    return E;

  llvm::LLVMContext Context;
  auto LM = lowering::lowerModule(*Module, Context, {Options.Bounds});
  if (!LM)
    return LM.takeError();
  auto TM = Target.createTargetMachine(Options.OptLevel);
  if (!TM)
    return TM.takeError();
  configureModule(**LM, **TM);
  if (auto E = optimizeModule(**LM, **TM, Options.OptLevel, Options.Verify))
    return E;
  return emitObject(**LM, **TM, Options.Verify);
}

} // namespace

llvm::Expected<llvm::SmallVector<char, 0>>
wasmaot::compileToObject(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                         const CompileOptions &Options) {
  // LLVM reports some internal errors (an instruction it cannot select) by
  // aborting. Where the process enabled crash recovery, that fails this
  // module instead of the whole process; the state LLVM leaves behind leaks.
  std::optional<llvm::Expected<llvm::SmallVector<char, 0>>> Result;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Result.emplace(runStages(Wasm, Target, Options)); }))
    return makeError(ErrorKind::Codegen, 0,
                     "LLVM failed internally while compiling the module (its message is "
                     "above); please report this as a wasmaot bug");
  return std::move(*Result);
}

llvm::Error wasmaot::compileToSharedObject(llvm::ArrayRef<uint8_t> Wasm,
                                           const CompileOptions &Options,
                                           llvm::StringRef Output) {
  auto Target = TargetDesc::create();
  if (!Target)
    return Target.takeError();
  auto Object = compileToObject(Wasm, *Target, Options);
  if (!Object)
    return Object.takeError();

  auto IoError = [&](const llvm::Twine &What, std::error_code EC) {
    return makeError(ErrorKind::Io, 0, (What + ": " + EC.message()).str());
  };
  llvm::SmallString<128> ObjectPath, Temporary;
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot", "o", ObjectPath))
    return IoError("cannot create a temporary object file", EC);
  llvm::FileRemover RemoveObject(ObjectPath);
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ObjectPath, EC);
    if (EC)
      return IoError("cannot write " + ObjectPath, EC);
    OS.write(Object->data(), Object->size());
  }

  if (auto EC = llvm::sys::fs::createUniqueFile(Output + ".tmp-%%%%%%%%", Temporary))
    return IoError("cannot create a file beside " + Output, EC);
  llvm::FileRemover RemoveTemporary(Temporary);
  LinkOptions Link;
  Link.AllowUndefined = true; // the runtime's entry points come from the host process
  if (auto E = linkSharedObject({std::string(ObjectPath)}, Temporary, Link))
    return E;
  if (auto EC = llvm::sys::fs::rename(Temporary, Output))
    return IoError("cannot rename " + Temporary + " to " + Output, EC);
  RemoveTemporary.releaseFile();
  return llvm::Error::success();
}
