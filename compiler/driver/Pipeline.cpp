//===- driver/Pipeline.cpp - Wasm bytes to native code, every stage --------===//
#include "driver/Pipeline.h"

#include "codegen/FrameTable.h"
#include "decoder/Decoder.h"
#include "driver/Parallel.h"
#include "driver/Partition.h"
#include "link/Linker.h"
#include "lowering/ModuleLowering.h"
#include "module/ArtifactInfo.h"
#include "module/FrameTable.h"
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
#include <mutex>
#include <optional>

using namespace wasmaot;

namespace {

llvm::Error ioError(const llvm::Twine &What, std::error_code EC) {
  return makeError(ErrorKind::Io, WasmError::NoOffset, (What + ": " + EC.message()).str());
}

/// The features of WebAssembly 2.0 that every compiled module may use.
constexpr const char *Wasm2Features =
    "mutable-globals,sign-ext,sat-float-to-int,multi-value,bulk-memory,reference-types,simd";

/// Records the target, the code's CPU features and the WebAssembly features
/// WM uses: Wasm 2.0's and those past it (ir/Features.def) that it needs.
std::string artifactInfo(const TargetDesc &Target, const CompileOptions &Options,
                         const ir::Module &WM) {
  runtime::ArtifactInfo Info;
  Info.WasmaotVersion = WASMAOT_VERSION;
  Info.Triple = Target.triple().str();
  Info.Cpu = Target.cpu();
  Info.Features.assign(Target.enabledFeatures().begin(), Target.enabledFeatures().end());
  Info.Bounds = Options.Bounds;
  std::string Used = ir::Features::usedBy(WM).toString();
  Info.WasmFeatures = std::string(Wasm2Features) + (Used.empty() ? "" : "," + Used);
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

/// Adds the time from its creation to its destruction to one phase of
/// *Times, if given.
class PhaseTimer {
public:
  PhaseTimer(PhaseTimes *Times, double PhaseTimes::*Phase)
      : Total(Times ? &(Times->*Phase) : nullptr), Start(std::chrono::steady_clock::now()) {}
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

/// The decoded module, once validated and checked.
llvm::Expected<ir::Module> frontEnd(llvm::ArrayRef<uint8_t> Wasm, const CompileOptions &Options) {
  std::optional<PhaseTimer> Timer(std::in_place, Options.Times, &PhaseTimes::Decode);
  auto Module = decodeModule(Wasm, Options.Features);
  if (!Module)
    return Module.takeError();
  Timer.emplace(Options.Times, &PhaseTimes::Validate);
  if (auto E = validateModule(*Module, Options.Features))
    return E;
  if (Options.CheckModule)
    if (auto E = Options.CheckModule(*Module))
      return E;
  return Module;
}

/// Part of WM lowered into Context and optimized for TM; the part holding
/// the module data gets the artifact information and Data.
llvm::Expected<std::unique_ptr<llvm::Module>>
lowerAndOptimize(const ir::Module &WM, const lowering::ModulePart &Part,
                 const TargetDesc &Target, llvm::TargetMachine &TM,
                 const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
                 llvm::LLVMContext &Context, PhaseTimes *Times) {
  std::optional<PhaseTimer> Timer(std::in_place, Times, &PhaseTimes::Lower);
  lowering::TargetShape Shape;
  Shape.PointerSize = TM.createDataLayout().getPointerSize();
  llvm::Triple::ArchType Arch = TM.getTargetTriple().getArch();
  Shape.FloatResultsAsIntegers = Arch == llvm::Triple::x86;
  Shape.WasmCallingConv =
      Target.info().GuaranteedTailCalls ? llvm::CallingConv::Tail : llvm::CallingConv::C;
  Shape.ReturnRegisters = Target.info().ReturnRegisters;
  auto LM = lowering::lowerModule(WM, Context, {Options.Bounds, Options.Interruptible, Shape},
                                  Part);
  if (!LM)
    return LM.takeError();
  if (Part.HoldsModuleData) {
    std::string Info = artifactInfo(Target, Options, WM);
    addData(**LM, "wasmaot_artifact_info",
            llvm::ArrayRef(reinterpret_cast<const uint8_t *>(Info.data()), Info.size()));
    for (const DataSymbol &D : Data)
      addData(**LM, D.Name, D.Bytes);
  }
  configureModule(**LM, TM, Target.tuneCpu());
  Timer.emplace(Times, &PhaseTimes::Optimize);
  if (auto E = optimizeModule(**LM, TM, Options.OptLevel, Options.Verify, Options.Passes))
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

/// What compiling one part gives.
struct CompiledPart {
  llvm::SmallVector<char, 0> Object;
  /// Its frame table (runtime/module/FrameTable.h), when asked for.
  std::vector<uint8_t> Frames;
};

/// The parts' objects, in part order.
std::vector<llvm::ArrayRef<char>> objectsOf(llvm::ArrayRef<CompiledPart> Parts) {
  std::vector<llvm::ArrayRef<char>> Objects;
  for (const CompiledPart &Part : Parts)
    Objects.push_back(Part.Object);
  return Objects;
}

/// Guard pages need address space that 32-bit targets do not have.
llvm::Error checkBoundsStrategy(const TargetDesc &Target, const CompileOptions &Options) {
  if (Options.Bounds != WASMAOT_BOUNDS_GUARD || Target.hasGuardPages())
    return llvm::Error::success();
  return makeError(ErrorKind::Unsupported, WasmError::NoOffset,
                   "--bounds-checks=guard is not possible on " + Target.triple().str() +
                       ": its address space has no room for guard regions (use explicit)");
}

/// Compiles every part of a module, in parallel, each into its own object.
llvm::Expected<std::vector<CompiledPart>>
compileParts(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
             const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
             bool WithFrames) {
  if (llvm::Error E = checkBoundsStrategy(Target, Options))
    return E;
  auto WM = frontEnd(Wasm, Options);
  if (!WM)
    return WM.takeError();
  std::vector<FunctionRange> Ranges =
      Options.PartWeight ? partitionFunctions(*WM, /*Threshold=*/0, Options.PartWeight)
                         : partitionFunctions(*WM);
  std::vector<CompiledPart> Parts(Ranges.size());
  std::vector<PhaseTimes> Times(Ranges.size());
  std::mutex ProgressLock;
  CompileProgress Progress;
  for (const FunctionRange &Range : Ranges) {
    Progress.Functions += Range.End - Range.Begin;
    Progress.Weight += Range.Weight;
  }

  auto CompilePart = [&](size_t K) -> llvm::Expected<CompiledPart> {
    lowering::ModulePart Part{Ranges[K].Begin, Ranges[K].End, /*HoldsModuleData=*/K == 0,
                              /*Whole=*/Ranges.size() == 1};
    llvm::LLVMContext Context;
    // Names only serve IR that people read (--emit=llvm-ir); every pass
    // that creates, moves or erases a named value pays for them.
    Context.setDiscardValueNames(true);
    auto TM = Target.createTargetMachine(Options.OptLevel);
    if (!TM)
      return TM.takeError();
    auto LM = lowerAndOptimize(*WM, Part, Target, **TM, Options, K == 0 ? Data : std::nullopt,
                               Context, &Times[K]);
    if (!LM)
      return LM.takeError();
    PhaseTimer Timer(&Times[K], &PhaseTimes::Codegen);
    CompiledPart Compiled;
    FrameRows Rows;
    auto Object = emitObject(**LM, **TM, Options.Verify, WithFrames ? &Rows : nullptr);
    if (!Object)
      return Object.takeError();
    Compiled.Object = std::move(*Object);
    if (!WithFrames)
      return Compiled;
    auto Frames = buildFrameTable(Compiled.Object, Rows);
    if (!Frames)
      return Frames.takeError();
    Compiled.Frames = std::move(*Frames);
    return Compiled;
  };
  llvm::Error E = runInParallel(Ranges.size(), Options.Jobs, [&](size_t K) -> llvm::Error {
    auto Compiled = recovering<CompiledPart>([&] { return CompilePart(K); });
    if (!Compiled)
      return Compiled.takeError();
    Parts[K] = std::move(*Compiled);
    if (Options.Progress) {
      std::lock_guard<std::mutex> Lock(ProgressLock);
      Progress.FunctionsDone += Ranges[K].End - Ranges[K].Begin;
      Progress.WeightDone += Ranges[K].Weight;
      Options.Progress(Progress);
    }
    return llvm::Error::success();
  });
  if (Options.Times) {
    for (const PhaseTimes &T : Times)
      *Options.Times += T;
    Options.Times->Parts = Ranges.size();
    Options.Times->Functions = Progress.Functions;
    Options.Times->Instructions = Progress.Weight;
    Options.Times->Threads = std::min<size_t>(effectiveJobs(Options.Jobs), Ranges.size());
  }
  if (E)
    return E;
  return Parts;
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
      [&]() -> llvm::Expected<std::unique_ptr<llvm::Module>> {
        if (llvm::Error E = checkBoundsStrategy(Target, Options))
          return E;
        auto WM = frontEnd(Wasm, Options);
        if (!WM)
          return WM.takeError();
        auto TM = Target.createTargetMachine(Options.OptLevel);
        if (!TM)
          return TM.takeError();
        return lowerAndOptimize(*WM, {}, Target, **TM, Options, Data, Context, Options.Times);
      });
}

/// The object holding the parts' frame tables (runtime/module/FrameTable.h):
/// linked beside them, since a table needs the code's final layout.
static llvm::Expected<llvm::SmallVector<char, 0>>
frameTableObject(llvm::ArrayRef<CompiledPart> Parts, const TargetDesc &Target,
                 const CompileOptions &Options) {
  PhaseTimer Timer(Options.Times, &PhaseTimes::Codegen);
  runtime::FrameTableWriter Writer;
  for (const CompiledPart &Part : Parts)
    if (!Writer.appendTable(Part.Frames))
      return makeError(ErrorKind::Codegen, WasmError::NoOffset,
                       "a part's frame table is damaged; please report this as a wasmaot bug");
  llvm::LLVMContext Context;
  llvm::Module M("frame-table", Context);
  addData(M, "wasmaot_frame_table", Writer.finish());
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

/// What linkAtomically makes.
enum class OutputKind { Relocatable, SharedObject, Executable };

/// Links Objects with ExtraInputs into Output through a temporary file
/// beside it.
static llvm::Error linkAtomically(llvm::ArrayRef<llvm::ArrayRef<char>> Objects,
                                  llvm::StringRef Output,
                                  llvm::ArrayRef<std::string> ExtraInputs, OutputKind Kind,
                                  const CRuntime *C = nullptr) {
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
  Link.AllowUndefined = Kind == OutputKind::SharedObject;
  llvm::Error E = Kind == OutputKind::Relocatable ? linkRelocatable(Inputs, Temporary)
                  : Kind == OutputKind::SharedObject
                      ? linkSharedObject(Inputs, Temporary, Link)
                      : linkExecutable(Inputs, Temporary, *C, Link);
  if (E)
    return E;
  if (auto EC = llvm::sys::fs::rename(Temporary, Output))
    return ioError("cannot rename " + Temporary + " to " + Output, EC);
  RemoveTemporary.releaseFile();
  return llvm::Error::success();
}

/// Compiles Wasm and links its parts, with their frame table, and
/// LinkInputs into Output.
static llvm::Error compileAndLink(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                  const CompileOptions &Options, llvm::ArrayRef<DataSymbol> Data,
                                  llvm::ArrayRef<std::string> LinkInputs, llvm::StringRef Output,
                                  OutputKind Kind, const CRuntime *C = nullptr) {
  auto Parts = compileParts(Wasm, Target, Options, Data, /*WithFrames=*/true);
  if (!Parts)
    return Parts.takeError();
  auto Frames = frameTableObject(*Parts, Target, Options);
  if (!Frames)
    return Frames.takeError();
  PhaseTimer Timer(Options.Times, &PhaseTimes::Link);
  std::vector<llvm::ArrayRef<char>> Objects = objectsOf(*Parts);
  Objects.push_back(*Frames);
  return linkAtomically(Objects, Output, LinkInputs, Kind, C);
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
  return compileAndLink(Wasm, *Target, Options, {}, {}, Output, OutputKind::SharedObject);
}

llvm::Error wasmaot::compileToExecutable(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                         const CompileOptions &Options,
                                         llvm::ArrayRef<DataSymbol> Data,
                                         llvm::ArrayRef<std::string> LinkInputs,
                                         const CRuntime &C, llvm::StringRef Output) {
  return compileAndLink(Wasm, Target, Options, Data, LinkInputs, Output, OutputKind::Executable,
                        &C);
}

llvm::Error wasmaot::compileToObjectFile(llvm::ArrayRef<uint8_t> Wasm, const TargetDesc &Target,
                                         const CompileOptions &Options, llvm::StringRef Output) {
  auto Parts = compileParts(Wasm, Target, Options, {}, /*WithFrames=*/false);
  if (!Parts)
    return Parts.takeError();
  if (Parts->size() == 1)
    return writeFileAtomically(Output, Parts->front().Object);
  PhaseTimer Timer(Options.Times, &PhaseTimes::Link);
  return linkAtomically(objectsOf(*Parts), Output, {}, OutputKind::Relocatable);
}

PhaseTimes &PhaseTimes::operator+=(const PhaseTimes &Other) {
  Decode += Other.Decode;
  Validate += Other.Validate;
  Lower += Other.Lower;
  Optimize += Other.Optimize;
  Codegen += Other.Codegen;
  Link += Other.Link;
  return *this;
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
  if (Parts)
    Text += "; " + std::to_string(Functions) + " functions, " + std::to_string(Instructions) +
            " instructions in " + std::to_string(Parts) + (Parts == 1 ? " part" : " parts") +
            " on " + std::to_string(Threads) + (Threads == 1 ? " thread" : " threads") +
            (Parts > 1 ? " (lower, optimize and codegen summed over the parts)" : "");
  return Text;
}
