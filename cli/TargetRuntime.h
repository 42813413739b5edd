//===- cli/TargetRuntime.h - The runtime a target's executables link with --===//
//
// The host's runtime archives are in lib/wasmaot beside the compiler; a
// cross target's, built by the project for that target
// (cmake/CrossTargets.cmake), in lib/wasmaot/<triple>. Each directory also
// holds crt.txt, the target's C runtime (compiler/link/CRuntime.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "target/Targets.h"

#include <string>
#include <vector>

namespace wasmaot::cli {

/// The target --target names (empty: the host), or an error that lists the
/// targets.
runtime::Result<const TargetInfo *> resolveTarget(const std::string &Triple);

/// The directory of T's runtime.
std::string runtimeDirectory(const TargetInfo &T);

/// Whether T's runtime is there; if not, the error says what to install.
runtime::Result<void> checkRuntimeInstalled(const TargetInfo &T);

/// The archives an executable for T links with, in link order.
std::vector<std::string> runtimeArchives(const TargetInfo &T);

/// The description of T's C runtime.
std::string cRuntimeDescription(const TargetInfo &T);

} // namespace wasmaot::cli
