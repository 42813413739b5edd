//===- spectest/SpecRunner.cpp ---------------------------------------------===//
#include "SpecRunner.h"
#include "LocalSession.h"
#include "agent/RemoteSession.h"

#include "decoder/Decoder.h"
#include "text/TextFormat.h"
#include "traps/Trap.h"
#include "validator/Validator.h"

#include "llvm/ADT/SmallString.h"
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

CompileOptions makeCompileOptions(const RunOptions &Opts) {
  CompileOptions Options{Opts.Bounds, Opts.Features, Opts.OptLevel, VerifyIR::Yes};
  Options.PartWeight = Opts.PartWeight;
  return Options;
}

constexpr llvm::StringLiteral VerdictsOnlyReason =
    "needs execution: --validator checks module verdicts only";

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
  return *this;
}

ModuleVerdict wasmaot::spectest::checkModuleFile(llvm::StringRef Path,
                                                 const ir::Features &Features) {
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
      auto M = decodeModule(Bytes, Features);
      if (!M)
        return recordError(M.takeError(), V);
      if (auto E = validateModule(*M, Features))
        return recordError(std::move(E), V);
      V.Outcome = ModuleVerdict::Valid;
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
                                                       llvm::StringRef Command,
                                                       const ir::Features &Features) {
  ModuleVerdict V;
  llvm::SmallString<128> StderrPath;
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot-spectest", "stderr", StderrPath)) {
    V.Message = "cannot create a temporary file: " + EC.message();
    return V;
  }
  llvm::FileRemover RemoveStderr(StderrPath);
  // Exactly these features: none but those named, after Wasm 2.0.
  std::string Names = Features.toString();
  std::string FeatureList = "--wasm-features=2.0" + (Names.empty() ? "" : "," + Names);
  llvm::StringRef Args[] = {Command, "validate", FeatureList, Path};
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

SpecRunner::SpecRunner(const RunOptions &Opts, llvm::raw_ostream &OS)
    : Opts(Opts),
      Compiled(Opts.CacheDir, makeCompileOptions(Opts), Opts.Target), OS(OS) {}

Tally SpecRunner::runFile(llvm::StringRef WastPath) {
  Tally T;
  auto Script = loadWastScript(WastPath, Opts.CacheDir);
  if (!Script) {
    OS << WastPath << ": error: " << llvm::toString(Script.takeError()) << "\n";
    ++T.Failed;
    printTally(WastPath, T);
    return T;
  }
  if (Opts.Verbose)
    OS << "note: " << WastPath << ": modules in " << Script->ModuleDir << "\n";
  // The script's instances live until its last command has run.
  std::unique_ptr<Session> Instances;
  if (Opts.AgentCommand.empty())
    Instances = std::make_unique<LocalSession>(Opts.Bounds);
  else
    Instances = std::make_unique<RemoteSession>(Opts.AgentCommand, Opts.Bounds);
  ScriptContext S{WastPath, Script->ModuleDir, *Instances, T};
  for (const Command &C : Script->Commands) {
    if (!Opts.RoundTrip) {
      runCommand(C, S);
      continue;
    }
    if (!C.ReadError.empty() || !carriesModule(C.Kind) || C.ModType == ModuleType::Text)
      continue;
    llvm::SmallString<256> ModulePath(S.ModuleDir);
    llvm::sys::path::append(ModulePath, C.Filename);
    std::string Difference = checkRoundTrip(ModulePath, Opts.Features);
    if (Difference.empty()) {
      ++T.Passed;
      continue;
    }
    OS << WastPath << ":" << C.Line << ": " << C.Type << ": round trip: " << Difference
       << "\n    module file: " << ModulePath << "\n";
    ++T.Failed;
  }
  auto Pending = Opts.Pending.find(llvm::sys::path::filename(WastPath).str());
  if (Pending != Opts.Pending.end()) {
    if (T.Failed == 0) {
      OS << WastPath << ": listed as pending (" << Pending->second
         << "), but every command passes: take it off the list\n";
      T.Failed = 1;
    } else {
      T.Skipped += T.Failed;
      T.SkipReasons["pending: " + Pending->second] += T.Failed;
      T.Failed = 0;
    }
  }
  printTally(WastPath, T);
  return T;
}

llvm::Expected<std::map<std::string, std::string>>
wasmaot::spectest::readPendingList(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read " + Path + ": " + Buffer.getError().message());
  std::map<std::string, std::string> Pending;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (auto [Number, Line] : llvm::enumerate(Lines)) {
    Line = Line.split('#').first.trim();
    if (Line.empty())
      continue;
    auto [Name, Reason] = Line.split(':');
    if (!Name.ends_with(".wast") || Reason.trim().empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Path + ":" + llvm::Twine(Number + 1) +
                                         ": expected `NAME.wast: reason`");
    Pending[Name.trim().str()] = Reason.trim().str();
  }
  return Pending;
}

void SpecRunner::runCommand(const Command &C, ScriptContext &S) {
  if (!C.ReadError.empty())
    return fail(C, S, "a command wasmaot's text front end reads", C.ReadError);
  if (C.Kind == CommandKind::Unknown)
    return skip(S.T, "command `" + C.Type + "` not supported yet");
  if (!carriesModule(C.Kind)) {
    if (!Opts.ValidatorCommand.empty())
      return skip(S.T, VerdictsOnlyReason.str());
    if (C.Kind == CommandKind::Register) {
      std::string Error = S.Session.registerAs(C.Name, C.As);
      if (!Error.empty())
        return fail(C, S, "a module to register as \"" + C.As + "\"", Error);
      ++S.T.Passed;
      return;
    }
    return checkAction(C, S);
  }
  llvm::SmallString<256> ModulePath(S.ModuleDir);
  llvm::sys::path::append(ModulePath, C.Filename);
  if (C.ModType == ModuleType::Text)
    return expectTextRejected(C, ModulePath, S);
  switch (C.Kind) {
  case CommandKind::ModuleDefinition:
    if (!Opts.ValidatorCommand.empty())
      return expectValid(C, ModulePath, S);
    return checkDefinition(C, ModulePath, S);
  case CommandKind::Module:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    if (!Opts.ValidatorCommand.empty())
      return expectValid(C, ModulePath, S);
    return instantiate(C, ModulePath, S);
  case CommandKind::AssertInvalid:
    return expectRejected(C, ErrorKind::Invalid, ModulePath, S);
  case CommandKind::AssertMalformed:
    return expectRejected(C, ErrorKind::Malformed, ModulePath, S);
  default:
    llvm_unreachable("carriesModule() and this switch disagree");
  }
}

void SpecRunner::expectValid(const Command &C, llvm::StringRef ModulePath, ScriptContext &S) {
  ModuleVerdict V = checkModuleWithCommand(ModulePath, Opts.ValidatorCommand, Opts.Features);
  if (V.Outcome == ModuleVerdict::Valid) {
    ++S.T.Passed;
    return;
  }
  fail(C, S, "expected a valid module", V.Message, ModulePath);
}

void SpecRunner::checkDefinition(const Command &C, llvm::StringRef ModulePath,
                                 ScriptContext &S) {
  ModuleVerdict V = checkModuleFile(ModulePath, Opts.Features);
  if (V.Outcome != ModuleVerdict::Valid)
    return fail(C, S, "a valid module", V.Message, ModulePath);
  ++S.T.Passed;
}

void SpecRunner::expectRejected(const Command &C, ErrorKind ExpectedKind,
                                llvm::StringRef ModulePath, ScriptContext &S) {
  ModuleVerdict V = Opts.ValidatorCommand.empty()
                        ? checkModuleFile(ModulePath, Opts.Features)
                        : checkModuleWithCommand(ModulePath, Opts.ValidatorCommand, Opts.Features);
  if (V.Outcome != ModuleVerdict::Rejected) {
    std::string Expected =
        ("expected " + toString(ExpectedKind) + " module (\"" + C.Text + "\")").str();
    llvm::StringRef Got =
        V.Outcome == ModuleVerdict::Valid ? llvm::StringRef("valid") : llvm::StringRef(V.Message);
    return fail(C, S, Expected, Got, ModulePath);
  }
  ++S.T.Passed;
  if (V.Kind == ExpectedKind && messageMatches(C.Text, V.Text))
    return;
  ++S.T.MessageMismatches;
  if (Opts.Verbose)
    OS << "note: " << S.WastPath << ":" << C.Line << ": " << C.Type
       << ": message mismatch: expected " << toString(ExpectedKind) << ": \"" << C.Text
       << "\", got: " << V.Message << "\n";
}

void SpecRunner::expectTextRejected(const Command &C, llvm::StringRef ModulePath,
                                    ScriptContext &S) {
  // Scripts keep quoted text only for assert_malformed modules that did not
  // assemble: assembling them again gives the error to check.
  if (C.Kind != CommandKind::AssertMalformed)
    return fail(C, S, "a text module only in assert_malformed", "a " + C.Type, ModulePath);
  auto Binary = assembleTextModule(ModulePath);
  if (Binary)
    return fail(C, S, "a text module that does not parse (\"" + C.Text + "\")",
                "it assembled", ModulePath);
  bool Malformed = false;
  std::string Message;
  llvm::handleAllErrors(Binary.takeError(), [&](const WasmError &W) {
    Malformed = W.kind() == ErrorKind::Malformed;
    Message = W.text();
  });
  if (!Malformed)
    return fail(C, S, "a text module that does not parse", Message, ModulePath);
  ++S.T.Passed;
  if (!messageMatches(C.Text, Message))
    ++S.T.MessageMismatches;
}

void SpecRunner::instantiate(const Command &C, llvm::StringRef ModulePath, ScriptContext &S) {
  auto Object = Compiled.objectFor(ModulePath);
  if (!Object)
    return fail(C, S, "a module that compiles", llvm::toString(Object.takeError()), ModulePath);

  std::optional<InstantiateFailure> Failure =
      S.Session.instantiate(*Object, C.Kind == CommandKind::Module ? C.Name : "");
  using K = InstantiateFailure;
  if (Failure && Failure->K == K::Unloadable)
    return fail(C, S, "a module that loads", Failure->Message, ModulePath);
  std::optional<K::Kind> Expected;
  if (C.Kind == CommandKind::AssertUnlinkable)
    Expected = K::Unlinkable;
  else if (C.Kind == CommandKind::AssertUninstantiable)
    Expected = K::Trap;

  if (!Expected) {
    if (Failure)
      return fail(C, S, "instantiation to succeed", Failure->Message, ModulePath);
    ++S.T.Passed;
    return;
  }
  std::string Want = (C.Kind == CommandKind::AssertUnlinkable ? "a link error (\""
                                                              : "a trap at instantiation (\"") +
                     C.Text + "\")";
  if (!Failure)
    return fail(C, S, Want, "instantiation succeeded", ModulePath);
  if (Failure->K != *Expected)
    return fail(C, S, Want, Failure->Message, ModulePath);
  ++S.T.Passed;
  if (!messageMatches(C.Text, Failure->Message))
    ++S.T.MessageMismatches;
}

void SpecRunner::checkAction(const Command &C, ScriptContext &S) {
  ActionResult R = S.Session.perform(*C.Act);
  if (R.S == ActionResult::Failed)
    return fail(C, S, "an action to perform", R.Error);

  switch (C.Kind) {
  case CommandKind::Action:
    if (R.S == ActionResult::Trapped)
      return fail(C, S, "the action to complete", runtime::trapMessage(R.Trap));
    break;
  case CommandKind::AssertReturn: {
    if (R.S == ActionResult::Trapped)
      return fail(C, S, "results", std::string("trap: ") + runtime::trapMessage(R.Trap));
    bool Ok = R.Values.size() == C.Expected.size();
    for (size_t K = 0; Ok && K < R.Values.size(); ++K)
      Ok = C.Expected[K].accepts(R.Values[K].Type, R.Values[K].Value);
    if (Ok)
      break;
    std::string Want, Got;
    for (const WastValue &V : C.Expected)
      Want += (Want.empty() ? "" : " ") + V.describe();
    for (size_t K = 0; K < R.Values.size(); ++K)
      Got += (Got.empty() ? "" : " ") + describeSlot(R.Values[K].Type, R.Values[K].Value);
    return fail(C, S, "(" + Want + ")", "(" + Got + ")");
  }
  case CommandKind::AssertTrap:
  case CommandKind::AssertExhaustion: {
    std::string Want = "a trap (\"" + C.Text + "\")";
    if (R.S != ActionResult::Trapped)
      return fail(C, S, Want, "no trap");
    bool Exhausted = R.Trap == WASMAOT_TRAP_STACK_EXHAUSTED;
    // Scripts may say more than the kind ("uninitialized element 2").
    if ((C.Kind == CommandKind::AssertExhaustion) != Exhausted ||
        !llvm::StringRef(C.Text).starts_with(runtime::trapMessage(R.Trap)))
      return fail(C, S, Want, runtime::trapMessage(R.Trap));
    break;
  }
  case CommandKind::AssertException:
    // The runtime has no exceptions yet (issue 15): an action either
    // returns or traps, and neither is an exception.
    return fail(C, S, "an uncaught exception",
                R.S == ActionResult::Trapped
                    ? std::string("trap: ") + runtime::trapMessage(R.Trap)
                    : std::string("results"));
  default:
    llvm_unreachable("not an action command");
  }
  ++S.T.Passed;
}

void SpecRunner::fail(const Command &C, ScriptContext &S, llvm::StringRef Expected,
                      llvm::StringRef Got, llvm::StringRef ModulePath) {
  ++S.T.Failed;
  OS << S.WastPath << ":" << C.Line << ": " << C.Type << ": expected " << Expected
     << ", got: " << Got << "\n";
  if (!ModulePath.empty())
    OS << "    module file: " << ModulePath << "\n";
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
