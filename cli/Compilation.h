//===- cli/Compilation.h - Compiled code through the cache -----------------===//
//
// Turns a module into an artifact the way `run` and `compile` both do: look
// its key up in the object cache (cache/ObjectCache.h), and only on a miss
// load the compiler and compile. --no-cache compiles to a temporary file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Commands.h"
#include "cache/ObjectCache.h"
#include "service/CompilerRequest.h"
#include "support/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::cli {

/// A compiled artifact on disk. A temporary one is deleted with this object.
class Artifact {
public:
  Artifact(std::string Path, bool Temporary) : Path(std::move(Path)), Temporary(Temporary) {}
  Artifact(Artifact &&Other) noexcept : Path(std::move(Other.Path)), Temporary(Other.Temporary) {
    Other.Temporary = false;
  }
  Artifact(const Artifact &) = delete;
  Artifact &operator=(const Artifact &) = delete;
  ~Artifact();

  const std::string &path() const { return Path; }

private:
  std::string Path;
  bool Temporary;
};

/// What to make of a module, besides the flags.
struct ArtifactRequest {
  std::span<const uint8_t> Wasm;
  std::string InputName;
  service::Emit Kind = service::Emit::SharedObject;
  std::string Triple;
  std::vector<uint8_t> ExeConfig;
  /// Executable: compile it even if it imports functions its runtime does
  /// not provide (they trap). Also recorded in ExeConfig, hence in the key.
  bool TrapUnknownImports = false;
  /// The identity of the file Wasm was mapped from (ModuleBytes::identity),
  /// under which the cache remembers its digest; "" if none.
  std::string WasmIdentity;
};

/// The artifact for R under Flags, from the cache or freshly compiled. A
/// cached artifact that Accept refuses is replaced (see ObjectCache).
runtime::Result<Artifact> obtainArtifact(const ArtifactRequest &R, const CodegenFlags &Flags,
                                         const ObjectCache::Acceptor &Accept = nullptr);

/// The cache directory Flags select.
std::string cacheDirectory(const CodegenFlags &Flags);

} // namespace wasmaot::cli
