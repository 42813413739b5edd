//===- cli/Compilation.cpp -------------------------------------------------===//
#include "Compilation.h"
#include "CompilerProcess.h"
#include "TargetRuntime.h"
#include "cache/ObjectCache.h"

#include "module/ArtifactInfo.h"
#include "module/HostCpu.h"

#include "Log.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace wasmaot::cli {

namespace {

/// Size and modification time of the file at Path ("" if absent): they
/// change with every rebuild.
std::string fileIdentity(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return "";
  return std::to_string(St.st_size) + "@" + std::to_string(St.st_mtim.tv_sec) + "." +
         std::to_string(St.st_mtim.tv_nsec);
}

/// The target a request is for, as the compiler and the cache key see it.
struct ResolvedTarget {
  const TargetInfo *Info;
  /// The canonical triple, or "" for the host (whose keys and requests
  /// predate --target).
  std::string Triple;
  wasmaot_bounds_checks Bounds;
};

runtime::Result<ResolvedTarget> resolve(const ArtifactRequest &R, const CodegenFlags &Flags) {
  runtime::Result<const TargetInfo *> Info = resolveTarget(R.Triple);
  if (!Info)
    return runtime::Error("wasmaot: error: " + Info.error().message());
  const TargetInfo &T = **Info;
  runtime::Result<wasmaot_bounds_checks> Bounds = Flags.bounds(T);
  if (!Bounds)
    return runtime::Error("wasmaot: error: " + Bounds.error().message());
  if (runtime::Result<void> Known = Flags.Features.check(); !Known)
    return runtime::Error("wasmaot: error: " + Known.error().message());
  if (R.Kind == service::Emit::Executable)
    if (runtime::Result<void> Installed = checkRuntimeInstalled(T); !Installed)
      return runtime::Error("wasmaot: error: " + Installed.error().message());
  return ResolvedTarget{&T, isHostTarget(T) ? "" : std::string(T.Triple), *Bounds};
}

runtime::Result<void> compile(const ArtifactRequest &R, const ResolvedTarget &Target,
                              const CodegenFlags &Flags, const std::string &Output) {
  service::Request Req;
  Req.InputName = R.InputName;
  Req.Kind = R.Kind;
  Req.Output = Output;
  Req.Triple = Target.Triple;
  Req.Cpu = Flags.Cpu;
  Req.OptLevel = Flags.OptLevel;
  Req.Interruptible = Flags.Interruptible;
  Req.Bounds = Target.Bounds;
  Req.ExeConfig = R.ExeConfig;
  Req.TrapUnknownImports = R.TrapUnknownImports;
  Req.Verbose = verbose();
  Req.Jobs = Flags.Jobs;
  Req.Features = Flags.Features.features();
  // A bar on the user's terminal only: never in logs, pipes or CI output.
  Req.Progress = !Flags.Quiet && ::isatty(STDERR_FILENO);
  if (R.Kind == service::Emit::Executable) {
    Req.LinkInputs = runtimeArchives(*Target.Info);
    Req.CRuntime = cRuntimeDescription(*Target.Info);
  }
  auto Start = std::chrono::steady_clock::now();
  CompilerOutcome O = compileInCompiler(Req, R.Wasm);
  debugLog("compiler ran for %lld ms (%s)",
           static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now() - Start)
                                      .count()),
           O.Ok ? "compiled" : "failed");
  if (!O.Ok)
    return runtime::Error(O.Message);
  // Trust, but verify: a compiler that claims success without output must
  // not turn into an empty executable or a cache entry that cannot load.
  struct stat St;
  if (::stat(Output.c_str(), &St) != 0 || St.st_size == 0)
    return runtime::Error("wasmaot: error: the compiler (" + compilerProgram() +
                          ") reported success but wrote nothing to " + Output);
  return {};
}

} // namespace

Artifact::~Artifact() {
  if (Temporary)
    ::unlink(Path.c_str());
}

std::string cacheDirectory(const CodegenFlags &Flags) {
  return Flags.CacheDir.empty() ? ObjectCache::defaultDirectory() : Flags.CacheDir;
}

runtime::Result<Artifact> obtainArtifact(const ArtifactRequest &R, const CodegenFlags &Flags,
                                         const ObjectCache::Acceptor &Accept) {
  runtime::Result<ResolvedTarget> Target = resolve(R, Flags);
  if (!Target)
    return Target.error();
  if (Flags.NoCache) {
    runtime::Result<std::string> Temporary = ObjectCache::temporaryFile();
    if (!Temporary)
      return Temporary.error();
    debugLog("--no-cache: compiling %s to %s", R.InputName.c_str(), Temporary->c_str());
    Artifact Result(*Temporary, /*Temporary=*/true);
    if (runtime::Result<void> Compiled = compile(R, *Target, Flags, *Temporary); !Compiled)
      return Compiled.error();
    return Result;
  }

  runtime::Result<uint64_t> Limit = ObjectCache::configuredLimit();
  if (!Limit)
    return runtime::Error("wasmaot: error: " + Limit.error().message());
  ObjectCache Cache(cacheDirectory(Flags), *Limit);
  CacheKey Key;
  Key.Wasm = R.Wasm;
  Key.WasmDigest = Cache.moduleDigest(R.WasmIdentity, R.Wasm);
  Key.WasmaotVersion = WASMAOT_VERSION;
  Key.Triple = Target->Triple.empty() ? std::string(runtime::hostArchitecture()) + "-host"
                                      : Target->Triple;
  Key.Cpu = Flags.Cpu == "native" ? "native:" + runtime::hostCpuFeatureList()
                                  : (Flags.Cpu.empty() ? "baseline" : Flags.Cpu);
  Key.OptLevel = Flags.OptLevel;
  Key.Bounds = Target->Bounds;
  // The language the module may use (a module that uses a feature turned
  // off must not come from the cache), and what else is in the output:
  // interruption checks, its kind and an executable's configuration.
  Key.WasmFeatures = "features=" + Flags.Features.features() +
                     (Flags.Interruptible ? "|interruptible" : "") +
                     "|emit=" + std::to_string(static_cast<int>(R.Kind)) + "|config=" +
                     std::string(R.ExeConfig.begin(), R.ExeConfig.end());
  // The libraries that produce the artifact: a rebuilt compiler or runtime
  // (same version, during development) must not reuse older artifacts.
  std::vector<std::string> Producers{compilerProgram()};
  if (R.Kind == service::Emit::Executable)
    for (const std::string &Archive : runtimeArchives(*Target->Info))
      Producers.push_back(Archive);
  for (const std::string &Path : Producers)
    Key.WasmaotVersion += "|" + fileIdentity(Path);
  std::string Digest = Key.digest();

  bool Temporary = false, Compiled = false;
  debugLog("cache key %s (%s)", Digest.c_str(), Cache.directory().c_str());
  runtime::Result<std::string> Path = Cache.getOrCreate(
      Digest,
      [&](const std::string &Output) {
        debugLog("cache miss: compiling %s", R.InputName.c_str());
        Compiled = true;
        return compile(R, *Target, Flags, Output);
      },
      Temporary, Accept);
  if (!Path)
    return Path.error();
  if (!Compiled)
    debugLog("cache hit: %s", Path->c_str());
  else
    debugLog("artifact %s (%s)", Path->c_str(), Temporary ? "not cached" : "stored in the cache");
  return Artifact(*Path, Temporary);
}

} // namespace wasmaot::cli
