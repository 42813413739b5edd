//===- cli/TargetRuntime.cpp -----------------------------------------------===//
#include "TargetRuntime.h"
#include "CompilerProcess.h"

#include <unistd.h>

namespace wasmaot::cli {

runtime::Result<const TargetInfo *> resolveTarget(const std::string &Triple) {
  if (Triple.empty())
    return &hostTarget();
  if (const TargetInfo *T = findTarget(Triple))
    return T;
  std::string Known;
  for (const TargetInfo &T : allTargets())
    Known += (Known.empty() ? "" : ", ") + std::string(T.Triple);
  return runtime::Error("unknown target '" + Triple + "'; the targets are " + Known +
                        " (wasmaot targets)");
}

std::string runtimeDirectory(const TargetInfo &T) {
  if (isHostTarget(T))
    return libraryDirectory();
  return libraryDirectory() + "/" + std::string(T.Triple);
}

std::vector<std::string> runtimeArchives(const TargetInfo &T) {
  std::string Dir = runtimeDirectory(T);
  return {Dir + "/libwasmaot_exe_main.a", Dir + "/libwasmaot_loader.a",
          Dir + "/libwasmaot_runtime.a", Dir + "/libwasmaot_moduleinfo.a"};
}

std::string cRuntimeDescription(const TargetInfo &T) { return runtimeDirectory(T) + "/crt.txt"; }

runtime::Result<void> checkRuntimeInstalled(const TargetInfo &T) {
  std::vector<std::string> Needed = runtimeArchives(T);
  Needed.push_back(cRuntimeDescription(T));
  for (const std::string &Path : Needed)
    if (::access(Path.c_str(), R_OK) != 0)
      return runtime::Error("the runtime for " + std::string(T.Triple) + " is not installed (" +
                            Path + " is missing): install Debian's " + std::string(T.Packages) +
                            " and rebuild wasmaot, which then builds it (see docs/Targets.md)");
  return {};
}

} // namespace wasmaot::cli
