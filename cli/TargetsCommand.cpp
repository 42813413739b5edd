//===- cli/TargetsCommand.cpp - `wasmaot targets` --------------------------===//
//
// Lists what `compile --target` accepts, with each target's defaults and
// whether its runtime is installed, so that a build script can tell before
// compiling.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "TargetRuntime.h"

#include <cstdio>

using namespace wasmaot;

namespace {

const char *boundsName(wasmaot_bounds_checks B) {
  return B == WASMAOT_BOUNDS_GUARD ? "guard" : "explicit";
}

int listTargets() {
  std::printf("%-22s %-14s %-20s %-13s %s\n", "TARGET", "DEFAULT CPU", "BOUNDS CHECKS",
              "TAIL CALLS", "RUNTIME");
  for (const TargetInfo &T : allTargets()) {
    std::string Bounds = boundsName(T.DefaultBounds);
    Bounds += T.GuardPages ? " (or explicit)" : " (only)";
    std::string Runtime;
    if (isHostTarget(T))
      Runtime = "installed (this machine)";
    else if (cli::checkRuntimeInstalled(T))
      Runtime = "installed; runs here under " + std::string(T.Emulator);
    else
      Runtime = "not installed: needs " + std::string(T.Packages);
    // Guaranteed: every return_call runs in constant stack; else only
    // those whose arguments fit in registers (docs/Targets.md).
    const char *TailCalls = T.GuaranteedTailCalls ? "guaranteed" : "in registers";
    std::printf("%-22.*s %-14.*s %-20s %-13s %s\n", int(T.Triple.size()), T.Triple.data(),
                int(T.BaselineCpu.size()), T.BaselineCpu.data(), Bounds.c_str(), TailCalls,
                Runtime.c_str());
  }
  return cli::ExitSuccess;
}

} // namespace

void wasmaot::cli::addTargetsCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("targets", "List the targets that compile --target accepts");
  Cmd->footer("An executable for a target links with that target's runtime, which wasmaot\n"
              "builds when the target's C library is installed (Debian's\n"
              "libc6-dev-<arch>-cross and libstdc++-12-dev-<arch>-cross packages;\n"
              "scripts/install-deps.sh installs them). Other kinds of output (--emit=obj,\n"
              "shared, asm, llvm-ir) need no runtime. See docs/Targets.md.\n"
              "\n"
              "Exit status: 0.");
  Cmd->callback([&Run] { Run = [] { return listTargets(); }; });
}
