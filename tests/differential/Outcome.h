//===- tests/differential/Outcome.h - What running a module gave -----------===//
//
// The results of calling a generated module's exports in order (see
// tests/generator/ModuleGenerator.h), one line per export, in the notation
// of wabt's wasm-interp --run-all-exports ("f0() => i32:1, i64:2",
// "f1() => error: integer overflow"), with trap messages reduced to the
// spec's names so that engines that word them differently compare equal.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::difftest {

struct Outcome {
  /// Why the module could not be run at all (compile, load, instantiate).
  std::string Failure;
  std::vector<std::string> Lines;
};

/// The spec's name of the trap a wasm-interp message describes, or the
/// message itself if it is not one of them.
std::string canonicalTrap(std::string_view Message);

/// The outcome wasm-interp printed, with trap messages canonical.
Outcome parseInterpreterOutput(std::string_view Stdout);

/// The first difference between two outcomes, described for a person; empty
/// if they are equal.
std::string describeDifference(const Outcome &Ours, const Outcome &Reference);

} // namespace wasmaot::difftest
