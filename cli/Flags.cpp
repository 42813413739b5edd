//===- cli/Flags.cpp - Options that run and compile share ------------------===//
//
// How code is generated (CodegenFlags) and what the program may see and use
// (SandboxFlags), with the same spelling and meaning for `run` and for
// `compile`, which fixes the latter into an executable.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "cache/ObjectCache.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

using namespace wasmaot;

namespace {

struct FeatureInfo {
  const char *Name, *Summary;
  bool InWasm3;
};
constexpr FeatureInfo Features[] = {
#define WASM_FEATURE(Enum, Name, InWasm3, Summary) {Name, Summary, InWasm3},
#include "ir/Features.def"
};

} // namespace

void cli::FeatureFlags::addTo(CLI::App &Cmd) {
  const char *Group = "WebAssembly features";
  Cmd.add_option("--wasm-features", List,
                 "The WebAssembly language modules may use: a preset (2.0; 3.0, the default; "
                 "all, which adds proposals past 3.0) and features to add (NAME) or remove "
                 "(-NAME), comma-separated, e.g. 2.0,multi-memory or 3.0,-memory64")
      ->group(Group);
  for (const FeatureInfo &F : Features) {
    std::string Name = F.Name;
    Cmd.add_flag_callback("--enable-" + Name, [this, Name] { Enabled.push_back(Name); },
                          std::string(F.Summary) + (F.InWasm3 ? " (on by default)" : ""))
        ->group(Group);
    Cmd.add_flag_callback("--disable-" + Name, [this, Name] { Disabled.push_back(Name); },
                          "Turn " + Name + " off")
        ->group(Group);
  }
}

runtime::Result<void> cli::FeatureFlags::check() const {
  size_t Start = 0;
  while (Start <= List.size()) {
    size_t End = std::min(List.find(',', Start), List.size());
    std::string Item = List.substr(Start, End - Start);
    Start = End + 1;
    if (Item.empty() || Item == "2.0" || Item == "3.0" || Item == "all")
      continue;
    std::string Name = Item[0] == '-' || Item[0] == '+' ? Item.substr(1) : Item;
    bool Known = false;
    std::string Names;
    for (const FeatureInfo &F : Features) {
      Known |= Name == F.Name;
      Names += std::string(Names.empty() ? "" : ", ") + F.Name;
    }
    if (!Known)
      return runtime::Error("unknown WebAssembly feature '" + Name +
                            "' in --wasm-features (presets: 2.0, 3.0, all; features: " + Names +
                            ")");
  }
  return {};
}

std::string cli::FeatureFlags::features() const {
  std::string Result = List;
  for (const std::string &Name : Enabled)
    Result += (Result.empty() ? "" : ",") + Name;
  for (const std::string &Name : Disabled)
    Result += (Result.empty() ? "-" : ",-") + Name;
  return Result;
}

void cli::CodegenFlags::addTo(CLI::App &Cmd) {
  Features.addTo(Cmd);
  Cmd.add_option("-O,--opt-level", OptLevel, "Optimization level 0-3")
      ->check(CLI::Range(0u, 3u))
      ->capture_default_str();
  Cmd.add_option("--bounds-checks", Bounds,
                 "How memory accesses are checked: guard (reserved address space and guard "
                 "pages, no checks in the code) or explicit (compare with the memory's size); "
                 "default: the target's (wasmaot targets): guard on 64-bit targets, explicit "
                 "on 32-bit ones, which have no room for guard regions")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd.add_option("--cpu", Cpu,
                 "CPU to generate code for: an LLVM CPU name, or native for this machine; "
                 "default: native for run (its code is cached for this machine), the "
                 "target's portable baseline (x86-64-v2 on x86-64; see wasmaot targets) for "
                 "compile");
  Cmd.add_option("--cache-dir", CacheDir,
                 "Cache of compiled code (default: $WASMAOT_CACHE_DIR, "
                 "$XDG_CACHE_HOME/wasmaot or ~/.cache/wasmaot)");
  Cmd.add_flag("--no-cache", NoCache, "Neither read nor write the cache");
  Cmd.add_option("-j,--jobs", Jobs,
                 "Threads to compile a big module on (default: $WASMAOT_JOBS, else one per "
                 "core; 0 is one per core). The output is the same whatever the number")
      ->envname("WASMAOT_JOBS")
      ->check(CLI::Range(0u, 1024u));
  Cmd.add_flag("-q,--quiet", Quiet,
               "No progress bar while compiling (one is shown on a terminal when compiling "
               "takes more than a second)");
}

runtime::Result<wasmaot_bounds_checks> cli::CodegenFlags::bounds(const TargetInfo &T) const {
  if (Bounds.empty())
    return T.DefaultBounds;
  if (Bounds == "explicit")
    return WASMAOT_BOUNDS_EXPLICIT;
  if (!T.GuardPages)
    return runtime::Error("--bounds-checks=guard is not possible on " + std::string(T.Triple) +
                          ": its address space has no room for guard regions (use explicit)");
  return WASMAOT_BOUNDS_GUARD;
}

void cli::SandboxFlags::addTo(CLI::App &Cmd, const std::string &Note) {
  // One value per occurrence: a vector option would take MODULE for another.
  Cmd.add_option("--dir", Dirs,
                 "Grant the directory HOST to the program, as GUEST (HOST[::GUEST]; "
                 "repeatable" + Note + ")")
      ->allow_extra_args(false);
  Cmd.add_option("--env", Env,
                 "NAME=VALUE for the program's environment, or NAME to pass it on from the "
                 "environment it runs in (repeatable" + Note + ")")
      ->allow_extra_args(false);
  Cmd.add_flag("--allow-unknown-imports,--trap-unknown-imports", TrapUnknownImports,
               "Let the module import functions that wasmaot does not provide: they trap "
               "when called" + Note);
  Cmd.add_option("--max-wasm-stack", MaxWasmStack,
                 "How much native stack the program's wasm code may use before recursion "
                 "traps (call stack exhausted), whatever the stack size limit (ulimit -s); "
                 "e.g. 1M, 256M; default 64M, and never more than the thread's stack" + Note)
      ->allow_extra_args(false);
  Cmd.add_option("--timeout", Timeout,
                 "End the program with a trap (interrupt, exit status 134) once it has run "
                 "this long: 500ms, 10s, 2m, 1h; a number alone is seconds. Its code is "
                 "compiled with the checks that make this possible" + Note)
      ->allow_extra_args(false);
  Cmd.add_option("--max-memory", MaxMemory,
                 "The most linear memory the program may have, e.g. 64M: memory.grow past "
                 "it fails (returns -1, malloc returns NULL); default: the module's own "
                 "maximum (4G at most)" + Note)
      ->allow_extra_args(false);
}

runtime::Result<cli::SandboxFlags::Limits> cli::SandboxFlags::limits() const {
  auto Size = [](const char *Flag, const std::string &Text,
                 uint64_t Minimum) -> runtime::Result<uint64_t> {
    if (Text.empty())
      return uint64_t(0);
    std::optional<uint64_t> Bytes = ObjectCache::parseSize(Text);
    if (!Bytes || *Bytes < Minimum)
      return runtime::Error(std::string(Flag) + " '" + Text + "' is not a size of at least " +
                            std::to_string(Minimum / 1024) + "K");
    return *Bytes;
  };
  runtime::Result<uint64_t> Stack = Size("--max-wasm-stack", MaxWasmStack, 64 * 1024);
  if (!Stack)
    return Stack.error();
  runtime::Result<uint64_t> Memory = Size("--max-memory", MaxMemory, WASMAOT_PAGE_SIZE);
  if (!Memory)
    return Memory.error();
  uint64_t Ms = 0;
  if (!Timeout.empty()) {
    // 500ms, 10s, 2m, 1h; a plain number is seconds.
    char *End = nullptr;
    double Value = std::strtod(Timeout.c_str(), &End);
    std::string Unit(End);
    double Scale = Unit.empty() || Unit == "s" ? 1000
                   : Unit == "ms"              ? 1
                   : Unit == "m"               ? 60000
                   : Unit == "h"               ? 3600000
                                               : -1;
    if (End == Timeout.c_str() || !std::isdigit(static_cast<unsigned char>(Timeout[0])) ||
        Scale < 0 || !(Value * Scale >= 1) || Value * Scale > 1e12)
      return runtime::Error("--timeout '" + Timeout +
                            "' is not a duration such as 500ms, 10s, 2m or 1h");
    Ms = uint64_t(Value * Scale);
  }
  return Limits{*Stack, *Memory, Ms};
}
