//===- module/ArtifactInfo.h - What an artifact was built for --------------===//
//
// Every compiled artifact (shared object, object, executable) records what it
// was built for, as text in the wasmaot_artifact_info symbol: one KEY=VALUE
// per line. The runtime refuses to run an artifact whose ABI, architecture,
// bounds-check strategy or CPU features do not hold where it is loaded, with
// a message saying what differs, instead of dying on SIGILL.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "wasmaot/abi.h"

#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::runtime {

struct ArtifactInfo {
  std::string WasmaotVersion;
  uint32_t AbiVersion = WASMAOT_ABI_VERSION;
  std::string Triple;   // e.g. x86_64-pc-linux-gnu
  std::string Cpu;      // e.g. x86-64-v2
  std::vector<std::string> Features; // LLVM names of the CPU features the code uses
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  std::string WasmFeatures; // the WebAssembly feature set compiled for

  std::string serialize() const;
  static Result<ArtifactInfo> parse(std::string_view Text);

  /// Whether this process can run the artifact: same ABI, this machine's
  /// architecture, every CPU feature present. The error says what differs.
  Result<void> checkHost() const;
};

/// The LLVM name of this build's architecture ("x86_64").
std::string_view hostArchitecture();

} // namespace wasmaot::runtime
