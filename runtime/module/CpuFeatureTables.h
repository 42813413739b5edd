//===- module/CpuFeatureTables.h - How each architecture's features are found ===//
//
// The CPU features that the runtime of each architecture can check, as LLVM
// names them, with where the hardware or the kernel reports each. Data only,
// compiled on every architecture: the compiler reads the other targets'
// vocabularies from here (cpuFeatureVocabulary), and HostCpu.cpp probes the
// running machine's own.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace wasmaot::runtime {

/// x86: a CPUID bit, and the register state the OS must save for it (XCR0).
struct X86FeatureBit {
  enum Reg : uint8_t { Eax, Ebx, Ecx, Edx };
  enum OsState : uint8_t { NoState, AvxState, Avx512State, AmxState };
  std::string_view Name;
  uint32_t Leaf, Subleaf;
  Reg R;
  uint8_t Bit;
  OsState State = NoState;
};

/// AArch64 and RISC-V: bits of the kernel's AT_HWCAP (Word 1) or AT_HWCAP2
/// (Word 2) auxiliary vector entries. A feature that needs several bits
/// (LLVM's "aes" is AES and PMULL) has them all in Mask.
struct HwcapFeature {
  std::string_view Name;
  uint8_t Word;
  uint64_t Mask;
};

std::span<const X86FeatureBit> x86Features();
std::span<const HwcapFeature> aarch64Features();
std::span<const HwcapFeature> riscv64Features();
std::span<const HwcapFeature> armv7Features();

/// Every feature name the runtime of Arch ("x86_64", "i686", "aarch64",
/// "riscv64", "armv7") can check, or nothing for an unknown architecture.
std::span<const std::string_view> cpuFeatureVocabulary(std::string_view Arch);

} // namespace wasmaot::runtime
