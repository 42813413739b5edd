//===- driver/Pipeline.cpp - Wasm bytes to native code, every stage --------===//
#include "driver/Pipeline.h"

#include "codegen/FrameTable.h"
#include "decoder/Decoder.h"
#include "link/Linker.h"
#include "lowering/ModuleLowering.h"
#include "module/ArtifactInfo.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <cstdio>
#include <optional>

using namespace wasmaot;

namespace {

llvm::Error ioError(const llvm::Twine &What, std::error_code EC) {
  return makeError(ErrorKind::Io, WasmError::NoOffset, (What + ": " + EC.message()).str());
}

/// The features of WebAssembly 2.0 that every compiled module may use.
constexpr const char *WasmFeatures =
    "mutable-globals,sign-ext,sat-float-to-int,multi-value,bulk-memory,reference-types,simd";

std::string artifactInfo(const TargetDesc &Target, const CompileOptions &Options) {
  runtime::ArtifactInfo Info;
  Info.WasmaotVersion = WASMAOT_VERSION;
  Info.Triple = Target.triple().str();
  Info.Cpu = Target.cpu();
  Info.Features.assign(Target.enabledFeatures().begin(), Target.enabledFeatures().end());
  Info.Bounds = Options.Bounds;
  Info.WasmFeatures = WasmFeatures;
  return Info.serialize();
}

void addData(llvm::Module &M, llvm::StringRef Name, llvm::ArrayRef<uint8_t> Bytes) {
  llvm::LLVMContext &C = M.getContext();
  auto Add = [&](llvm::Constant *Init, const llvm::Twine &Symbol) {
    new llvm::GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                             llvm::GlobalValue::ExternalLinkage, Init, Symbol);
  };
  Add(llvm::ConstantDataArray::get(C, Bytes), Name);
  Add(llvm::ConstantInt::get(llvm::Type::getInt64Ty(C), Bytes.size()), Name + "_size");
}

/// Adds the time from its creation to its destruction to *Total, if given.
class PhaseTimer {
public:
  PhaseTimer(const CompileOptions &Options, double PhaseTimes::*Phase)
      : Total(Options.Times ? &(Options.Times->*Phase) : nullptr),
        Start(std::chrono::steady_clock::now()) {}
  PhaseTimer(const PhaseTimer &) = delete;
  PhaseTimer &operator=(const PhaseTimer &) = delete;
  ~PhaseTimer() {
    if (Total)
      *Total += std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  }

private:
  double *Total;
  std::chrono::steady_clock::time_point Start;
};

llvm::Expected<std::unique_ptr<llvm::Module>>
lowerAndOptimize(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                 const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
                 llvm::LLVMContext &Context) {
  std::optional<PhaseTimer> Timer(std::in_place, Options, &PhaseTimes::Decode);
  auto Module = decodeModule(Wasm);
  if (!Module)
    return Module.takeError();
  Timer.emplace(Options, &PhaseTimes::Validate);
  if (auto E = validateModule(*Module))
    return E;
  if (Options.CheckModule)
    if (auto E = Options.CheckModule(*Module))
      return E;
  Timer.emplace(Options, &PhaseTimes::Lower);
  auto LM = lowering::lowerModule(*Module, Context, {Options.Bounds, Options.Interruptible});
  if (!LM)
    return LM.takeError();
  std::string Info = artifactInfo(Target, Options);
  addData(**LM, "wasmaot_artifact_info",
          llvm::ArrayRef(reinterpret_cast<const uint8_t *>(Info.data()), Info.size()));
  for (const DataSymbol &D : Data)
    addData(**LM, D.Name, D.Bytes);
  auto TM = Target.createTargetMachine(Options.OptLevel);
  if (!TM)
    return TM.takeError();
  configureModule(**LM, **TM, Target.tuneCpu());
  Timer.emplace(Options, &PhaseTimes::Optimize);
  if (auto E = optimizeModule(**LM, **TM, Options.OptLevel, Options.Verify))
    return E;
  return std::move(*LM);
}

/// Runs Stage with crash recovery: LLVM reports some internal errors (an
/// instruction it cannot select) by aborting. Where the process enabled
/// crash recovery, that fails this module instead of the whole process; the
/// state LLVM leaves behind leaks.
template <typename T, typename Fn> llvm::Expected<T> recovering(Fn Stage) {
  std::optional<llvm::Expected<T>> Result;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Result.emplace(Stage()); }))
    return makeError(ErrorKind::Codegen, WasmError::NoOffset,
                     "LLVM failed internally while compiling the module (its message is "
                     "above); please report this as a wasmaot bug");
  return std::move(*Result);
}

/// Writes Object to a temporary file, for the linker.
llvm::Expected<std::string> writeTemporaryObject(llvm::ArrayRef<char> Object) {
  llvm::SmallString<128> Path;
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot", "o", Path))
    return ioError("cannot create a temporary object file", EC);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return ioError("cannot write " + Path, EC);
  OS.write(Object.data(), Object.size());
  return std::string(Path);
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::Module>>
wasmaot::buildModule(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                     const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
                     llvm::LLVMContext &Context) {
  return recovering<std::unique_ptr<llvm::Module>>(
      [&] { return lowerAndOptimize(Wasm, Target, Options, Data, Context); });
}

llvm::Expected<llvm::SmallVector<char, 0>>
wasmaot::compileToObject(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                         const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data) {
  return recovering<llvm::SmallVector<char, 0>>(
      [&]() -> llvm::Expected<llvm::SmallVector<char, 0>> {
        llvm::LLVMContext Context;
        auto LM = lowerAndOptimize(Wasm, Target, Options, Data, Context);
        if (!LM)
          return LM.takeError();
        auto TM = Target.createTargetMachine(Options.OptLevel);
        if (!TM)
          return TM.takeError();
        PhaseTimer Timer(Options, &PhaseTimes::Codegen);
        return emitObject(**LM, **TM, Options.Verify);
      });
}

/// The object holding Object's frame table (runtime/module/FrameTable.h):
/// linked beside it, since the table needs the code's final layout.
static llvm::Expected<llvm::SmallVector<char, 0>>
frameTableObject(llvm::ArrayRef<char> Object, const TargetDesc &Target,
                 const CompileOptions &Options) {
  PhaseTimer Timer(Options, &PhaseTimes::Codegen);
  auto Table = buildFrameTable(Object);
  if (!Table)
    return Table.takeError();
  llvm::LLVMContext Context;
  llvm::Module M("frame-table", Context);
  addData(M, "wasmaot_frame_table", *Table);
  auto TM = Target.createTargetMachine(0);
  if (!TM)
    return TM.takeError();
  configureModule(M, **TM);
  return emitObject(M, **TM, Options.Verify);
}

llvm::Error wasmaot::writeFileAtomically(llvm::StringRef Path, llvm::ArrayRef<char> Bytes) {
  llvm::SmallString<128> Temporary;
  int FD;
  if (auto EC = llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temporary))
    return ioError("cannot create a file beside " + Path, EC);
  llvm::FileRemover Remove(Temporary);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS.write(Bytes.data(), Bytes.size());
    OS.close();
    if (OS.has_error())
      return ioError("cannot write " + Temporary, OS.error());
  }
  if (auto EC = llvm::sys::fs::rename(Temporary, Path))
    return ioError("cannot rename " + Temporary + " to " + Path, EC);
  Remove.releaseFile();
  return llvm::Error::success();
}

/// Links Objects with ExtraInputs into Output through a temporary file
/// beside it.
static llvm::Error linkAtomically(llvm::ArrayRef<llvm::ArrayRef<char>> Objects,
                                  llvm::StringRef Output,
                                  llvm::ArrayRef<std::string> ExtraInputs, bool Executable) {
  std::vector<std::string> Inputs;
  std::vector<std::unique_ptr<llvm::FileRemover>> RemoveObjects;
  for (llvm::ArrayRef<char> Object : Objects) {
    auto ObjectPath = writeTemporaryObject(Object);
    if (!ObjectPath)
      return ObjectPath.takeError();
    RemoveObjects.push_back(std::make_unique<llvm::FileRemover>(*ObjectPath));
    Inputs.push_back(*ObjectPath);
  }
  llvm::SmallString<128> Temporary;
  if (auto EC = llvm::sys::fs::createUniqueFile(Output + ".tmp-%%%%%%%%", Temporary))
    return ioError("cannot create a file beside " + Output, EC);
  llvm::FileRemover RemoveTemporary(Temporary);
  Inputs.insert(Inputs.end(), ExtraInputs.begin(), ExtraInputs.end());
  LinkOptions Link;
  // A shared object's runtime entry points come from the process loading it.
  Link.AllowUndefined = !Executable;
  if (auto E = Executable ? linkExecutable(Inputs, Temporary, Link)
                          : linkSharedObject(Inputs, Temporary, Link))
    return E;
  if (auto EC = llvm::sys::fs::rename(Temporary, Output))
    return ioError("cannot rename " + Temporary + " to " + Output, EC);
  RemoveTemporary.releaseFile();
  return llvm::Error::success();
}

llvm::Error wasmaot::compileToSharedObject(llvm::ArrayRef<uint8_t> Wasm,
                                           const CompileOptions &Options,
                                           llvm::StringRef Output, const TargetDesc *Target) {
  std::optional<TargetDesc> Host;
  if (!Target) {
    auto Created = TargetDesc::create();
    if (!Created)
      return Created.takeError();
    Host.emplace(std::move(*Created));
    Target = &*Host;
  }
  auto Object = compileToObject(Wasm, *Target, Options);
  if (!Object)
    return Object.takeError();
  auto Frames = frameTableObject(*Object, *Target, Options);
  if (!Frames)
    return Frames.takeError();
  PhaseTimer Timer(Options, &PhaseTimes::Link);
  return linkAtomically({*Object, *Frames}, Output, {}, /*Executable=*/false);
}

llvm::Error wasmaot::compileToExecutable(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                         const CompileOptions &Options,
                                         llvm::ArrayRef<DataSymbol> Data,
                                         llvm::ArrayRef<std::string> LinkInputs,
                                         llvm::StringRef Output) {
  auto Object = compileToObject(Wasm, Target, Options, Data);
  if (!Object)
    return Object.takeError();
  auto Frames = frameTableObject(*Object, Target, Options);
  if (!Frames)
    return Frames.takeError();
  PhaseTimer Timer(Options, &PhaseTimes::Link);
  return linkAtomically({*Object, *Frames}, Output, LinkInputs, /*Executable=*/true);
}

std::string PhaseTimes::format() const {
  std::string Text;
  auto Add = [&Text](const char *Name, double Seconds) {
    char Buffer[64];
    std::snprintf(Buffer, sizeof Buffer, "%s%s %.1f ms", Text.empty() ? "" : ", ", Name,
                  Seconds * 1e3);
    Text += Buffer;
  };
  Add("decode", Decode);
  Add("validate", Validate);
  Add("lower", Lower);
  Add("optimize", Optimize);
  Add("codegen", Codegen);
  Add("link", Link);
  return Text;
}
