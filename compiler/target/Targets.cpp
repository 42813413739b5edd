//===- target/Targets.cpp --------------------------------------------------===//
#include "target/Targets.h"

#include <array>
#include <vector>

namespace wasmaot {
namespace {

constexpr std::array<TargetInfo, 5> Targets = {{
    // SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF: every x86-64 CPU since ~2009.
    {.Triple = "x86_64-linux-gnu",
     .Arch = "x86_64",
     .BaselineCpu = "x86-64-v2",
     .BaselineFeatures = "",
     .CodegenFeatures = "",
     .AbiName = "",
     .GuardPages = true,
     .DefaultBounds = WASMAOT_BOUNDS_GUARD,
     .GuaranteedTailCalls = true,
     .ReturnRegisters = 2,
     .Packages = "libc6-dev libstdc++-12-dev",
     .Emulator = "qemu-x86_64"},
    // ARMv8.0-A with FP and Advanced SIMD, as Debian's arm64 baseline.
    {.Triple = "aarch64-linux-gnu",
     .Arch = "aarch64",
     .BaselineCpu = "generic",
     .BaselineFeatures = "",
     .CodegenFeatures = "",
     .AbiName = "",
     .GuardPages = true,
     .DefaultBounds = WASMAOT_BOUNDS_GUARD,
     .GuaranteedTailCalls = true,
     .ReturnRegisters = 8,
     .Packages = "libc6-dev-arm64-cross libstdc++-12-dev-arm64-cross",
     .Emulator = "qemu-aarch64"},
    // RV64GC (IMAFD, compressed), Debian's riscv64 baseline, and its
    // hard-float calling convention. Sv39, the smallest page-table mode,
    // still gives 256 GiB of user address space: room for guard pages.
    {.Triple = "riscv64-linux-gnu",
     .Arch = "riscv64",
     .BaselineCpu = "generic-rv64",
     .BaselineFeatures = "+m,+a,+f,+d,+c",
     .CodegenFeatures = "-relax",
     .AbiName = "lp64d",
     .GuardPages = true,
     .DefaultBounds = WASMAOT_BOUNDS_GUARD,
     .GuaranteedTailCalls = false,
     .ReturnRegisters = 2,
     .Packages = "libc6-dev-riscv64-cross libstdc++-12-dev-riscv64-cross",
     .Emulator = "qemu-riscv64"},
    // 32-bit targets have 4 GiB of address space in all: no room for a guard
    // reservation, so every access is checked.
    // ARMv7-A with VFPv3-D16 and Thumb-2, hard-float: Debian's armhf
    // baseline. No NEON: it is optional there, and flushes denormals.
    {.Triple = "armv7-linux-gnueabihf",
     .Arch = "armv7",
     .BaselineCpu = "generic",
     .BaselineFeatures = "+vfp2,+vfp3d16,-neon,-d32",
     .CodegenFeatures = "",
     .AbiName = "",
     .GuardPages = false,
     .DefaultBounds = WASMAOT_BOUNDS_EXPLICIT,
     .GuaranteedTailCalls = false,
     .ReturnRegisters = 4,
     .Packages = "libc6-dev-armhf-cross libstdc++-12-dev-armhf-cross",
     .Emulator = "qemu-arm"},
    // A Pentium 4's SSE2, beyond Debian's i686 baseline: x87 arithmetic
    // rounds twice (to 80 bits, then to 32 or 64), which WebAssembly's
    // exact IEEE results do not allow.
    {.Triple = "i686-linux-gnu",
     .Arch = "i686",
     .BaselineCpu = "pentium4",
     .BaselineFeatures = "",
     .CodegenFeatures = "",
     .AbiName = "",
     .GuardPages = false,
     .DefaultBounds = WASMAOT_BOUNDS_EXPLICIT,
     .GuaranteedTailCalls = true,
     .ReturnRegisters = 2,
     .Packages = "libc6-dev-i386-cross libstdc++-12-dev-i386-cross",
     .Emulator = "qemu-i386"},
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
  if (Arch == "i386" || Arch == "i486" || Arch == "i586")
    return "i686";
  if (Arch == "arm" || Arch == "armhf")
    return "armv7";
  return Arch;
}

} // namespace

std::span<const TargetInfo> allTargets() { return Targets; }

const TargetInfo *findTarget(std::string_view Triple) {
  // arch-[vendor-]linux-environment: the vendor says nothing about the code.
  std::vector<std::string_view> Parts = split(Triple, '-');
  if (Parts.size() == 4)
    Parts.erase(Parts.begin() + 1);
  if (Parts.size() != 3 || Parts[1] != "linux")
    return nullptr;
  std::string_view Arch = canonicalArch(Parts[0]);
  for (const TargetInfo &T : Targets) {
    std::vector<std::string_view> Canonical = split(T.Triple, '-');
    if (T.Arch == Arch && Canonical.back() == Parts[2])
      return &T;
  }
  return nullptr;
}

const TargetInfo &hostTarget() {
#if defined(__x86_64__)
  return Targets[0];
#elif defined(__aarch64__)
  return Targets[1];
#elif defined(__riscv) && __riscv_xlen == 64
  return Targets[2];
#elif defined(__arm__)
  return Targets[3];
#elif defined(__i386__)
  return Targets[4];
#else
#error "hostTarget: wasmaot does not know this architecture"
#endif
}

} // namespace wasmaot
