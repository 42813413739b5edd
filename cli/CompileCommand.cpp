//===- cli/CompileCommand.cpp - `wasmaot compile app.wasm -o app` ----------===//
#include "Commands.h"
#include "Compilation.h"
#include "ModuleInput.h"
#include "OutputFile.h"
#include "TargetRuntime.h"

#include "launch/ExeConfig.h"

#include <cstring>
#include <iostream>
#include <map>

using namespace wasmaot;

namespace {

struct CompileFlags {
  cli::CodegenFlags Codegen;
  std::string Emit = "exe";
  std::string Target;
  std::string Output;
  cli::SandboxFlags Sandbox;
  std::string Module;
};

const std::map<std::string, service::Emit> EmitKinds = {
    {"exe", service::Emit::Executable},    {"shared", service::Emit::SharedObject},
    {"obj", service::Emit::Object},        {"llvm-ir", service::Emit::LlvmIr},
    {"asm", service::Emit::Assembly}};

/// The output name when -o is not given: the module's name without .wasm,
/// plus the kind's usual suffix.
std::string defaultOutput(const std::string &Module, const std::string &Emit) {
  std::string Base = Module.substr(Module.rfind('/') + 1);
  for (const char *Ext : {".wasm", ".wat"})
    if (Base.size() > std::strlen(Ext) &&
        Base.compare(Base.size() - std::strlen(Ext), std::strlen(Ext), Ext) == 0)
      Base.resize(Base.size() - std::strlen(Ext));
  static const std::map<std::string, std::string> Suffix = {
      {"exe", ""}, {"shared", ".so"}, {"obj", ".o"}, {"llvm-ir", ".ll"}, {"asm", ".s"}};
  return Base + Suffix.at(Emit);
}

int compileModule(const CompileFlags &F) {
  runtime::Result<cli::ModuleBytes> Bytes = cli::readModule(F.Module);
  if (!Bytes) {
    std::cerr << Bytes.error().message() << "\n";
    return cli::ExitRejected;
  }
  cli::ArtifactRequest R{Bytes->bytes(), F.Module, EmitKinds.at(F.Emit), F.Target, {}, false,
                         Bytes->identity()};
  cli::CodegenFlags Codegen = F.Codegen;
  if (R.Kind == service::Emit::Executable) {
    runtime::ExeConfig Config;
    for (const std::string &Dir : F.Sandbox.Dirs)
      Config.Dirs.push_back(runtime::parseDirFlag(Dir));
    Config.Env = F.Sandbox.Env;
    Config.TrapUnknownImports = F.Sandbox.TrapUnknownImports;
    runtime::Result<cli::SandboxFlags::Limits> Limits = F.Sandbox.limits();
    if (!Limits) {
      std::cerr << "wasmaot: error: " << Limits.error().message() << "\n";
      return cli::ExitUsage;
    }
    Config.MaxWasmStack = Limits->MaxWasmStack;
    Config.MaxMemory = Limits->MaxMemory;
    Config.TimeoutMs = Limits->TimeoutMs;
    Codegen.Interruptible = Limits->TimeoutMs != 0;
    R.ExeConfig = Config.serialize();
    R.TrapUnknownImports = F.Sandbox.TrapUnknownImports;
  } else if (!F.Sandbox.Dirs.empty() || !F.Sandbox.Env.empty() ||
             F.Sandbox.TrapUnknownImports || !F.Sandbox.MaxWasmStack.empty() ||
             !F.Sandbox.MaxMemory.empty() || !F.Sandbox.Timeout.empty()) {
    std::cerr << "wasmaot: error: --dir, --env, --allow-unknown-imports, --max-wasm-stack, "
                 "--max-memory and --timeout apply to executables only (--emit=exe)\n";
    return cli::ExitUsage;
  }
  // Before compiling: a build should not wait minutes to learn that.
  runtime::Result<const TargetInfo *> Target = cli::resolveTarget(F.Target);
  if (!Target) {
    std::cerr << "wasmaot: error: " << Target.error().message() << "\n";
    return cli::ExitUsage;
  }
  if (runtime::Result<wasmaot_bounds_checks> Bounds = Codegen.bounds(**Target); !Bounds) {
    std::cerr << "wasmaot: error: " << Bounds.error().message() << "\n";
    return cli::ExitUsage;
  }
  if (runtime::Result<void> Known = Codegen.Features.check(); !Known) {
    std::cerr << "wasmaot: error: " << Known.error().message() << "\n";
    return cli::ExitUsage;
  }
  std::string Output = F.Output.empty() ? defaultOutput(F.Module, F.Emit) : F.Output;
  if (runtime::Result<void> Writable = cli::checkOutputPath(Output); !Writable) {
    std::cerr << "wasmaot: error: " << Writable.error().message() << "\n";
    return cli::ExitRejected;
  }
  runtime::Result<cli::Artifact> Compiled = cli::obtainArtifact(R, Codegen);
  if (!Compiled) {
    std::cerr << Compiled.error().message() << "\n";
    return cli::ExitRejected;
  }
  bool Runnable = R.Kind == service::Emit::Executable || R.Kind == service::Emit::SharedObject;
  if (runtime::Result<void> Copied =
          cli::writeOutput(Compiled->path(), Output, Runnable ? 0755 : 0644);
      !Copied) {
    std::cerr << "wasmaot: error: " << Copied.error().message() << "\n";
    return cli::ExitRejected;
  }
  return cli::ExitSuccess;
}

} // namespace

void wasmaot::cli::addCompileCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("compile", "Compile a module ahead of time into a native "
                                            "executable (or shared object, object, LLVM IR, "
                                            "assembly)");
  Cmd->footer("An executable runs without wasmaot: its arguments go to the program as they\n"
              "are; the directories and environment it may see are the --dir and --env\n"
              "given here (a relative HOST directory is opened relative to the current\n"
              "directory when the executable starts; --env NAME passes NAME on from the\n"
              "environment it runs in). It records the CPU it was compiled for and refuses\n"
              "to run where that does not hold.\n"
              "\n"
              "Examples:\n"
              "  wasmaot compile app.wasm -o app\n"
              "  wasmaot compile --dir data::/data --env LANG app.wasm -o app\n"
              "  wasmaot compile --emit=llvm-ir -O0 app.wasm -o app.ll\n"
              "  wasmaot compile --target aarch64-linux-gnu app.wasm -o app-arm64\n"
              "\n"
              "Exit status: 0 compiled; 1 the module is unreadable, malformed or invalid,\n"
              "or compiling or linking failed; 2 the command line was wrong.");
  auto F = std::make_shared<CompileFlags>();
  F->Codegen.addTo(*Cmd);
  Cmd->add_option("-o,--output", F->Output,
                  "Output file, or - for stdout (default: the module's name with the kind's "
                  "suffix); a device such as /dev/null is written in place, a symlink "
                  "through");
  Cmd->add_option("--emit", F->Emit, "What to produce: exe, shared, obj, llvm-ir or asm")
      ->check(CLI::IsMember({"exe", "shared", "obj", "llvm-ir", "asm"}))
      ->capture_default_str();
  Cmd->add_option("--target", F->Target,
                  "Target triple: x86_64-linux-gnu, aarch64-linux-gnu, riscv64-linux-gnu, "
                  "armv7-linux-gnueabihf or i686-linux-gnu (default: the host; wasmaot targets "
                  "lists them and their runtimes)");
  F->Sandbox.addTo(*Cmd, "; executables only");
  Cmd->add_option("MODULE", F->Module, "The module (.wasm or .wat)")->required();
  Cmd->callback([&Run, F] { Run = [F] { return compileModule(*F); }; });
}
