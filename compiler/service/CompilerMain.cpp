//===- service/CompilerMain.cpp - lib/wasmaot/wasmaot-compiler ------------===//
//
// The program that holds the compiler and LLVM, started by the `wasmaot`
// command when it has to validate, assemble or compile (the protocol is in
// CompilerRequest.h). One request per process: the command waits for it.
//
//===----------------------------------------------------------------------===//
#include "service/CompilerRequest.h"
#include "service/ExecutableImports.h"
#include "service/ProgressBar.h"

#include "codegen/Codegen.h"
#include "codegen/PassTimes.h"
#include "decoder/Decoder.h"
#include "driver/Pipeline.h"
#include "support/Error.h"
#include "text/Printer.h"
#include "text/TextFormat.h"
#include "validator/Validator.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::service;

namespace {

/// Writes E as the request's diagnostic on stdout and returns the exit
/// status that says whose fault it is.
int fail(const std::string &Name, llvm::Error E) {
  int Status = ExitFailed;
  std::string Message;
  llvm::raw_string_ostream OS(Message);
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        if (W.kind() == ErrorKind::Malformed || W.kind() == ErrorKind::Invalid ||
            W.kind() == ErrorKind::Unlinkable)
          Status = ExitRejected;
        if (!Name.empty())
          OS << Name << (W.hasPosition() ? ":" : ": ");
        W.log(OS);
      },
      [&](const llvm::ErrorInfoBase &Other) { OS << Name << ": " << Other.message(); });
  llvm::outs() << OS.str();
  return Status;
}

int failUsage(const std::string &Why) {
  llvm::outs() << "wasmaot-compiler: " << Why
               << " (it is started by the wasmaot command, see CompilerRequest.h)";
  return ExitFailed;
}

llvm::Error writeText(const std::string &Path, const std::string &Text) {
  return writeFileAtomically(Path, llvm::ArrayRef(Text.data(), Text.size()));
}

std::string summarize(const ir::Module &M) {
  auto N = [](size_t V) { return std::to_string(V); };
  return N(M.Types.size()) + " types, " + N(M.Imports.size()) + " imports, " +
         N(M.Functions.size()) + " functions (" + N(M.Functions.size() - M.NumImportedFuncs) +
         " defined), " + N(M.Tables.size()) + " tables, " + N(M.Memories.size()) +
         " memories, " + N(M.Globals.size()) + " globals, " + N(M.Exports.size()) +
         " exports, " + N(M.Elems.size()) + " element and " + N(M.Datas.size()) +
         " data segments";
}

/// Wasm decoded and validated in the language of Features.
llvm::Expected<ir::Module> validModule(llvm::ArrayRef<uint8_t> Wasm,
                                       const ir::Features &Features) {
  auto M = decodeModule(Wasm, Features);
  if (!M)
    return M.takeError();
  if (auto E = validateModule(*M, Features))
    return E;
  return M;
}

llvm::Error validate(llvm::ArrayRef<uint8_t> Wasm, const ir::Features &Features) {
  auto M = validModule(Wasm, Features);
  if (!M)
    return M.takeError();
  llvm::outs() << summarize(*M);
  return llvm::Error::success();
}

llvm::Error print(llvm::ArrayRef<uint8_t> Wasm, const ir::Features &Features) {
  auto M = validModule(Wasm, Features);
  if (!M)
    return M.takeError();
  llvm::outs() << text::printModule(*M);
  return llvm::Error::success();
}

llvm::Error assemble(const std::string &Path) {
  auto Binary = assembleTextModule(Path);
  if (!Binary)
    return Binary.takeError();
  llvm::outs().write(reinterpret_cast<const char *>(Binary->data()), Binary->size());
  return llvm::Error::success();
}

llvm::Error compile(const Request &R, const ir::Features &Features,
                    llvm::ArrayRef<uint8_t> Wasm, PhaseTimes &Times, PassTimes &Passes) {
  auto Target = TargetDesc::create(R.Triple, R.Cpu);
  if (!Target)
    return Target.takeError();
  CompileOptions Options{R.Bounds, Features, R.OptLevel, DefaultVerifyIR, &Times,
                         R.Interruptible};
  Options.Jobs = R.Jobs;
  if (R.Verbose)
    Options.Passes = &Passes;
  std::optional<ProgressBar> Bar;
  if (R.Progress) {
    Bar.emplace(R.InputName);
    Options.Progress = [&Bar](const CompileProgress &Now) { Bar->update(Now); };
  }
  if (R.Kind == Emit::Executable)
    Options.CheckModule = [&R](const ir::Module &M) {
      return checkExecutableImports(M, R.TrapUnknownImports);
    };
  switch (R.Kind) {
  case Emit::SharedObject:
    return compileToSharedObject(Wasm, Options, R.Output, &*Target);
  case Emit::Executable: {
    auto C = CRuntime::read(R.CRuntime);
    if (!C)
      return C.takeError();
    return compileToExecutable(Wasm, *Target, Options,
                               {DataSymbol{"wasmaot_exe_config", R.ExeConfig}}, R.LinkInputs, *C,
                               R.Output);
  }
  case Emit::Object:
    return compileToObjectFile(Wasm, *Target, Options, R.Output);
  case Emit::LlvmIr:
  case Emit::Assembly: {
    llvm::LLVMContext Context;
    auto LM = buildModule(Wasm, *Target, Options, {}, Context);
    if (!LM)
      return LM.takeError();
    if (R.Kind == Emit::LlvmIr) {
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      (*LM)->print(OS, nullptr);
      return writeText(R.Output, OS.str());
    }
    auto TM = Target->createTargetMachine(R.OptLevel);
    if (!TM)
      return TM.takeError();
    auto Asm = emitAssembly(**LM, **TM, Options.Verify);
    if (!Asm)
      return Asm.takeError();
    return writeText(R.Output, *Asm);
  }
  }
  return llvm::Error::success();
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  if (Args.size() < 2)
    return failUsage("expected a command and a module name");
  const std::string &Command = Args[0], &Name = Args[1];
  if (Command != "validate" && Command != "print" && Command != "assemble" &&
      Command != "compile")
    return failUsage("unknown command '" + Command + "'");
  bool ValidateWithFeatures = (Command == "validate" || Command == "print") &&
                              Args.size() == 4 && Args[2] == "--wasm-features";
  if (Command != "compile" && Args.size() != 2 && !ValidateWithFeatures)
    return failUsage("'" + Command + "' takes only a module name");

  initializeTargets();
  // For experiments with LLVM itself, as clang's -mllvm: options of LLVM's
  // own, e.g. WASMAOT_LLVM_ARGS="-time-passes -instcombine-max-iterations=1".
  const char *Program[] = {"wasmaot-compiler"};
  llvm::cl::ParseCommandLineOptions(1, Program, "", nullptr, "WASMAOT_LLVM_ARGS");
  // LLVM's internal errors abort; with recovery on, they fail the module.
  llvm::CrashRecoveryContext::Enable();

  if (Command == "assemble") {
    if (llvm::Error E = assemble(Name))
      return fail(Name, std::move(E));
    return ExitOk;
  }
  Request R;
  if (Command == "compile") {
    runtime::Result<Request> Parsed = requestFromArguments(std::span(Args).subspan(1));
    if (!Parsed)
      return failUsage(Parsed.error().message());
    R = std::move(*Parsed);
  }
  if (ValidateWithFeatures)
    R.Features = Args[3];
  ir::Features Features = ir::Features::wasm3();
  if (llvm::Error E = Features.apply(R.Features))
    return failUsage(llvm::toString(std::move(E)));
  auto Input = llvm::MemoryBuffer::getSTDIN();
  if (!Input)
    return failUsage("cannot read the module from stdin: " + Input.getError().message());
  llvm::ArrayRef<uint8_t> Wasm(reinterpret_cast<const uint8_t *>((*Input)->getBufferStart()),
                               (*Input)->getBufferSize());
  PhaseTimes Times;
  PassTimes Passes;
  llvm::Error E = Command == "validate" ? validate(Wasm, Features)
                   : Command == "print"  ? print(Wasm, Features)
                                         : compile(R, Features, Wasm, Times, Passes);
  if (E)
    return fail(Name, std::move(E));
  // On stderr, which is the wasmaot command's: its -v log goes there too.
  if (R.Verbose) {
    llvm::errs() << "debug: compiled " << Name << ": " << Times.format() << "\n";
    llvm::errs() << "debug: optimizer passes: " << Passes.top(12) << "\n";
  }
  return ExitOk;
}
