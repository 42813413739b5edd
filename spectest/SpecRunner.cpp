//===- spectest/SpecRunner.cpp ---------------------------------------------===//
#include "SpecRunner.h"

#include "decoder/Decoder.h"
#include "lowering/ModuleLowering.h"
#include "validator/Validator.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstring>
#include <exception>

using namespace wasmaot;
using namespace wasmaot::spectest;

namespace {

constexpr llvm::StringLiteral TextModuleReason =
    "text-format module: wasmaot consumes binaries only";
constexpr llvm::StringLiteral NeedsCodegenReason = "needs code generation (not implemented yet)";

void skip(Tally &T, const std::string &Reason) {
  ++T.Skipped;
  ++T.SkipReasons[Reason];
}

/// Records a decode or validation error in V. Every error the compiler
/// returns is a WasmError; anything else breaks that contract.
void recordError(llvm::Error E, ModuleVerdict &V) {
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        V.Outcome = ModuleVerdict::Rejected;
        V.Kind = W.kind();
        V.Text = W.text();
        llvm::raw_string_ostream OS(V.Message);
        W.log(OS);
      },
      [&](const llvm::ErrorInfoBase &Other) {
        V.Outcome = ModuleVerdict::HostError;
        V.Message = "an error that is not a WasmError: " + Other.message();
      });
}

} // namespace

llvm::StringRef wasmaot::spectest::toString(wasmaot_bounds_checks B) {
  switch (B) {
  case WASMAOT_BOUNDS_GUARD:
    return "guard";
  case WASMAOT_BOUNDS_EXPLICIT:
    return "explicit";
  }
  llvm_unreachable("unknown bounds-check mode");
}

Tally &Tally::operator+=(const Tally &Other) {
  Passed += Other.Passed;
  Failed += Other.Failed;
  Skipped += Other.Skipped;
  MessageMismatches += Other.MessageMismatches;
  for (const auto &[Reason, Count] : Other.SkipReasons)
    SkipReasons[Reason] += Count;
  Lowered += Other.Lowered;
  for (const auto &[Reason, Count] : Other.NotLowered)
    NotLowered[Reason] += Count;
  return *this;
}

/// Lowers a valid module and verifies the IR, recording the outcome in V.
static void lowerAndVerify(const ir::Module &M, wasmaot_bounds_checks Bounds, ModuleVerdict &V) {
  llvm::LLVMContext Context;
  auto LM = lowering::lowerModule(M, Context, {Bounds});
  if (!LM) {
    llvm::handleAllErrors(LM.takeError(), [&](const WasmError &W) {
      V.Lowering = W.kind() == ErrorKind::Unsupported ? ModuleVerdict::Unsupported
                                                     : ModuleVerdict::Broken;
      V.LoweringMessage = W.text();
    });
    return;
  }
  llvm::raw_string_ostream OS(V.LoweringMessage);
  if (llvm::verifyModule(**LM, &OS)) {
    V.Lowering = ModuleVerdict::Broken;
    return;
  }
  V.Lowering = ModuleVerdict::Lowered;
}

ModuleVerdict wasmaot::spectest::checkModuleFile(llvm::StringRef Path,
                                                 std::optional<wasmaot_bounds_checks> Lower) {
  ModuleVerdict V;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    V.Message = ("cannot read " + Path + ": " + Buffer.getError().message()).str();
    return V;
  }
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                                (*Buffer)->getBufferSize());

  // One bad module must cost one failure, not the rest of the run; a crash
  // also leaves no other trace of which module caused it.
  llvm::CrashRecoveryContext CRC;
  bool Completed = CRC.RunSafely([&] {
    try {
      auto M = decodeModule(Bytes);
      if (!M)
        return recordError(M.takeError(), V);
      if (auto E = validateModule(*M))
        return recordError(std::move(E), V);
      V.Outcome = ModuleVerdict::Valid;
      if (Lower)
        lowerAndVerify(*M, *Lower, V);
    } catch (const std::exception &Ex) {
      V.Outcome = ModuleVerdict::HostError;
      V.Message = std::string("exception while decoding or validating: ") + Ex.what();
    }
  });
  if (!Completed) {
    V.Outcome = ModuleVerdict::HostError;
    int Signal = CRC.RetCode - 128;
    V.Message = "crashed while decoding or validating (signal " + std::to_string(Signal) + ": " +
                strsignal(Signal) + ")";
  }
  return V;
}

ModuleVerdict wasmaot::spectest::checkModuleWithCommand(llvm::StringRef Path,
                                                       llvm::StringRef Command) {
  ModuleVerdict V;
  llvm::SmallString<128> StderrPath;
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot-spectest", "stderr", StderrPath)) {
    V.Message = "cannot create a temporary file: " + EC.message();
    return V;
  }
  llvm::FileRemover RemoveStderr(StderrPath);
  llvm::StringRef Args[] = {Command, "validate", Path};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                llvm::StringRef(StderrPath)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(Command, Args, std::nullopt, Redirects,
                                         /*SecondsToWait=*/60, 0, &ExecError);
  auto Stderr = llvm::MemoryBuffer::getFile(StderrPath);
  std::string Diagnostic = Stderr ? (*Stderr)->getBuffer().trim().str() : "";
  if (Status == 0) {
    V.Outcome = ModuleVerdict::Valid;
    return V;
  }
  if (Status != 1) {
    V.Message = "`" + Command.str() + " validate` exited with " + std::to_string(Status) +
                (ExecError.empty() ? "" : " (" + ExecError + ")") + ": " + Diagnostic;
    return V;
  }
  // The diagnostic reads `FILE:0xOFFSET: KIND: TEXT`.
  V.Outcome = ModuleVerdict::Rejected;
  V.Message = Diagnostic;
  for (ErrorKind K : {ErrorKind::Malformed, ErrorKind::Invalid}) {
    std::string Marker = (": " + toString(K) + ": ").str();
    size_t At = Diagnostic.find(Marker);
    if (At == std::string::npos)
      continue;
    V.Kind = K;
    V.Text = Diagnostic.substr(At + Marker.size());
    return V;
  }
  V.Outcome = ModuleVerdict::HostError;
  V.Message = "exit code 1 without a malformed/invalid diagnostic: " + Diagnostic;
  return V;
}

bool wasmaot::spectest::messageMatches(llvm::StringRef Expected, llvm::StringRef Ours) {
  return llvm::StringRef(Ours.lower()).contains(Expected.lower());
}

Tally SpecRunner::runFile(llvm::StringRef WastPath) {
  Tally T;
  auto Converted = Cache.load(WastPath);
  if (!Converted) {
    OS << WastPath << ": error: " << llvm::toString(Converted.takeError()) << "\n";
    ++T.Failed;
    printTally(WastPath, T);
    return T;
  }
  if (Opts.Verbose)
    OS << "note: " << WastPath << ": "
       << (Converted->FromCache ? "reusing the conversion in " : "converted into ")
       << Converted->ModuleDir << "\n";
  for (const Command &C : Converted->Script.Commands)
    runCommand(C, WastPath, Converted->ModuleDir, T);
  printTally(WastPath, T);
  return T;
}

void SpecRunner::runCommand(const Command &C, llvm::StringRef WastPath, llvm::StringRef ModuleDir,
                            Tally &T) {
  if (!carriesModule(C.Kind)) {
    if (C.Kind == CommandKind::Unknown)
      return skip(T, "unknown command type \"" + C.Type + "\"");
    return skip(T, NeedsCodegenReason.str());
  }
  if (C.ModType == ModuleType::Text)
    return skip(T, TextModuleReason.str());

  llvm::SmallString<256> ModulePath(ModuleDir);
  llvm::sys::path::append(ModulePath, C.Filename);
  switch (C.Kind) {
  case CommandKind::Module:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return expectValid(C, WastPath, ModulePath, T);
  case CommandKind::AssertInvalid:
    return expectRejected(C, ErrorKind::Invalid, WastPath, ModulePath, T);
  case CommandKind::AssertMalformed:
    return expectRejected(C, ErrorKind::Malformed, WastPath, ModulePath, T);
  default:
    llvm_unreachable("carriesModule() and this switch disagree");
  }
}

void SpecRunner::expectValid(const Command &C, llvm::StringRef WastPath, llvm::StringRef ModulePath,
                             Tally &T) {
  ModuleVerdict V = check(ModulePath);
  switch (V.Lowering) {
  case ModuleVerdict::NotLowered:
    break;
  case ModuleVerdict::Lowered:
    ++T.Lowered;
    break;
  case ModuleVerdict::Unsupported:
    ++T.NotLowered[V.LoweringMessage];
    break;
  case ModuleVerdict::Broken:
    return fail(C, WastPath, "a valid module to lower to well-formed LLVM IR",
                V.LoweringMessage, ModulePath, T);
  }
  if (V.Outcome == ModuleVerdict::Valid) {
    ++T.Passed;
    return;
  }
  // Linking and instantiation come with code generation; until then these
  // modules only have to decode and validate.
  llvm::StringRef Expected = C.Kind == CommandKind::Module
                                 ? "expected a valid module"
                                 : "expected a valid module (linking is not checked yet)";
  fail(C, WastPath, Expected, V.Message, ModulePath, T);
}

void SpecRunner::expectRejected(const Command &C, ErrorKind ExpectedKind, llvm::StringRef WastPath,
                                llvm::StringRef ModulePath, Tally &T) {
  ModuleVerdict V = check(ModulePath);
  if (V.Outcome != ModuleVerdict::Rejected) {
    std::string Expected =
        ("expected " + toString(ExpectedKind) + " module (\"" + C.Text + "\")").str();
    llvm::StringRef Got =
        V.Outcome == ModuleVerdict::Valid ? llvm::StringRef("valid") : llvm::StringRef(V.Message);
    return fail(C, WastPath, Expected, Got, ModulePath, T);
  }
  ++T.Passed;
  if (V.Kind == ExpectedKind && messageMatches(C.Text, V.Text))
    return;
  ++T.MessageMismatches;
  if (Opts.Verbose)
    OS << "note: " << WastPath << ":" << C.Line << ": " << C.Type << ": message mismatch: expected "
       << toString(ExpectedKind) << ": \"" << C.Text << "\", got: " << V.Message << "\n";
}

ModuleVerdict SpecRunner::check(llvm::StringRef ModulePath) const {
  if (Opts.ValidatorCommand.empty())
    return checkModuleFile(ModulePath, Opts.Bounds);
  return checkModuleWithCommand(ModulePath, Opts.ValidatorCommand);
}

void SpecRunner::fail(const Command &C, llvm::StringRef WastPath, llvm::StringRef Expected,
                      llvm::StringRef Got, llvm::StringRef ModulePath, Tally &T) {
  ++T.Failed;
  OS << WastPath << ":" << C.Line << ": " << C.Type << ": " << Expected << ", got: " << Got
     << "\n    module file: " << ModulePath << "\n";
}

void SpecRunner::printTally(llvm::StringRef WastPath, const Tally &T) {
  OS << llvm::sys::path::filename(WastPath) << ": " << T.Passed << " passed, " << T.Failed
     << " failed, " << T.Skipped << " skipped";
  const char *Separator = " (";
  for (const auto &[Reason, Count] : T.SkipReasons) {
    OS << Separator << Count << " " << Reason;
    Separator = "; ";
  }
  if (!T.SkipReasons.empty())
    OS << ")";
  OS << "\n";
  OS.flush();
}
