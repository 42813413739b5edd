//===- module/HostCpu.cpp --------------------------------------------------===//
#include "module/HostCpu.h"

#include <cstdint>
#include <mutex>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace wasmaot::runtime {

#if defined(__x86_64__)

namespace {

enum Reg : uint8_t { Eax, Ebx, Ecx, Edx };
enum OsState : uint8_t { NoState, AvxState, Avx512State, AmxState };

struct FeatureBit {
  std::string_view Name;
  uint32_t Leaf, Subleaf;
  Reg R;
  uint8_t Bit;
  OsState State = NoState;
};

// From the Intel and AMD manuals' CPUID tables, spelled as LLVM spells them.
constexpr FeatureBit Features[] = {
    {"64bit", 0x80000001, 0, Edx, 29},     {"sahf", 0x80000001, 0, Ecx, 0},
    {"lzcnt", 0x80000001, 0, Ecx, 5},      {"sse4a", 0x80000001, 0, Ecx, 6},
    {"prfchw", 0x80000001, 0, Ecx, 8},     {"xop", 0x80000001, 0, Ecx, 11, AvxState},
    {"fma4", 0x80000001, 0, Ecx, 16, AvxState}, {"tbm", 0x80000001, 0, Ecx, 21},
    {"mwaitx", 0x80000001, 0, Ecx, 29},    {"clzero", 0x80000008, 0, Ebx, 0},
    {"wbnoinvd", 0x80000008, 0, Ebx, 9},   {"cx8", 1, 0, Edx, 8},
    {"cmov", 1, 0, Edx, 15},               {"mmx", 1, 0, Edx, 23},
    {"fxsr", 1, 0, Edx, 24},               {"sse", 1, 0, Edx, 25},
    {"sse2", 1, 0, Edx, 26},               {"sse3", 1, 0, Ecx, 0},
    {"pclmul", 1, 0, Ecx, 1},              {"ssse3", 1, 0, Ecx, 9},
    {"fma", 1, 0, Ecx, 12, AvxState},      {"cx16", 1, 0, Ecx, 13},
    {"sse4.1", 1, 0, Ecx, 19},             {"sse4.2", 1, 0, Ecx, 20},
    {"crc32", 1, 0, Ecx, 20},              {"movbe", 1, 0, Ecx, 22},
    {"popcnt", 1, 0, Ecx, 23},             {"aes", 1, 0, Ecx, 25},
    {"xsave", 1, 0, Ecx, 26},              {"avx", 1, 0, Ecx, 28, AvxState},
    {"f16c", 1, 0, Ecx, 29, AvxState},     {"rdrnd", 1, 0, Ecx, 30},
    {"fsgsbase", 7, 0, Ebx, 0},            {"bmi", 7, 0, Ebx, 3},
    {"avx2", 7, 0, Ebx, 5, AvxState},      {"bmi2", 7, 0, Ebx, 8},
    {"invpcid", 7, 0, Ebx, 10},            {"rtm", 7, 0, Ebx, 11},
    {"avx512f", 7, 0, Ebx, 16, Avx512State}, {"avx512dq", 7, 0, Ebx, 17, Avx512State},
    {"rdseed", 7, 0, Ebx, 18},             {"adx", 7, 0, Ebx, 19},
    {"avx512ifma", 7, 0, Ebx, 21, Avx512State}, {"clflushopt", 7, 0, Ebx, 23},
    {"clwb", 7, 0, Ebx, 24},               {"avx512cd", 7, 0, Ebx, 28, Avx512State},
    {"sha", 7, 0, Ebx, 29},                {"avx512bw", 7, 0, Ebx, 30, Avx512State},
    {"avx512vl", 7, 0, Ebx, 31, Avx512State}, {"avx512vbmi", 7, 0, Ecx, 1, Avx512State},
    {"pku", 7, 0, Ecx, 3},                 {"waitpkg", 7, 0, Ecx, 5},
    {"avx512vbmi2", 7, 0, Ecx, 6, Avx512State}, {"shstk", 7, 0, Ecx, 7},
    {"gfni", 7, 0, Ecx, 8},                {"vaes", 7, 0, Ecx, 9, AvxState},
    {"vpclmulqdq", 7, 0, Ecx, 10, AvxState}, {"avx512vnni", 7, 0, Ecx, 11, Avx512State},
    {"avx512bitalg", 7, 0, Ecx, 12, Avx512State},
    {"avx512vpopcntdq", 7, 0, Ecx, 14, Avx512State}, {"rdpid", 7, 0, Ecx, 22},
    {"cldemote", 7, 0, Ecx, 25},           {"movdiri", 7, 0, Ecx, 27},
    {"movdir64b", 7, 0, Ecx, 28},          {"enqcmd", 7, 0, Ecx, 29},
    {"serialize", 7, 0, Edx, 14},          {"avx512fp16", 7, 0, Edx, 23, Avx512State},
    {"avxvnni", 7, 1, Eax, 4, AvxState},   {"avx512bf16", 7, 1, Eax, 5, Avx512State},
    {"xsaveopt", 0xD, 1, Eax, 0},          {"xsavec", 0xD, 1, Eax, 1},
    {"xsaves", 0xD, 1, Eax, 3},
    // Every other name LLVM 16's host detection may report (--cpu native
    // records them all; tests/compiler/codegen/TargetDescTest.cpp checks
    // that none is missing here).
    {"sgx", 7, 0, Ebx, 2},                 {"avx512pf", 7, 0, Ebx, 26, Avx512State},
    {"avx512er", 7, 0, Ebx, 27, Avx512State}, {"prefetchwt1", 7, 0, Ecx, 0},
    {"kl", 7, 0, Ecx, 23},                 {"uintr", 7, 0, Edx, 5},
    {"avx512vp2intersect", 7, 0, Edx, 8, Avx512State}, {"tsxldtrk", 7, 0, Edx, 16},
    {"pconfig", 7, 0, Edx, 18},            {"amx-bf16", 7, 0, Edx, 22, AmxState},
    {"amx-tile", 7, 0, Edx, 24, AmxState}, {"amx-int8", 7, 0, Edx, 25, AmxState},
    {"raoint", 7, 1, Eax, 3},              {"cmpccxadd", 7, 1, Eax, 7},
    {"amx-fp16", 7, 1, Eax, 21, AmxState}, {"hreset", 7, 1, Eax, 22},
    {"avxifma", 7, 1, Eax, 23, AvxState},  {"avxvnniint8", 7, 1, Edx, 4, AvxState},
    {"avxneconvert", 7, 1, Edx, 5, AvxState}, {"prefetchi", 7, 1, Edx, 14},
    {"ptwrite", 0x14, 0, Ebx, 4},          {"widekl", 0x19, 0, Ebx, 2},
    {"lwp", 0x80000001, 0, Ecx, 15},       {"rdpru", 0x80000008, 0, Ebx, 4},
};

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
        __cpuid_count(Number, Subleaf, Regs[Eax], Regs[Ebx], Regs[Ecx], Regs[Edx]);
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
bool osSaves(OsState State) {
  if (State == NoState)
    return true;
  static const uint32_t Xcr0 = [] {
    const unsigned *Leaf1 = cpuidRegisters(1, 0);
    if (!Leaf1 || !(Leaf1[Ecx] & (1u << 27))) // OSXSAVE
      return 0u;
    uint32_t Low, High;
    __asm__("xgetbv" : "=a"(Low), "=d"(High) : "c"(0));
    return Low;
  }();
  // SSE+AVX; AVX-512 adds the opmask and ZMM state, AMX the tile state.
  uint32_t Need = State == AvxState ? 0x6 : State == Avx512State ? 0xE6 : 0x60000;
  return (Xcr0 & Need) == Need;
}

} // namespace

bool hostHasCpuFeature(std::string_view LlvmName) {
  for (const FeatureBit &F : Features) {
    if (F.Name != LlvmName)
      continue;
    const unsigned *Regs = cpuidRegisters(F.Leaf, F.Subleaf);
    return Regs && (Regs[F.R] >> F.Bit & 1) && osSaves(F.State);
  }
  return false;
}

bool isKnownCpuFeature(std::string_view LlvmName) {
  for (const FeatureBit &F : Features)
    if (F.Name == LlvmName)
      return true;
  return false;
}

std::string hostCpuFeatureList() {
  std::string List;
  for (const FeatureBit &F : Features)
    if (hostHasCpuFeature(F.Name))
      List += (List.empty() ? "" : ",") + std::string(F.Name);
  return List;
}

#else

bool hostHasCpuFeature(std::string_view) { return false; }
bool isKnownCpuFeature(std::string_view) { return false; }
bool isKnownCpuFeature(std::string_view LlvmName) {
  for (const FeatureBit &F : Features)
    if (F.Name == LlvmName)
      return true;
  return false;
}

std::string hostCpuFeatureList() { return ""; }

#endif

} // namespace wasmaot::runtime
