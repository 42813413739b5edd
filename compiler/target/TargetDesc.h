//===- target/TargetDesc.h - What machine code is generated for ------------===//
//
// A TargetDesc names the machine compiled code will run on: a triple, a CPU
// and a feature string. By default the CPU is a portable baseline of the
// architecture (x86-64-v2, aarch64 generic), so an artifact built on one
// machine runs on every machine of that architecture; `native` targets the
// build machine's own CPU instead. enabledFeatures() lists what the generated
// code may use, in a stable form that artifacts record and the loader checks.
//
//===----------------------------------------------------------------------===//
#pragma once

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

/// Registers the host architecture's LLVM target (code generator, assembly
/// printer and parser) once per process; safe to call from any thread.
void initializeNativeTarget();

class TargetDesc {
public:
  /// The CPU name that selects the build machine's own CPU and features.
  static constexpr llvm::StringLiteral NativeCpu = "native";

  /// Describes a target. An empty Triple means the host; other triples fail
  /// until cross-compilation exists. An empty Cpu means the architecture's
  /// baseline, NativeCpu the host's CPU, anything else an LLVM CPU name.
  /// Features ("+avx2,-popcnt") adjusts the CPU's features; only features that
  /// host detection knows are accepted, since the loader must check them.
  static llvm::Expected<TargetDesc> create(llvm::StringRef Triple = "", llvm::StringRef Cpu = "",
                                           llvm::StringRef Features = "");

  /// The portable baseline CPU of T's architecture, or "" if there is none.
  static llvm::StringRef baselineCpu(const llvm::Triple &T);

  const llvm::Triple &triple() const { return TheTriple; }
  const std::string &cpu() const { return Cpu; }
  /// The CPU that code is scheduled and selected for, within what cpu()
  /// allows: "generic" for the portable baseline, as clang tunes by default
  /// (x86-64-v2's own tuning assumes Intel's fast SHLD and rotates with it,
  /// which costs AMD CPUs twice the time in rotate-heavy code such as
  /// SHA-256); otherwise the CPU itself.
  llvm::StringRef tuneCpu() const;
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
  std::vector<std::string> Enabled;
};

} // namespace wasmaot
