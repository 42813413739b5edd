//===- target/TargetDesc.h - What machine code is generated for ------------===//
//
// A TargetDesc names the machine compiled code will run on: one of the
// targets of target/Targets.h, a CPU and a feature string. By default the
// CPU is the target's portable baseline (x86-64-v2, aarch64 generic, rv64gc),
// so an artifact built on one machine runs on every machine of that
// architecture; `native` targets the build machine's own CPU instead (host
// target only). enabledFeatures() lists what the generated code may use, in
// a stable form that artifacts record and the loader checks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "target/Targets.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Target;
class TargetMachine;
} // namespace llvm

namespace wasmaot {

/// Registers the LLVM targets of every architecture in target/Targets.h
/// (code generator, assembly printer and parser) once per process; safe to
/// call from any thread.
void initializeTargets();

class TargetDesc {
public:
  /// The CPU name that selects the build machine's own CPU and features.
  static constexpr llvm::StringLiteral NativeCpu = "native";

  /// Describes a target. An empty Triple means the host; others must name a
  /// target of target/Targets.h. An empty Cpu means the target's baseline,
  /// NativeCpu the host's CPU (host target only), anything else an LLVM CPU
  /// name. Features ("+avx2,-popcnt") adjusts the CPU's features; only
  /// features that the target's runtime can check are accepted
  /// (module/CpuFeatureTables.h), since the loader must check them.
  static llvm::Expected<TargetDesc> create(llvm::StringRef Triple = "", llvm::StringRef Cpu = "",
                                           llvm::StringRef Features = "");

  const llvm::Triple &triple() const { return TheTriple; }
  const std::string &cpu() const { return Cpu; }
  /// The CPU that code is scheduled and selected for, within what cpu()
  /// allows: "generic" for the portable baseline, as clang tunes by default
  /// (x86-64-v2's own tuning assumes Intel's fast SHLD and rotates with it,
  /// which costs AMD CPUs twice the time in rotate-heavy code such as
  /// SHA-256); otherwise the CPU itself.
  llvm::StringRef tuneCpu() const;
  /// Whether memories can be reserved with guard regions (target/Targets.h).
  bool hasGuardPages() const { return GuardPages; }
  /// The target's row in the target table.
  const TargetInfo &info() const { return *Info; }
  /// The feature string given to LLVM, on top of what cpu() implies.
  const std::string &featureString() const { return Features; }

  /// Every feature the generated code may use, implied ones included, as
  /// sorted LLVM feature names ("cx16", "popcnt", "sse4.2", ...).
  llvm::ArrayRef<std::string> enabledFeatures() const { return Enabled; }
  bool hasFeature(llvm::StringRef Name) const;
  /// enabledFeatures() as one stable string: "+cmov,+cx16,...,+sse4.2".
  std::string enabledFeatureList() const;

  /// A TargetMachine for this target with position-independent code.
  /// OptLevel is 0..3, as for -O0..-O3.
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createTargetMachine(unsigned OptLevel) const;

private:
  TargetDesc() = default;

  const llvm::Target *TheTarget = nullptr;
  llvm::Triple TheTriple;
  std::string Cpu;
  std::string Features;
  std::string AbiName;
  std::string CodegenFeatures; // TargetInfo::CodegenFeatures
  bool GuardPages = true;
  const TargetInfo *Info = nullptr;
  std::vector<std::string> Enabled;
};

} // namespace wasmaot
