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
#include <fcntl.h>
#include <link.h>
#include <optional>
#include <tuple>

using namespace wasmaot::runtime;

extern "C" {
extern const uint8_t wasmaot_module_info[];
extern const uint64_t wasmaot_module_info_size;
extern void *const wasmaot_function_table[];
extern CallWrapper *const wasmaot_call_wrappers[];
extern void *const wasmaot_host_thunks[];
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

namespace {

/// Where Address is in this executable's file, for mapping its memory image
/// copy-on-write (LinearMemory::loadImage): the file (/proc/self/exe, open
/// for the process's lifetime) and the offset, from the loaded read-only
/// segments. Fd -1 if it cannot tell: the image is then copied.
std::pair<int, uint64_t> fileOf(const void *Address) {
  struct Query {
    uintptr_t Address;
    std::optional<uint64_t> Offset;
  } Q{reinterpret_cast<uintptr_t>(Address), std::nullopt};
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Data) {
        auto &Q = *static_cast<Query *>(Data);
        for (ElfW(Half) K = 0; K < Info->dlpi_phnum; ++K) {
          const ElfW(Phdr) &Segment = Info->dlpi_phdr[K];
          uintptr_t Begin = Info->dlpi_addr + Segment.p_vaddr;
          if (Segment.p_type == PT_LOAD && !(Segment.p_flags & PF_W) && Q.Address >= Begin &&
              Q.Address < Begin + Segment.p_filesz) {
            Q.Offset = Segment.p_offset + (Q.Address - Begin);
            return 1;
          }
        }
        return 0;
      },
      &Q);
  if (!Q.Offset)
    return {-1, 0};
  return {open("/proc/self/exe", O_RDONLY | O_CLOEXEC), *Q.Offset};
}

} // namespace

int main(int Argc, char **Argv) {
  const char *Name = Argc > 0 ? Argv[0] : "wasm-program";
  ModuleSymbols Symbols{wasmaot_module_info,
                        wasmaot_module_info_size,
                        wasmaot_function_table,
                        wasmaot_call_wrappers,
                        wasmaot_host_thunks,
                        wasmaot_artifact_info,
                        wasmaot_artifact_info_size,
                        wasmaot_frame_table,
                        &wasmaot_frame_table_size ? wasmaot_frame_table_size : 0,
                        wasmaot_memory_image};
  // One open, a few microseconds, also when the module has no image (the
  // symbol is then empty, and nothing is mapped).
  std::tie(Symbols.MemoryImageFd, Symbols.MemoryImageFileOffset) = fileOf(wasmaot_memory_image);
  Result<std::shared_ptr<const CompiledModule>> Module = makeCompiledModule(Symbols);
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
  Result<ExeConfig> Config =
      ExeConfig::parse({wasmaot_exe_config, size_t(wasmaot_exe_config_size)});
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
