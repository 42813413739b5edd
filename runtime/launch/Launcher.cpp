//===- launch/Launcher.cpp - Running a compiled WASI program ---------------===//
#include "launch/Launcher.h"

#include "instance/Backtrace.h"
#include "instance/Instance.h"
#include "launch/Watchdog.h"
#include "traps/Trap.h"

#include <cerrno>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace wasmaot::runtime {

namespace {

constexpr const char *WasiModule = "wasi_snapshot_preview1";

/// Parses Text as a value of wasm type Code into S; false if it is not one.
bool parseArgument(uint8_t Code, const std::string &Text, Slot &S) {
  char *End = nullptr;
  errno = 0;
  switch (Code) {
  case 0x7F: case 0x7E: {
    bool Negative = !Text.empty() && Text[0] == '-';
    uint64_t Bits = Negative ? uint64_t(std::strtoll(Text.c_str(), &End, 0))
                             : std::strtoull(Text.c_str(), &End, 0);
    if (Code == 0x7F && (Negative ? int64_t(Bits) < INT32_MIN : Bits > UINT32_MAX))
      return false;
    std::memcpy(S.Bytes, &Bits, Code == 0x7F ? 4 : 8);
    break;
  }
  case 0x7D: {
    float F = std::strtof(Text.c_str(), &End);
    std::memcpy(S.Bytes, &F, 4);
    break;
  }
  case 0x7C: {
    double D = std::strtod(Text.c_str(), &End);
    std::memcpy(S.Bytes, &D, 8);
    break;
  }
  default:
    return false; // v128 and references cannot be written on a command line
  }
  return errno == 0 && End && *End == '\0' && !Text.empty();
}

void printResult(uint8_t Code, const Slot &S) {
  switch (Code) {
  case 0x7F: {
    int32_t V;
    std::memcpy(&V, S.Bytes, 4);
    std::printf("%" PRId32 "\n", V);
    return;
  }
  case 0x7E: {
    int64_t V;
    std::memcpy(&V, S.Bytes, 8);
    std::printf("%" PRId64 "\n", V);
    return;
  }
  case 0x7D: {
    float V;
    std::memcpy(&V, S.Bytes, 4);
    std::printf("%.9g\n", double(V));
    return;
  }
  case 0x7C: {
    double V;
    std::memcpy(&V, S.Bytes, 8);
    std::printf("%.17g\n", V);
    return;
  }
  default: {
    uint64_t Lo, Hi;
    std::memcpy(&Lo, S.Bytes, 8);
    std::memcpy(&Hi, S.Bytes + 8, 8);
    if (Code == 0x7B)
      std::printf("0x%016" PRIx64 "%016" PRIx64 "\n", Hi, Lo);
    else
      std::printf(Lo ? "ref\n" : "null\n");
    return;
  }
  }
}

} // namespace

namespace {

/// What a run creates; its caller decides whether to tear it down.
struct RunState {
  std::unique_ptr<wasi::WasiContext> Wasi;
  std::unique_ptr<Instance> Inst;
};

/// What to add to an instantiation error, where it helps: which modules
/// wasmaot provides, for an import from another one.
const char *unlinkableHint(const InstantiationError &Failure) {
  if (!Failure.UnknownImport)
    return "";
  if (Failure.Import->Module == WasiModule)
    return " (wasmaot does not implement it)";
  return " (wasmaot provides only the module wasi_snapshot_preview1; with "
         "--allow-unknown-imports, unknown functions trap when called)";
}

int run(std::shared_ptr<const CompiledModule> Module, const LaunchOptions &Options,
        RunState &State) {
  const char *Name = Options.Name.c_str();
  // A write to a closed pipe gives the guest EPIPE to handle, as WASI
  // defines, instead of killing the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (Options.MaxWasmStack)
    setMaxWasmStack(uintptr_t(Options.MaxWasmStack));
  Result<std::unique_ptr<wasi::WasiContext>> Wasi = wasi::WasiContext::create(Options.Wasi);
  if (!Wasi) {
    std::fprintf(stderr, "error: %s\n", Wasi.error().message().c_str());
    return ExitCannotRun;
  }
  State.Wasi = std::move(*Wasi);
  wasi::WasiContext &Context = *State.Wasi;

  Instantiation Result = Instance::instantiate(
      Module,
      [&](const std::string &ModuleName, const std::string &Field) -> std::optional<Extern> {
        if (ModuleName != WasiModule)
          return std::nullopt;
        return Context.module().exported(Field);
      },
      Module->artifact().Bounds, {Options.TrapUnknownImports, Options.MaxMemory});
  if (Result.Failure) {
    if (Result.Failure->K == InstantiationError::Trap) {
      std::fprintf(stderr, "error: wasm trap: %s (while instantiating %s)\n",
                   Result.Failure->Message.c_str(), Name);
      return ExitTrap;
    }
    std::fprintf(stderr, "error: cannot instantiate %s: %s%s\n", Name,
                 Result.Failure->Message.c_str(), unlinkableHint(*Result.Failure));
    return ExitCannotRun;
  }
  State.Inst = std::move(Result.Inst);
  Instance &Inst = *State.Inst;
  if (std::optional<Extern> Memory = Inst.exported("memory");
      Memory && Memory->Kind == ExternKind::Memory)
    Context.bindMemory(Memory->Mem);

  const std::string Entry = Options.Invoke.value_or("_start");
  std::optional<uint32_t> Func = Inst.exportedFunction(Entry);
  if (!Func) {
    std::fprintf(stderr, "error: %s exports no function \"%s\"\n", Name, Entry.c_str());
    return ExitCannotRun;
  }
  const ModuleInfo &Info = Module->info();
  const FuncSig &Sig = Info.Types[Info.FuncTypes[*Func]];
  if (Sig.Params.size() != Options.InvokeArgs.size()) {
    std::fprintf(stderr, "error: \"%s\" takes %zu arguments, %zu given\n", Entry.c_str(),
                 Sig.Params.size(), Options.InvokeArgs.size());
    return ExitCannotRun;
  }
  std::vector<Slot> Slots(std::max<size_t>({Sig.Params.size(), Sig.Results.size(), 1}));
  for (size_t K = 0; K < Sig.Params.size(); ++K) {
    if (!parseArgument(Sig.Params[K], Options.InvokeArgs[K], Slots[K])) {
      std::fprintf(stderr, "error: argument %zu of \"%s\", '%s', is not a valid %s\n", K + 1,
                   Entry.c_str(), Options.InvokeArgs[K].c_str(),
                   Sig.Params[K] == 0x7F   ? "i32"
                   : Sig.Params[K] == 0x7E ? "i64"
                   : Sig.Params[K] == 0x7D ? "f32"
                   : Sig.Params[K] == 0x7C ? "f64"
                                           : "command-line value");
      return ExitCannotRun;
    }
  }

  std::string TimeoutText = std::to_string(Options.TimeoutMs) + " ms";
  std::optional<Watchdog> Timer;
  if (Options.TimeoutMs)
    Timer.emplace(Inst.vmctx(), std::chrono::milliseconds(Options.TimeoutMs),
                  std::chrono::milliseconds(1000),
                  "error: wasm trap: interrupt (" + std::string(Name) +
                      " ran past its timeout of " + TimeoutText +
                      " and did not stop: it was in a host call, such as a read)",
                  ExitTrap);
  wasmaot_trap_kind Trap = Inst.call(*Func, Slots);
  Timer.reset();
  std::fflush(stdout);
  if (Trap == WASMAOT_TRAP_EXIT)
    return static_cast<int>(Context.exitCode().value_or(0));
  if (Trap != WASMAOT_TRAP_NONE) {
    std::fprintf(stderr, "error: wasm trap: %s\n", trapMessage(Trap));
    bool ExactFirst = false;
    unsigned Omitted = 0;
    std::vector<uintptr_t> Pcs = lastTrapBacktrace(ExactFirst, &Omitted);
    const char *Details = std::getenv("WASMAOT_BACKTRACE_DETAILS");
    std::vector<std::string> Frames =
        symbolizeBacktrace(*Module, Pcs, ExactFirst,
                           Options.BacktraceDetails || (Details && std::strcmp(Details, "0")));
    if (!Frames.empty())
      std::fprintf(stderr, "wasm backtrace:\n");
    for (size_t K = 0; K < Frames.size(); ++K)
      std::fprintf(stderr, "  %zu: %s\n", K, Frames[K].c_str());
    if (Omitted)
      std::fprintf(stderr, "  … %u more frames\n", Omitted);
    if (Trap == WASMAOT_TRAP_INTERRUPTED)
      std::fprintf(stderr, "(%s ran past its timeout of %s)\n", Name, TimeoutText.c_str());
    return ExitTrap;
  }
  if (Options.Invoke) {
    for (size_t K = 0; K < Sig.Results.size(); ++K)
      printResult(Sig.Results[K], Slots[K]);
    std::fflush(stdout);
  }
  return 0;
}

} // namespace

int launch(std::shared_ptr<const CompiledModule> Module, const LaunchOptions &Options) {
  RunState State;
  int Status = run(std::move(Module), Options, State);
  if (!Options.ExitProcess)
    return Status;
  std::fflush(nullptr);
  std::_Exit(Status);
}

} // namespace wasmaot::runtime
