//===- target/Targets.h - The targets wasmaot compiles for ------------------===//
//
// One table says everything that differs between the targets: the triple
// the runtime is built for, the portable baseline CPU that `compile` uses by
// default, the bounds-check strategies the address space allows and the
// default one, and what a user installs to get the target's C library.
// Plain C++ without LLVM: the `wasmaot` command reads it too (to find a
// target's runtime and to list the targets), and so does the compiler.
//
// Bounds checks: guard pages need an 8 GiB reservation per memory (4 GiB of
// index space plus the largest offset), which a 39-bit or larger virtual
// address space affords and a 32-bit one does not. docs/Targets.md explains
// each default.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasmaot/abi.h"

#include <span>
#include <string>
#include <string_view>

namespace wasmaot {

struct TargetInfo {
  /// The canonical triple: how --target spells it and the directory name of
  /// its runtime (lib/wasmaot/<triple>).
  std::string_view Triple;
  /// The architecture's name as LLVM's triples spell it ("aarch64"), and as
  /// the runtime names its own (module/ArtifactInfo.h hostArchitecture).
  std::string_view Arch;
  /// The portable baseline: the CPU and features every Linux machine of the
  /// architecture has (the distributions' own baseline).
  std::string_view BaselineCpu;
  std::string_view BaselineFeatures; // LLVM syntax: "+m,+a"; may be empty
  /// Code generation settings that are not CPU features, always applied.
  /// riscv64: no linker relaxation, so that the distances between labels in
  /// a function (frame tables, jump tables) are known when it is assembled.
  std::string_view CodegenFeatures;
  /// The ABI name LLVM is given (riscv64: lp64d, the hard-float ABI that
  /// Debian's libraries use); empty: the triple's default.
  std::string_view AbiName;
  /// Whether guard pages are possible, and the default strategy.
  bool GuardPages;
  wasmaot_bounds_checks DefaultBounds;
  /// Whether LLVM's backend guarantees a tail call between functions of
  /// any two types (the `tailcc` convention, lowering/CallingConvention.h):
  /// return_call then runs in constant stack space whatever the callee.
  /// Elsewhere only where the callee's arguments fit in registers. LLVM 16
  /// has no tailcc for RISC-V, and miscompiles calls to tailcc functions
  /// with arguments on the stack for ARM (the caller readjusts the stack
  /// pointer after the callee popped them).
  bool GuaranteedTailCalls;
  /// Pointer-sized registers every backend returns wasm results in; more
  /// go to a results area (rax:rdx, x0-x7, a0:a1, r0-r3, eax:edx).
  unsigned ReturnRegisters;
  /// Debian's packages holding the target's C and C++ libraries.
  std::string_view Packages;
  /// The qemu-user program that runs its executables on another machine.
  std::string_view Emulator;
};

/// Every target, the host's among them.
std::span<const TargetInfo> allTargets();

/// The target a triple names, or null: the canonical spelling, with or
/// without a vendor ("aarch64-unknown-linux-gnu"), and common aliases of
/// the architecture ("arm64", "amd64").
const TargetInfo *findTarget(std::string_view Triple);

/// The target of the machine this program was built for.
const TargetInfo &hostTarget();

/// Whether Info is the host's target, whose runtime is the one beside the
/// compiler rather than lib/wasmaot/<triple>.
inline bool isHostTarget(const TargetInfo &Info) { return &Info == &hostTarget(); }

} // namespace wasmaot
