//===- exe/ExeMain.cpp - main() of a `wasmaot compile`d executable ---------===//
//
// Linked into every executable `wasmaot compile` makes, with the module's
// object and the runtime. The module's code and descriptions are symbols of
// the same executable; this checks that they fit this machine, applies the
// directories and environment fixed at compile time, passes argv on to the
// guest untouched and runs it.
//
//===----------------------------------------------------------------------===//
#include "launch/ExeConfig.h"
#include "launch/Launcher.h"
#include "loader/ModuleSymbols.h"
#include "traps/CodeRegions.h"

#include <cstdio>
#include <optional>

using namespace wasmaot::runtime;

extern "C" {
extern const uint8_t wasmaot_module_info[];
extern const uint64_t wasmaot_module_info_size;
extern void *const wasmaot_function_table[];
extern CallWrapper *const wasmaot_call_wrappers[];
extern const char wasmaot_artifact_info[];
extern const uint64_t wasmaot_artifact_info_size;
extern const uint8_t wasmaot_frame_table[] __attribute__((weak));
extern const uint64_t wasmaot_frame_table_size __attribute__((weak));
extern const uint8_t wasmaot_memory_image[];
extern const uint8_t wasmaot_exe_config[];
extern const uint64_t wasmaot_exe_config_size;
// The bounds of the compiled code (WASMAOT_CODE_SECTION), from the linker;
// weak: a module without functions has no such section.
extern const char __start_wasmaot_code[] __attribute__((weak));
extern const char __stop_wasmaot_code[] __attribute__((weak));
}

int main(int Argc, char **Argv) {
  const char *Name = Argc > 0 ? Argv[0] : "wasm-program";
  Result<std::shared_ptr<const CompiledModule>> Module = makeCompiledModule(
      {wasmaot_module_info, wasmaot_module_info_size, wasmaot_function_table,
       wasmaot_call_wrappers, wasmaot_artifact_info, wasmaot_artifact_info_size,
       wasmaot_frame_table, &wasmaot_frame_table_size ? wasmaot_frame_table_size : 0,
       // Copied into memory: an executable does not map its own file.
       wasmaot_memory_image});
  if (!Module) {
    std::fprintf(stderr, "%s: %s\n", Name, Module.error().message().c_str());
    return ExitCannotRun;
  }
  std::optional<CodeRegion> Code;
  if (+__start_wasmaot_code != +__stop_wasmaot_code) {
    Result<CodeRegion> Registered = CodeRegion::add(__start_wasmaot_code, __stop_wasmaot_code);
    if (!Registered) {
      std::fprintf(stderr, "%s: %s\n", Name, Registered.error().message().c_str());
      return ExitCannotRun;
    }
    Code.emplace(std::move(*Registered));
  }
  Result<ExeConfig> Config = ExeConfig::parse({wasmaot_exe_config, wasmaot_exe_config_size});
  if (!Config) {
    std::fprintf(stderr, "%s: %s\n", Name, Config.error().message().c_str());
    return ExitCannotRun;
  }
  LaunchOptions Options;
  Options.Name = Name;
  Options.Wasi.Args.assign(Argv, Argv + Argc);
  Options.Wasi.Env = Config->resolveEnv();
  Options.Wasi.Dirs = Config->Dirs;
  Options.TrapUnknownImports = Config->TrapUnknownImports;
  Options.MaxWasmStack = Config->MaxWasmStack;
  Options.MaxMemory = Config->MaxMemory;
  Options.TimeoutMs = Config->TimeoutMs;
  Options.ExitProcess = true;
  return launch(std::move(*Module), Options);
}
