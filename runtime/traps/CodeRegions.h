//===- traps/CodeRegions.h - Where compiled wasm code lives ----------------===//
//
// The signal handler claims an out-of-bounds fault only when the faulting
// instruction is compiled wasm code: a fault in the runtime or a host
// function, even at a guard-region address, is a bug of the host and goes to
// the previous handler (a crash) instead of being reported as a wasm trap.
// Loaded artifacts register their executable segments; a compiled executable
// registers the section its wasm functions are in (wasmaot_code).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "traps/AddressRangeSet.h"

#include <cstdint>

namespace wasmaot::runtime {

/// How many code ranges can be registered at once: loaded modules have one
/// or two each, and the spec testsuite's runner keeps about a thousand.
inline constexpr unsigned MaxCodeRegions = 16384;

/// One registered range [Begin, End) of compiled code, unregistered on
/// destruction (before the code is unmapped).
class CodeRegion : public RegisteredRange {
public:
  /// Fails when MaxCodeRegions regions are already registered.
  static Result<CodeRegion> add(const void *Begin, const void *End);

private:
  using RegisteredRange::RegisteredRange;
};

/// Whether Address lies in registered code. Async-signal-safe.
bool isInCodeRegion(uintptr_t Address);

} // namespace wasmaot::runtime
