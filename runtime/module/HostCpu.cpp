//===- module/HostCpu.cpp --------------------------------------------------===//
//
// x86-64 asks CPUID (and XCR0, for the register state the OS saves);
// AArch64 and RISC-V ask the kernel, whose AT_HWCAP and AT_HWCAP2 say what
// user space may use. The tables are in CpuFeatureTables.cpp.
//
//===----------------------------------------------------------------------===//
#include "module/HostCpu.h"
#include "module/CpuFeatureTables.h"
#include "module/ArtifactInfo.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <optional>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#else
#include <sys/auxv.h>
#endif

namespace wasmaot::runtime {
namespace {

#if defined(__x86_64__) || defined(__i386__)

/// One CPUID leaf, read on first use and then remembered: in a virtual
/// machine every CPUID instruction traps to the hypervisor, which costs
/// microseconds, and checking a portable artifact needs only two leaves.
class CpuidLeaf {
public:
  constexpr CpuidLeaf(uint32_t Number, uint32_t Subleaf) : Number(Number), Subleaf(Subleaf) {}

  bool matches(uint32_t N, uint32_t S) const { return N == Number && S == Subleaf; }

  /// The leaf's registers, or null if the CPU does not have the leaf.
  const unsigned *registers() {
    std::call_once(Once, [this] {
      uint32_t Range = Number & 0x80000000u;
      Present = Number <= maxLeaf(Range);
      if (Present)
        __cpuid_count(Number, Subleaf, Regs[0], Regs[1], Regs[2], Regs[3]);
    });
    return Present ? Regs : nullptr;
  }

private:
  /// The highest leaf of the basic (Range 0) or extended range.
  static unsigned maxLeaf(uint32_t Range) {
    if (Range) {
      static const unsigned Extended = __get_cpuid_max(Range, nullptr);
      return Extended;
    }
    static const unsigned Basic = __get_cpuid_max(0, nullptr);
    return Basic;
  }

  uint32_t Number, Subleaf;
  std::once_flag Once;
  bool Present = false;
  unsigned Regs[4] = {};
};

CpuidLeaf Leaves[] = {{1, 0},    {7, 0},          {7, 1},         {0xD, 1},
                      {0x14, 0}, {0x19, 0},       {0x80000001, 0}, {0x80000008, 0}};

const unsigned *cpuidRegisters(uint32_t Number, uint32_t Subleaf) {
  for (CpuidLeaf &L : Leaves)
    if (L.matches(Number, Subleaf))
      return L.registers();
  return nullptr;
}

/// Whether the OS saves the register state a feature needs (XCR0).
bool osSaves(X86FeatureBit::OsState State) {
  if (State == X86FeatureBit::NoState)
    return true;
  static const uint32_t Xcr0 = [] {
    const unsigned *Leaf1 = cpuidRegisters(1, 0);
    if (!Leaf1 || !(Leaf1[X86FeatureBit::Ecx] & (1u << 27))) // OSXSAVE
      return 0u;
    uint32_t Low, High;
    __asm__("xgetbv" : "=a"(Low), "=d"(High) : "c"(0));
    return Low;
  }();
  // SSE+AVX; AVX-512 adds the opmask and ZMM state, AMX the tile state.
  uint32_t Need = State == X86FeatureBit::AvxState      ? 0x6
                  : State == X86FeatureBit::Avx512State ? 0xE6
                                                        : 0x60000;
  return (Xcr0 & Need) == Need;
}

/// Whether this machine has the feature Name, if the table knows it.
std::optional<bool> probe(std::string_view Name) {
  for (const X86FeatureBit &F : x86Features()) {
    if (F.Name != Name)
      continue;
    const unsigned *Regs = cpuidRegisters(F.Leaf, F.Subleaf);
    return Regs && (Regs[F.R] >> F.Bit & 1) && osSaves(F.State);
  }
  return std::nullopt;
}

#else

std::span<const HwcapFeature> hostHwcapFeatures() {
#if defined(__aarch64__)
  return aarch64Features();
#elif defined(__riscv)
  return riscv64Features();
#elif defined(__arm__)
  return armv7Features();
#else
  return {};
#endif
}

std::optional<bool> probe(std::string_view Name) {
  static const uint64_t Words[2] = {getauxval(AT_HWCAP), getauxval(AT_HWCAP2)};
  for (const HwcapFeature &F : hostHwcapFeatures())
    if (F.Name == Name)
      return (Words[F.Word - 1] & F.Mask) == F.Mask;
  return std::nullopt;
}

#endif

} // namespace

bool hostHasCpuFeature(std::string_view LlvmName) { return probe(LlvmName).value_or(false); }

bool isKnownCpuFeature(std::string_view LlvmName) {
  std::span<const std::string_view> Known = cpuFeatureVocabulary(hostArchitecture());
  return std::find(Known.begin(), Known.end(), LlvmName) != Known.end();
}

std::string hostCpuFeatureList() {
  std::string List;
  for (std::string_view Name : cpuFeatureVocabulary(hostArchitecture()))
    if (hostHasCpuFeature(Name))
      List += (List.empty() ? "" : ",") + std::string(Name);
  return List;
}

} // namespace wasmaot::runtime
