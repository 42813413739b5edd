//===- target/Targets.cpp --------------------------------------------------===//
#include "target/Targets.h"

#include <array>
#include <vector>

namespace wasmaot {
namespace {

constexpr std::array<TargetInfo, 3> Targets = {{
    // SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF: every x86-64 CPU since ~2009.
    {"x86_64-linux-gnu", "x86_64", "x86-64-v2", "", "", "", true, WASMAOT_BOUNDS_GUARD,
     "libc6-dev libstdc++-12-dev", "qemu-x86_64"},
    // ARMv8.0-A with FP and Advanced SIMD, as Debian's arm64 baseline.
    {"aarch64-linux-gnu", "aarch64", "generic", "", "", "", true, WASMAOT_BOUNDS_GUARD,
     "libc6-dev-arm64-cross libstdc++-12-dev-arm64-cross", "qemu-aarch64"},
    // RV64GC (IMAFD, compressed), Debian's riscv64 baseline, and its
    // hard-float calling convention. Sv39, the smallest page-table mode,
    // still gives 256 GiB of user address space: room for guard pages.
    {"riscv64-linux-gnu", "riscv64", "generic-rv64", "+m,+a,+f,+d,+c", "-relax", "lp64d", true,
     WASMAOT_BOUNDS_GUARD, "libc6-dev-riscv64-cross libstdc++-12-dev-riscv64-cross",
     "qemu-riscv64"},
}};

std::vector<std::string_view> split(std::string_view Text, char Separator) {
  std::vector<std::string_view> Pieces;
  size_t Start = 0;
  while (true) {
    size_t At = Text.find(Separator, Start);
    Pieces.push_back(Text.substr(Start, At - Start));
    if (At == std::string_view::npos)
      return Pieces;
    Start = At + 1;
  }
}

std::string_view canonicalArch(std::string_view Arch) {
  if (Arch == "arm64")
    return "aarch64";
  if (Arch == "amd64")
    return "x86_64";
  return Arch;
}

} // namespace

std::span<const TargetInfo> allTargets() { return Targets; }

const TargetInfo *findTarget(std::string_view Triple) {
  // arch-[vendor-]linux-gnu: the vendor says nothing about the code.
  std::vector<std::string_view> Parts = split(Triple, '-');
  if (Parts.size() == 4)
    Parts.erase(Parts.begin() + 1);
  if (Parts.size() != 3 || Parts[1] != "linux" || Parts[2] != "gnu")
    return nullptr;
  std::string_view Arch = canonicalArch(Parts[0]);
  for (const TargetInfo &T : Targets)
    if (T.Arch == Arch)
      return &T;
  return nullptr;
}

const TargetInfo &hostTarget() {
#if defined(__x86_64__)
  return Targets[0];
#elif defined(__aarch64__)
  return Targets[1];
#elif defined(__riscv) && __riscv_xlen == 64
  return Targets[2];
#else
#error "hostTarget: wasmaot does not know this architecture"
#endif
}

} // namespace wasmaot
