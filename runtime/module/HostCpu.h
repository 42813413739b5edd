//===- module/HostCpu.h - CPU features of the machine we run on ------------===//
//
// Answers, without LLVM, whether this CPU (and the OS, for register state
// such as AVX's) supports a feature named as LLVM names the architecture's
// features ("sse4.2", "avx2" on x86-64; "lse", "dotprod" on AArch64; "m",
// "v" on RISC-V). A name it does not know counts as absent, so an artifact
// using an unknown feature is refused rather than run.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace wasmaot::runtime {

bool hostHasCpuFeature(std::string_view LlvmName);

/// Whether hostHasCpuFeature can tell about LlvmName at all.
bool isKnownCpuFeature(std::string_view LlvmName);

/// Every feature of this CPU that hostHasCpuFeature knows, comma-separated:
/// an identity of the machine for code compiled for it (--cpu native).
std::string hostCpuFeatureList();

} // namespace wasmaot::runtime
