//===- codegen/Codegen.cpp -------------------------------------------------===//
#include "codegen/Codegen.h"
#include "codegen/ConstantFolding.h"
#include "codegen/FrameRecorder.h"
#include "codegen/PassTimes.h"
#include "codegen/RoundingNans.h"
#include "codegen/WasmPipeline.h"

#include "lowering/NanQuieting.h"
#include "support/Error.h"
#include "target/TargetDesc.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace wasmaot;

namespace {

llvm::Error codegenError(const llvm::Twine &Message) {
  return makeError(ErrorKind::Codegen, WasmError::NoOffset, Message);
}

/// Text from LLVM (verifier output, diagnostics) spans lines and indents IR;
/// error messages are one line, so runs of whitespace become one space.
std::string oneLine(llvm::StringRef Text, size_t MaxLength = 1000) {
  std::string Line;
  for (char C : Text.trim()) {
    bool Space = C == ' ' || C == '\n' || C == '\t' || C == '\r';
    if (Space && !Line.empty() && Line.back() == ' ')
      continue;
    Line += Space ? ' ' : C;
  }
  if (Line.size() > MaxLength)
    Line = Line.substr(0, MaxLength) + "...";
  return Line;
}

/// Records error diagnostics instead of letting LLVMContext print them and
/// exit(1), which it does for errors when no handler takes them. Warnings and
/// remarks are dropped: a library does not print.
class DiagnosticCollector : public llvm::DiagnosticHandler {
public:
  explicit DiagnosticCollector(std::string &Errors) : Errors(Errors) {}

  bool handleDiagnostics(const llvm::DiagnosticInfo &DI) override {
    if (DI.getSeverity() != llvm::DS_Error)
      return true;
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    llvm::DiagnosticPrinterRawOStream Printer(OS);
    DI.print(Printer);
    if (!Errors.empty())
      Errors += "; ";
    Errors += oneLine(OS.str());
    return true;
  }

private:
  std::string &Errors;
};

/// Routes M's context's diagnostics to a DiagnosticCollector while alive and
/// restores the previous handler afterwards.
class ScopedDiagnostics {
public:
  explicit ScopedDiagnostics(llvm::LLVMContext &Ctx)
      : Ctx(Ctx), Previous(Ctx.getDiagnosticHandler()) {
    Ctx.setDiagnosticHandler(std::make_unique<DiagnosticCollector>(Errors));
  }
  ~ScopedDiagnostics() { Ctx.setDiagnosticHandler(std::move(Previous)); }
  ScopedDiagnostics(const ScopedDiagnostics &) = delete;
  ScopedDiagnostics &operator=(const ScopedDiagnostics &) = delete;

  /// The collected errors as one error value, or success if there were none.
  llvm::Error takeError(const llvm::Twine &Stage) {
    if (Errors.empty())
      return llvm::Error::success();
    return codegenError(Stage + " failed: " + Errors);
  }

private:
  llvm::LLVMContext &Ctx;
  std::unique_ptr<llvm::DiagnosticHandler> Previous;
  std::string Errors;
};

llvm::Error checkConfigured(const llvm::Module &M, const llvm::TargetMachine &TM) {
  if (M.getTargetTriple() == TM.getTargetTriple().str() &&
      M.getDataLayout() == TM.createDataLayout())
    return llvm::Error::success();
  return codegenError("module '" + M.getName() + "' is not configured for target '" +
                      TM.getTargetTriple().str() + "' (see configureModule)");
}

llvm::Error checkModule(const llvm::Module &M, const llvm::TargetMachine &TM, VerifyIR Verify) {
  if (llvm::Error E = checkConfigured(M, TM))
    return E;
  if (Verify == VerifyIR::Yes)
    return verifyModuleIR(M);
  return llvm::Error::success();
}

std::optional<llvm::OptimizationLevel> passBuilderLevel(unsigned OptLevel) {
  switch (OptLevel) {
  case 0:
    return llvm::OptimizationLevel::O0;
  case 1:
    return llvm::OptimizationLevel::O1;
  case 2:
    return llvm::OptimizationLevel::O2;
  case 3:
    return llvm::OptimizationLevel::O3;
  default:
    return std::nullopt;
  }
}

/// Adds passes to a legacy pass manager, showing each to See first: the
/// only way to reach the AsmPrinter that addPassesToEmitFile creates.
class PassTap final : public llvm::legacy::PassManagerBase {
public:
  PassTap(llvm::legacy::PassManagerBase &PM, llvm::function_ref<void(llvm::Pass *)> See)
      : PM(PM), See(See) {}
  void add(llvm::Pass *P) override {
    See(P);
    PM.add(P);
  }

private:
  llvm::legacy::PassManagerBase &PM;
  llvm::function_ref<void(llvm::Pass *)> See;
};

llvm::Error emitFile(llvm::Module &M, llvm::TargetMachine &TM, llvm::CodeGenFileType Type,
                     VerifyIR Verify, FrameRows *Frames, llvm::SmallVectorImpl<char> &Out) {
  initializeTargets();
  if (llvm::Error E = checkModule(M, TM, Verify))
    return E;

  ScopedDiagnostics Diags(M.getContext());
  llvm::raw_svector_ostream OS(Out);
  llvm::legacy::PassManager PM;
  auto RecordFrames = [&](llvm::Pass *P) {
    auto *Printer = dynamic_cast<llvm::AsmPrinter *>(P);
    if (!Printer)
      return;
    if (Frames)
      recordFrames(*Printer, *Frames);
    else if (Type == llvm::CGFT_AssemblyFile)
      commentFrames(*Printer);
  };
  PassTap Tap(PM, RecordFrames);
  // DisableVerify: the codegen pipeline's own verifier aborts the process on
  // broken IR; verification is done above, where it yields an error value.
  if (TM.addPassesToEmitFile(Tap, OS, /*DwoOut=*/nullptr, Type, /*DisableVerify=*/true))
    return codegenError("target '" + TM.getTargetTriple().str() + "' cannot emit " +
                        (Type == llvm::CGFT_ObjectFile ? "object files" : "assembly"));
  PM.run(M);
  return Diags.takeError("code generation for module '" + M.getName() + "'");
}

} // namespace

void wasmaot::configureModule(llvm::Module &M, const llvm::TargetMachine &TM,
                              llvm::StringRef TuneCpu) {
  M.setTargetTriple(TM.getTargetTriple().str());
  M.setDataLayout(TM.createDataLayout());
  if (TuneCpu.empty() || TuneCpu == TM.getTargetCPU())
    return;
  for (llvm::Function &F : M)
    if (!F.isDeclaration())
      F.addFnAttr("tune-cpu", TuneCpu);
}

llvm::Error wasmaot::verifyModuleIR(const llvm::Module &M) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (!llvm::verifyModule(M, &OS))
    return llvm::Error::success();
  return codegenError("LLVM IR of module '" + M.getName() + "' is broken: " + oneLine(OS.str()));
}

llvm::Error wasmaot::optimizeModule(llvm::Module &M, llvm::TargetMachine &TM, unsigned OptLevel,
                                    VerifyIR Verify, PassTimes *Times) {
  std::optional<llvm::OptimizationLevel> Level = passBuilderLevel(OptLevel);
  if (!Level)
    return codegenError("optimization level " + llvm::Twine(OptLevel) + " is not in 0..3");
  if (llvm::Error E = checkModule(M, TM, Verify))
    return E;

  ScopedDiagnostics Diags(M.getContext());
  // Vectorizers and unrolling as clang enables them for -O2 and above.
  llvm::PipelineTuningOptions Tuning;
  Tuning.LoopInterleaving = OptLevel >= 2;
  Tuning.LoopVectorization = OptLevel >= 2;
  Tuning.SLPVectorization = OptLevel >= 2;
  Tuning.LoopUnrolling = OptLevel >= 2;

  // Declared in this order so that they are destroyed in the reverse one:
  // each outer manager's proxies refer to the inner managers.
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassInstrumentationCallbacks Instrumentation;
  if (Times)
    Times->instrument(Instrumentation);
  llvm::PassBuilder PB(&TM, Tuning, std::nullopt, Times ? &Instrumentation : nullptr);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);

  llvm::ModulePassManager MPM = OptLevel == 0 ? PB.buildO0DefaultPipeline(*Level)
                                              : buildWasmPipeline(PB, *Level, Tuning);
  MPM.run(M, MAM);
  // No mark may reach code generation, whatever the pipeline ran.
  lowering::quietFoldedNans(M);
  if (TM.getTargetTriple().isRISCV())
    quietRoundingNans(M);
  if (OptLevel == 0)
    foldConstantExpressions(M);
  return Diags.takeError("optimizing module '" + M.getName() + "'");
}

llvm::Expected<llvm::SmallVector<char, 0>>
wasmaot::emitObject(llvm::Module &M, llvm::TargetMachine &TM, VerifyIR Verify,
                    FrameRows *Frames) {
  llvm::SmallVector<char, 0> Object;
  if (llvm::Error E = emitFile(M, TM, llvm::CGFT_ObjectFile, Verify, Frames, Object))
    return E;
  return Object;
}

llvm::Expected<std::string> wasmaot::emitAssembly(llvm::Module &M, llvm::TargetMachine &TM,
                                                  VerifyIR Verify) {
  llvm::SmallString<0> Text;
  if (llvm::Error E = emitFile(M, TM, llvm::CGFT_AssemblyFile, Verify, /*Frames=*/nullptr, Text))
    return E;
  return Text.str().str();
}
