//===- cli/RunCommand.cpp - `wasmaot run [options] app.wasm [args...]` -----===//
#include "Commands.h"
#include "Compilation.h"
#include "ModuleInput.h"

#include "launch/ExeConfig.h"
#include "launch/Launcher.h"
#include "loader/ArtifactLoader.h"

#include "Log.h"

#include <cstdlib>
#include <iostream>

using namespace wasmaot;

namespace {

/// What setAsideProgramArguments took from the command line.
std::vector<std::string> ProgramArguments;

/// Whether Token, an option of Cmd's, still needs the next token as its value.
bool takesNextToken(const CLI::App &Cmd, const std::string &Token) {
  bool Long = Token.rfind("--", 0) == 0;
  std::string Name = Long ? Token.substr(0, Token.find('=')) : Token.substr(0, 2);
  const CLI::Option *Opt = Cmd.get_option_no_throw(Name);
  if (!Opt || Opt->get_expected_max() == 0)
    return false; // a flag, or unknown (CLI11 will reject it)
  // --opt=value and -Ovalue carry their value.
  return Long ? Token.find('=') == std::string::npos : Token.size() == 2;
}

struct RunFlags {
  cli::CodegenFlags Codegen;
  cli::SandboxFlags Sandbox;
  std::string Invoke;
  std::string Module;
  std::vector<std::string> Args;
  bool Verbose = false;
};

int runModule(const RunFlags &F) {
  if (F.Verbose)
    cli::setVerbose(true);
  runtime::Result<cli::SandboxFlags::Limits> Limits = F.Sandbox.limits();
  if (!Limits) {
    std::cerr << "wasmaot: error: " << Limits.error().message() << "\n";
    return cli::ExitUsage;
  }
  if (runtime::Result<void> Known = F.Codegen.Features.check(); !Known) {
    std::cerr << "wasmaot: error: " << Known.error().message() << "\n";
    return cli::ExitUsage;
  }
  runtime::Result<cli::ModuleBytes> Bytes = cli::readModule(F.Module);
  if (!Bytes) {
    std::cerr << Bytes.error().message() << "\n";
    return cli::ExitRejected;
  }
  // A cached artifact is loaded as soon as it is found, so that one the
  // cache cannot vouch for (built for another runtime ABI, say) is replaced
  // rather than failing every run.
  std::shared_ptr<const runtime::CompiledModule> Module;
  // Code compiled for a CPU this machine lacks is no damaged cache entry:
  // compiling it again would give the same code. It is reported as what it is.
  std::optional<std::string> HostMismatch;
  auto Load = [&Module, &HostMismatch](const std::string &Path) -> runtime::Result<void> {
    runtime::Result<std::shared_ptr<const runtime::CompiledModule>> Loaded =
        runtime::loadCompiledModule(Path);
    if (Loaded) {
      Module = std::move(*Loaded);
      return {};
    }
    if (Loaded.error().kind() != runtime::Error::WrongHost)
      return Loaded.error();
    std::string Why = Loaded.error().message();
    if (Why.rfind(Path + ": ", 0) == 0) // the cache's file name says nothing here
      Why.erase(0, Path.size() + 2);
    HostMismatch = std::move(Why);
    return {};
  };
  // run's code is compiled for, and cached for, this very machine: all of
  // its CPU's features (the cache key names them).
  cli::CodegenFlags Codegen = F.Codegen;
  if (Codegen.Cpu.empty())
    Codegen.Cpu = "native";
  Codegen.Interruptible = Limits->TimeoutMs != 0;
  {
    // Scoped: a temporary artifact (--no-cache, a cache that cannot store)
    // is deleted once loaded, since launch() ends the process.
    runtime::Result<cli::Artifact> Compiled = cli::obtainArtifact(
        {Bytes->bytes(), F.Module, service::Emit::SharedObject, "", {}, false,
         Bytes->identity()},
        Codegen, Load);
    if (!Compiled) {
      std::cerr << Compiled.error().message() << "\n";
      return cli::ExitRejected;
    }
    if (!Module && !HostMismatch) {
      if (runtime::Result<void> Loaded = Load(Compiled->path()); !Loaded) {
        std::cerr << "wasmaot: error: " << Loaded.error().message() << "\n";
        return runtime::ExitCannotRun;
      }
    }
  }
  if (HostMismatch) {
    std::cerr << "wasmaot: error: " << F.Module << ": " << *HostMismatch << "\n";
    return runtime::ExitCannotRun;
  }

  runtime::LaunchOptions Options;
  Options.Name = F.Module;
  Options.Wasi.Args.push_back(F.Module);
  Options.Wasi.Args.insert(Options.Wasi.Args.end(), F.Args.begin(), F.Args.end());
  for (const std::string &Dir : F.Sandbox.Dirs)
    Options.Wasi.Dirs.push_back(runtime::parseDirFlag(Dir));
  runtime::ExeConfig Env;
  Env.Env = F.Sandbox.Env;
  Options.Wasi.Env = Env.resolveEnv();
  if (!F.Invoke.empty()) {
    Options.Invoke = F.Invoke;
    Options.InvokeArgs = F.Args;
  }
  Options.TrapUnknownImports = F.Sandbox.TrapUnknownImports;
  Options.MaxWasmStack = Limits->MaxWasmStack;
  Options.MaxMemory = Limits->MaxMemory;
  Options.TimeoutMs = Limits->TimeoutMs;
  Options.BacktraceDetails = cli::verbose();
  Options.ExitProcess = true;
  return runtime::launch(std::move(Module), Options);
}

} // namespace

void wasmaot::cli::addRunCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("run", "Compile a WASI program (or find it compiled in the "
                                        "cache) and run it");
  Cmd->footer("The program sees only the directories given with --dir and the environment\n"
              "variables given with --env. Its stdin, stdout and stderr are this process's.\n"
              "\n"
              "Examples:\n"
              "  wasmaot run app.wasm input.txt\n"
              "  wasmaot run --dir . --dir /tmp::/scratch --env HOME app.wasm\n"
              "  wasmaot run --invoke add lib.wasm 1 2\n"
              "\n"
              "Exit status: the program's (its proc_exit code, 0 when _start returns);\n"
              "134 after a trap; 1 when the module cannot be compiled or instantiated;\n"
              "2 the command line was wrong.");
  auto F = std::make_shared<RunFlags>();
  F->Codegen.addTo(*Cmd);
  F->Sandbox.addTo(*Cmd, "");
  Cmd->add_option("--invoke", F->Invoke,
                  "Call this exported function instead of _start, with ARGS as its "
                  "arguments, and print its results");
  Cmd->add_option("MODULE", F->Module,
                  "The program (.wasm or .wat); what follows it is for the program (or the "
                  "--invoke function), even what looks like a flag")
      ->required();
  // The program's arguments must not reach the global options: no
  // fallthrough, and -v is this command's own.
  Cmd->prefix_command();
  Cmd->fallthrough(false);
  Cmd->add_flag("-v,--verbose", F->Verbose, "Log what each stage does");
  Cmd->callback([&Run, F, Cmd] {
    // The program's arguments were set aside; anything left is an option
    // before MODULE that `run` does not know.
    if (!Cmd->remaining().empty())
      throw CLI::ExtrasError(Cmd->get_name(), Cmd->remaining());
    F->Args = ProgramArguments;
    Run = [F] { return runModule(*F); };
  });
}

void wasmaot::cli::setAsideProgramArguments(const CLI::App &App, std::vector<std::string> &Args) {
  ProgramArguments.clear();
  const CLI::App *Cmd = App.get_subcommand("run");
  // The subcommand is the first token that is not an option (global options
  // are flags); within `run`, MODULE is the first that is neither an option
  // nor an option's value.
  size_t I = 0;
  while (I < Args.size() && Args[I].size() > 1 && Args[I][0] == '-')
    ++I;
  if (I == Args.size() || Args[I] != "run")
    return;
  for (++I; I < Args.size(); ++I) {
    const std::string &Token = Args[I];
    if (Token == "--") {
      Args.erase(Args.begin() + long(I)); // the end of options: MODULE follows
      break;
    }
    if (Token.size() < 2 || Token[0] != '-')
      break;
    I += takesNextToken(*Cmd, Token);
  }
  if (I + 1 < Args.size()) {
    ProgramArguments.assign(Args.begin() + long(I) + 1, Args.end());
    Args.resize(I + 1);
  }
}
