//===- spectest/main.cpp - The wasmaot-spectest command line ----------------===//
//
// Exit status: 0 when at least one test ran and none failed, 1 otherwise, 2
// for usage errors. The last line of output is the overall tally.
//
//===----------------------------------------------------------------------===//
#include "SpecRunner.h"

#include "target/Targets.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace wasmaot::spectest;
namespace fs = llvm::sys::fs;

namespace {

constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;

/// The scripts Path names: a .wast file itself, or the *.wast files directly
/// in a directory, sorted (a suite's proposals/ subdirectory is not one of
/// its scripts). Errors say why Path is unusable.
llvm::Expected<std::vector<std::string>> collectScripts(const std::string &Path) {
  auto Unusable = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Path + ": " + Why);
  };
  if (!fs::exists(Path))
    return Unusable("no such file or directory");
  if (!fs::is_directory(Path)) {
    if (llvm::sys::path::extension(Path) != ".wast")
      return Unusable("not a .wast script or a directory of them");
    return std::vector<std::string>{Path};
  }

  std::vector<std::string> Scripts;
  std::error_code EC;
  for (fs::directory_iterator It(Path, EC), End; It != End && !EC; It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) == ".wast" && fs::is_regular_file(It->path()))
      Scripts.push_back(It->path());
  }
  if (EC)
    return Unusable("cannot list directory: " + EC.message());
  if (Scripts.empty())
    return Unusable("no .wast scripts in this directory");
  std::sort(Scripts.begin(), Scripts.end());
  return Scripts;
}

/// How to start the agent that runs modules for Triple (empty: the host's,
/// natively): its emulator and the agent that target's runtime build made.
llvm::Expected<std::vector<std::string>> agentCommand(const std::string &Triple) {
  auto Error = [](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  };
  const wasmaot::TargetInfo *T = Triple.empty() ? &wasmaot::hostTarget()
                                                : wasmaot::findTarget(Triple);
  if (!T)
    return Error("unknown target '" + Triple + "'");
  bool Host = wasmaot::isHostTarget(*T);
  llvm::SmallString<256> Agent(WASMAOT_SPECTEST_LIB_DIR);
  if (!Host)
    llvm::sys::path::append(Agent, std::string(T->Triple));
  llvm::sys::path::append(Agent, "wasmaot-spectest-agent");
  if (!fs::exists(Agent))
    return Error("there is no agent for " + std::string(T->Triple) + " (" + Agent +
                 "): its runtime is built when its C library is installed (" +
                 std::string(T->Packages) + ")");
  if (Host)
    return std::vector<std::string>{Agent.str().str()};
  return std::vector<std::string>{std::string(T->Emulator), Agent.str().str()};
}

void printSummary(llvm::raw_ostream &OS, size_t Files, const Tally &Total) {
  OS << "total: " << Files << (Files == 1 ? " file" : " files") << "\n";
  for (const auto &[Reason, Count] : Total.SkipReasons)
    OS << "skipped " << Count << ": " << Reason << "\n";
  OS << "message mismatches: " << Total.MessageMismatches
     << " (rejections whose message differs from the expected one; -v lists"
        " those of invalid and malformed modules)\n";
  if (Total.Passed == 0 && Total.Failed == 0)
    OS << "error: no test ran\n";
  OS << Total.Passed << " passed, " << Total.Failed << " failed, " << Total.Skipped << " skipped\n";
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"wasmaot-spectest: checks wasmaot against the WebAssembly spec testsuite's "
               ".wast scripts"};
  RunOptions Opts;
  Opts.CacheDir = WASMAOT_SPECTEST_CACHE_DIR;
  std::vector<std::string> Paths;

  std::string Features = "3.0";
  App.add_option("--wasm-features", Features,
                 "The WebAssembly language of the scripts: a preset (2.0, 3.0, all) and "
                 "features to add (NAME) or remove (-NAME), comma-separated, e.g. "
                 "2.0,extended-const")
      ->capture_default_str();
  std::string PendingList;
  App.add_option("--pending", PendingList,
                 "A list of scripts of proposals not implemented yet (lines `NAME.wast: "
                 "reason`): their failures are skipped with that reason, and a listed "
                 "script that passes fails the run")
      ->check(CLI::ExistingFile);
  std::string Bounds = "guard";
  App.add_option("--bounds-checks", Bounds,
                 "How compiled code checks memory accesses")
      ->check(CLI::IsMember({"guard", "explicit"}))
      ->capture_default_str();
  App.add_option("-O", Opts.OptLevel,
                 "Optimization level 0-3, as -O2")
      ->check(CLI::Range(0u, 3u))
      ->capture_default_str();
  App.add_option("--part-weight", Opts.PartWeight,
                 "Compile every module in parts of about this many instructions, linked "
                 "together, as big modules are (0: only big modules)")
      ->capture_default_str();
  App.add_option("--cache-dir", Opts.CacheDir,
                 "Where the scripts' modules and the compiled modules are kept")
      ->capture_default_str();
  App.add_option("--validator", Opts.ValidatorCommand,
                 "Take verdicts from `VALIDATOR validate FILE` run once per module (e.g. the "
                 "wasmaot command) instead of decoding and validating in-process; "
                 "nothing is compiled or run")
      ->check(CLI::ExistingFile);
  App.add_option("--target", Opts.Target,
                 "Compile for this target (a triple of wasmaot targets) and run the modules "
                 "in an agent built for it, under its qemu-user emulator (default: the host, "
                 "in this process)");
  bool Remote = false;
  App.add_flag("--agent", Remote,
               "Run the host's modules in the host's agent process, as another target's run "
               "under qemu (tests the agent protocol)");
  App.add_flag("--round-trip", Opts.RoundTrip,
               "Instead of running the scripts, check that every valid module in them "
               "prints as text that assembles back into the same module");
  App.add_flag("-v,--verbose", Opts.Verbose,
               "Also list message mismatches and which conversions were reused");
  App.add_option("PATH", Paths, "Testsuite directories (their *.wast files) or .wast files")
      ->required();
  try {
    App.parse(Argc, Argv);
  } catch (const CLI::ParseError &E) {
    // --help is not an error; everything else CLI11 rejects is a usage error.
    return App.exit(E) == 0 ? 0 : ExitUsage;
  }
  Opts.Bounds = Bounds == "explicit" ? WASMAOT_BOUNDS_EXPLICIT : WASMAOT_BOUNDS_GUARD;
  if (!PendingList.empty()) {
    auto Pending = readPendingList(PendingList);
    if (!Pending) {
      llvm::errs() << "wasmaot-spectest: error: " << llvm::toString(Pending.takeError()) << "\n";
      return ExitUsage;
    }
    Opts.Pending = std::move(*Pending);
  }
  if (llvm::Error E = Opts.Features.apply(Features)) {
    llvm::errs() << "wasmaot-spectest: error: " << llvm::toString(std::move(E)) << "\n";
    return ExitUsage;
  }
  if (!Opts.Target.empty() || Remote) {
    auto Command = agentCommand(Opts.Target);
    if (!Command) {
      llvm::errs() << "wasmaot-spectest: error: " << llvm::toString(Command.takeError()) << "\n";
      return ExitUsage;
    }
    Opts.AgentCommand = std::move(*Command);
  }
  // Failures name module files in the cache; make those paths usable anywhere.
  llvm::SmallString<256> CacheDir(Opts.CacheDir);
  fs::make_absolute(CacheDir);
  Opts.CacheDir = CacheDir.str().str();

  std::vector<std::string> Scripts;
  for (const std::string &Path : Paths) {
    auto Found = collectScripts(Path);
    if (!Found) {
      llvm::errs() << "wasmaot-spectest: error: " << llvm::toString(Found.takeError()) << "\n";
      return ExitUsage;
    }
    Scripts.insert(Scripts.end(), Found->begin(), Found->end());
  }

  llvm::CrashRecoveryContext::Enable();
  llvm::raw_ostream &OS = llvm::outs();
  OS << "wasmaot-spectest: " << Scripts.size() << (Scripts.size() == 1 ? " script" : " scripts")
     << ", features " << (Opts.Features == wasmaot::ir::Features::wasm2() ? "2.0" : Opts.Features.toString())
     << ", bounds checks " << toString(Opts.Bounds) << ", -O" << Opts.OptLevel
     << (Opts.PartWeight ? ", parts of " + std::to_string(Opts.PartWeight) + " instructions"
                         : "")
     << (Opts.Target.empty() ? "" : ", target " + Opts.Target)
     << (Opts.AgentCommand.empty() ? "" : ", run by " + llvm::join(Opts.AgentCommand, " "))
     << ", cache " << Opts.CacheDir
     << (Opts.ValidatorCommand.empty() ? "" : ", verdicts from " + Opts.ValidatorCommand) << "\n";

  SpecRunner Runner(Opts, OS);
  Tally Total;
  for (const std::string &Script : Scripts)
    Total += Runner.runFile(Script);
  if (Opts.ValidatorCommand.empty())
    OS << "compiled modules: " << Runner.compileCache().compiled() << " compiled, "
       << Runner.compileCache().hits() << " reused from the cache\n";
  printSummary(OS, Scripts.size(), Total);
  OS.flush();
  return Total.Failed == 0 && Total.Passed > 0 ? 0 : ExitFailed;
}
