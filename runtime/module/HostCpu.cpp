//===- module/HostCpu.cpp --------------------------------------------------===//
#include "module/HostCpu.h"

#include <cstdint>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace wasmaot::runtime {

#if defined(__x86_64__)

namespace {

enum Reg : uint8_t { Eax, Ebx, Ecx, Edx };
enum OsState : uint8_t { NoState, AvxState, Avx512State };

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
};

/// The CPUID leaves the table uses, read once: in a virtual machine every
/// CPUID instruction traps to the hypervisor, which costs microseconds.
struct CpuidLeaves {
  struct Leaf {
    uint32_t Number, Subleaf;
    unsigned Regs[4];
    bool Present;
  };
  Leaf Leaves[6] = {{1, 0, {}, false},          {7, 0, {}, false},
                    {7, 1, {}, false},          {0xD, 1, {}, false},
                    {0x80000001, 0, {}, false}, {0x80000008, 0, {}, false}};
  uint32_t Xcr0 = 0;

  CpuidLeaves() {
    unsigned MaxBasic = __get_cpuid_max(0, nullptr);
    unsigned MaxExtended = __get_cpuid_max(0x80000000u, nullptr);
    for (Leaf &L : Leaves) {
      L.Present = L.Number & 0x80000000u ? L.Number <= MaxExtended : L.Number <= MaxBasic;
      if (L.Present)
        __cpuid_count(L.Number, L.Subleaf, L.Regs[Eax], L.Regs[Ebx], L.Regs[Ecx], L.Regs[Edx]);
    }
    if (Leaves[0].Present && (Leaves[0].Regs[Ecx] & (1u << 27))) { // OSXSAVE
      uint32_t Hi;
      __asm__("xgetbv" : "=a"(Xcr0), "=d"(Hi) : "c"(0));
    }
  }

  const Leaf *find(uint32_t Number, uint32_t Subleaf) const {
    for (const Leaf &L : Leaves)
      if (L.Number == Number && L.Subleaf == Subleaf)
        return L.Present ? &L : nullptr;
    return nullptr;
  }

  /// Whether the OS saves the register state a feature needs (XCR0).
  bool osSaves(OsState State) const {
    if (State == NoState)
      return true;
    uint32_t Need = State == AvxState ? 0x6 : 0xE6; // SSE+AVX (+opmask, ZMM state)
    return (Xcr0 & Need) == Need;
  }
};

const CpuidLeaves &cpuid() {
  static const CpuidLeaves Leaves;
  return Leaves;
}

} // namespace

bool hostHasCpuFeature(std::string_view LlvmName) {
  for (const FeatureBit &F : Features) {
    if (F.Name != LlvmName)
      continue;
    const CpuidLeaves::Leaf *L = cpuid().find(F.Leaf, F.Subleaf);
    return L && (L->Regs[F.R] >> F.Bit & 1) && cpuid().osSaves(F.State);
  }
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
std::string hostCpuFeatureList() { return ""; }

#endif

} // namespace wasmaot::runtime
