//===- codegen/RoundingNans.h - Quiet NaNs that RISC-V rounding passes on ---===//
//
// LLVM 16's RISC-V backend (without the Zfa extension) lowers floor, ceil,
// trunc and roundeven by converting to an integer and back, and returns any
// input too large for that unchanged: NaNs included, so a signaling NaN comes
// out still signaling. WebAssembly requires an arithmetic (quiet) NaN there.
// quietRoundingNans rewrites each such call R = f(x) into
//
//   select (fcmp uno x, x), (fadd x, x), R
//
// where the addition quiets the NaN (RISC-V gives the canonical NaN); the
// select is off the rounding's critical path. Scalars and vectors alike.
// Runs after optimization, just before instruction selection.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace llvm {
class Module;
} // namespace llvm

namespace wasmaot {

void quietRoundingNans(llvm::Module &M);

} // namespace wasmaot
