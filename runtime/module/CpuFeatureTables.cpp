//===- module/CpuFeatureTables.cpp -----------------------------------------===//
#include "module/CpuFeatureTables.h"

#include <vector>

namespace wasmaot::runtime {
namespace {

// From the Intel and AMD manuals' CPUID tables, spelled as LLVM spells them.
const X86FeatureBit X86FeatureTable[] = {
    {"64bit", 0x80000001, 0, X86FeatureBit::Edx, 29},     {"sahf", 0x80000001, 0, X86FeatureBit::Ecx, 0},
    {"lzcnt", 0x80000001, 0, X86FeatureBit::Ecx, 5},      {"sse4a", 0x80000001, 0, X86FeatureBit::Ecx, 6},
    {"prfchw", 0x80000001, 0, X86FeatureBit::Ecx, 8},     {"xop", 0x80000001, 0, X86FeatureBit::Ecx, 11, X86FeatureBit::AvxState},
    {"fma4", 0x80000001, 0, X86FeatureBit::Ecx, 16, X86FeatureBit::AvxState}, {"tbm", 0x80000001, 0, X86FeatureBit::Ecx, 21},
    {"mwaitx", 0x80000001, 0, X86FeatureBit::Ecx, 29},    {"clzero", 0x80000008, 0, X86FeatureBit::Ebx, 0},
    {"wbnoinvd", 0x80000008, 0, X86FeatureBit::Ebx, 9},   {"cx8", 1, 0, X86FeatureBit::Edx, 8},
    {"cmov", 1, 0, X86FeatureBit::Edx, 15},               {"mmx", 1, 0, X86FeatureBit::Edx, 23},
    {"fxsr", 1, 0, X86FeatureBit::Edx, 24},               {"sse", 1, 0, X86FeatureBit::Edx, 25},
    {"sse2", 1, 0, X86FeatureBit::Edx, 26},               {"sse3", 1, 0, X86FeatureBit::Ecx, 0},
    {"pclmul", 1, 0, X86FeatureBit::Ecx, 1},              {"ssse3", 1, 0, X86FeatureBit::Ecx, 9},
    {"fma", 1, 0, X86FeatureBit::Ecx, 12, X86FeatureBit::AvxState},      {"cx16", 1, 0, X86FeatureBit::Ecx, 13},
    {"sse4.1", 1, 0, X86FeatureBit::Ecx, 19},             {"sse4.2", 1, 0, X86FeatureBit::Ecx, 20},
    {"crc32", 1, 0, X86FeatureBit::Ecx, 20},              {"movbe", 1, 0, X86FeatureBit::Ecx, 22},
    {"popcnt", 1, 0, X86FeatureBit::Ecx, 23},             {"aes", 1, 0, X86FeatureBit::Ecx, 25},
    {"xsave", 1, 0, X86FeatureBit::Ecx, 26},              {"avx", 1, 0, X86FeatureBit::Ecx, 28, X86FeatureBit::AvxState},
    {"f16c", 1, 0, X86FeatureBit::Ecx, 29, X86FeatureBit::AvxState},     {"rdrnd", 1, 0, X86FeatureBit::Ecx, 30},
    {"fsgsbase", 7, 0, X86FeatureBit::Ebx, 0},            {"bmi", 7, 0, X86FeatureBit::Ebx, 3},
    {"avx2", 7, 0, X86FeatureBit::Ebx, 5, X86FeatureBit::AvxState},      {"bmi2", 7, 0, X86FeatureBit::Ebx, 8},
    {"invpcid", 7, 0, X86FeatureBit::Ebx, 10},            {"rtm", 7, 0, X86FeatureBit::Ebx, 11},
    {"avx512f", 7, 0, X86FeatureBit::Ebx, 16, X86FeatureBit::Avx512State}, {"avx512dq", 7, 0, X86FeatureBit::Ebx, 17, X86FeatureBit::Avx512State},
    {"rdseed", 7, 0, X86FeatureBit::Ebx, 18},             {"adx", 7, 0, X86FeatureBit::Ebx, 19},
    {"avx512ifma", 7, 0, X86FeatureBit::Ebx, 21, X86FeatureBit::Avx512State}, {"clflushopt", 7, 0, X86FeatureBit::Ebx, 23},
    {"clwb", 7, 0, X86FeatureBit::Ebx, 24},               {"avx512cd", 7, 0, X86FeatureBit::Ebx, 28, X86FeatureBit::Avx512State},
    {"sha", 7, 0, X86FeatureBit::Ebx, 29},                {"avx512bw", 7, 0, X86FeatureBit::Ebx, 30, X86FeatureBit::Avx512State},
    {"avx512vl", 7, 0, X86FeatureBit::Ebx, 31, X86FeatureBit::Avx512State}, {"avx512vbmi", 7, 0, X86FeatureBit::Ecx, 1, X86FeatureBit::Avx512State},
    {"pku", 7, 0, X86FeatureBit::Ecx, 3},                 {"waitpkg", 7, 0, X86FeatureBit::Ecx, 5},
    {"avx512vbmi2", 7, 0, X86FeatureBit::Ecx, 6, X86FeatureBit::Avx512State}, {"shstk", 7, 0, X86FeatureBit::Ecx, 7},
    {"gfni", 7, 0, X86FeatureBit::Ecx, 8},                {"vaes", 7, 0, X86FeatureBit::Ecx, 9, X86FeatureBit::AvxState},
    {"vpclmulqdq", 7, 0, X86FeatureBit::Ecx, 10, X86FeatureBit::AvxState}, {"avx512vnni", 7, 0, X86FeatureBit::Ecx, 11, X86FeatureBit::Avx512State},
    {"avx512bitalg", 7, 0, X86FeatureBit::Ecx, 12, X86FeatureBit::Avx512State},
    {"avx512vpopcntdq", 7, 0, X86FeatureBit::Ecx, 14, X86FeatureBit::Avx512State}, {"rdpid", 7, 0, X86FeatureBit::Ecx, 22},
    {"cldemote", 7, 0, X86FeatureBit::Ecx, 25},           {"movdiri", 7, 0, X86FeatureBit::Ecx, 27},
    {"movdir64b", 7, 0, X86FeatureBit::Ecx, 28},          {"enqcmd", 7, 0, X86FeatureBit::Ecx, 29},
    {"serialize", 7, 0, X86FeatureBit::Edx, 14},          {"avx512fp16", 7, 0, X86FeatureBit::Edx, 23, X86FeatureBit::Avx512State},
    {"avxvnni", 7, 1, X86FeatureBit::Eax, 4, X86FeatureBit::AvxState},   {"avx512bf16", 7, 1, X86FeatureBit::Eax, 5, X86FeatureBit::Avx512State},
    {"xsaveopt", 0xD, 1, X86FeatureBit::Eax, 0},          {"xsavec", 0xD, 1, X86FeatureBit::Eax, 1},
    {"xsaves", 0xD, 1, X86FeatureBit::Eax, 3},
    // Every other name LLVM 16's host detection may report (--cpu native
    // records them all; tests/compiler/codegen/TargetDescTest.cpp checks
    // that none is missing here).
    {"sgx", 7, 0, X86FeatureBit::Ebx, 2},                 {"avx512pf", 7, 0, X86FeatureBit::Ebx, 26, X86FeatureBit::Avx512State},
    {"avx512er", 7, 0, X86FeatureBit::Ebx, 27, X86FeatureBit::Avx512State}, {"prefetchwt1", 7, 0, X86FeatureBit::Ecx, 0},
    {"kl", 7, 0, X86FeatureBit::Ecx, 23},                 {"uintr", 7, 0, X86FeatureBit::Edx, 5},
    {"avx512vp2intersect", 7, 0, X86FeatureBit::Edx, 8, X86FeatureBit::Avx512State}, {"tsxldtrk", 7, 0, X86FeatureBit::Edx, 16},
    {"pconfig", 7, 0, X86FeatureBit::Edx, 18},            {"amx-bf16", 7, 0, X86FeatureBit::Edx, 22, X86FeatureBit::AmxState},
    {"amx-tile", 7, 0, X86FeatureBit::Edx, 24, X86FeatureBit::AmxState}, {"amx-int8", 7, 0, X86FeatureBit::Edx, 25, X86FeatureBit::AmxState},
    {"raoint", 7, 1, X86FeatureBit::Eax, 3},              {"cmpccxadd", 7, 1, X86FeatureBit::Eax, 7},
    {"amx-fp16", 7, 1, X86FeatureBit::Eax, 21, X86FeatureBit::AmxState}, {"hreset", 7, 1, X86FeatureBit::Eax, 22},
    {"avxifma", 7, 1, X86FeatureBit::Eax, 23, X86FeatureBit::AvxState},  {"avxvnniint8", 7, 1, X86FeatureBit::Edx, 4, X86FeatureBit::AvxState},
    {"avxneconvert", 7, 1, X86FeatureBit::Edx, 5, X86FeatureBit::AvxState}, {"prefetchi", 7, 1, X86FeatureBit::Edx, 14},
    {"ptwrite", 0x14, 0, X86FeatureBit::Ebx, 4},          {"widekl", 0x19, 0, X86FeatureBit::Ebx, 2},
    {"lwp", 0x80000001, 0, X86FeatureBit::Ecx, 15},       {"rdpru", 0x80000008, 0, X86FeatureBit::Ebx, 4},
};

// Linux's arch/arm64/include/uapi/asm/hwcap.h, spelled as LLVM 16 spells
// the features.
constexpr uint64_t bit(unsigned N) { return uint64_t(1) << N; }
const HwcapFeature AArch64FeatureTable[] = {
    {"fp-armv8", 1, bit(0)},          {"neon", 1, bit(1)},
    {"aes", 1, bit(3) | bit(4)},      {"sha2", 1, bit(5) | bit(6)},
    {"crc", 1, bit(7)},               {"lse", 1, bit(8)},
    {"fullfp16", 1, bit(9) | bit(10)}, {"rdm", 1, bit(12)},
    {"jsconv", 1, bit(13)},           {"complxnum", 1, bit(14)},
    {"rcpc", 1, bit(15)},             {"ccpp", 1, bit(16)},
    {"sha3", 1, bit(17) | bit(21)},   {"sm4", 1, bit(18) | bit(19)},
    {"dotprod", 1, bit(20)},          {"sve", 1, bit(22)},
    {"fp16fml", 1, bit(23)},          {"dit", 1, bit(24)},
    {"rcpc-immo", 1, bit(26)},        {"flagm", 1, bit(27)},
    {"ssbs", 1, bit(28)},             {"sb", 1, bit(29)},
    {"pauth", 1, bit(30) | bit(31)},  {"ccdp", 2, bit(0)},
    {"sve2", 2, bit(1)},              {"sve2-aes", 2, bit(2) | bit(3)},
    {"sve2-bitperm", 2, bit(4)},      {"sve2-sha3", 2, bit(5)},
    {"sve2-sm4", 2, bit(6)},          {"altnzcv", 2, bit(7)},
    {"fptoint", 2, bit(8)},           {"i8mm", 2, bit(13)},
    {"bf16", 2, bit(14)},             {"rand", 2, bit(16)},
    {"bti", 2, bit(17)},              {"mte", 2, bit(18)},
};

// RISC-V's AT_HWCAP has one bit per single-letter extension ('a' is bit 0).
constexpr uint64_t letter(char C) { return uint64_t(1) << (C - 'a'); }
const HwcapFeature Riscv64FeatureTable[] = {
    {"m", 1, letter('m')}, {"a", 1, letter('a')}, {"f", 1, letter('f')},
    {"d", 1, letter('d')}, {"c", 1, letter('c')}, {"v", 1, letter('v')},
};

// Linux's arch/arm/include/uapi/asm/hwcap.h. LLVM's "vfp3" and "vfp4" have
// 32 double registers, the "d16" ones 16.
const HwcapFeature Armv7FeatureTable[] = {
    {"vfp2", 1, bit(6)},              {"vfp3d16", 1, bit(13)},
    {"vfp3", 1, bit(13) | bit(19)},   {"vfp4d16", 1, bit(16)},
    {"vfp4", 1, bit(16) | bit(19)},   {"d32", 1, bit(19)},
    {"neon", 1, bit(12)},             {"hwdiv-arm", 1, bit(17)},
    {"hwdiv", 1, bit(18)},            {"aes", 2, bit(0) | bit(1)},
    {"sha2", 2, bit(2) | bit(3)},     {"crc", 2, bit(4)},
};

template <typename Table> std::vector<std::string_view> namesOf(const Table &T) {
  std::vector<std::string_view> Names;
  for (const auto &Entry : T)
    Names.push_back(Entry.Name);
  return Names;
}

} // namespace

std::span<const X86FeatureBit> x86Features() { return X86FeatureTable; }
std::span<const HwcapFeature> aarch64Features() { return AArch64FeatureTable; }
std::span<const HwcapFeature> riscv64Features() { return Riscv64FeatureTable; }
std::span<const HwcapFeature> armv7Features() { return Armv7FeatureTable; }

std::span<const std::string_view> cpuFeatureVocabulary(std::string_view Arch) {
  static const std::vector<std::string_view> X86 = namesOf(X86FeatureTable);
  static const std::vector<std::string_view> AArch64 = namesOf(AArch64FeatureTable);
  static const std::vector<std::string_view> Riscv64 = namesOf(Riscv64FeatureTable);
  static const std::vector<std::string_view> Armv7 = namesOf(Armv7FeatureTable);
  if (Arch == "x86_64" || Arch == "i686")
    return X86;
  if (Arch == "armv7")
    return Armv7;
  if (Arch == "aarch64")
    return AArch64;
  if (Arch == "riscv64")
    return Riscv64;
  return {};
}

} // namespace wasmaot::runtime
