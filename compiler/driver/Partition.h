//===- driver/Partition.h - Splitting a module's functions for parallel work ===//
//
// A big module is compiled in parts: runs of consecutive defined functions,
// each lowered into its own LLVMContext, optimized and compiled to its own
// object by whichever thread is free, then linked. The parts depend on the
// module alone, never on the number of threads, so that every thread count
// gives byte-identical output. Consecutive functions stay together because
// producers emit a source file's functions side by side: calls within one
// part can still be inlined, calls between parts cannot.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

struct FunctionRange {
  uint32_t Begin = 0, End = 0; // function indices, End excluded
  uint64_t Weight = 0;         // instructions in their bodies
};

/// Below this many instructions, a module is compiled whole: splitting it
/// would cost more inlining than the threads win back.
inline constexpr uint64_t PartitionThreshold = 60'000;
/// What a part weighs at most, unless one function alone weighs more.
inline constexpr uint64_t PartitionWeight = 25'000;

/// The parts of M's defined functions, in order, covering all of them: one
/// part when M weighs less than Threshold, else parts of about Weight.
std::vector<FunctionRange> partitionFunctions(const ir::Module &M,
                                              uint64_t Threshold = PartitionThreshold,
                                              uint64_t Weight = PartitionWeight);

} // namespace wasmaot
