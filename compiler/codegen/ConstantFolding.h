//===- codegen/ConstantFolding.h - No constant expressions at -O0 ----------===//
//
// Lowering builds IR with IRBuilder's default folder, which leaves constant
// operands as constant expressions (e.g. a v128.const's bitmask becomes
// zext(bitcast(<4 x i1> <icmp ...> to i4))). At -O2 InstCombine folds them
// away; at -O0 nothing does, and LLVM 16's -O0 instruction selection
// miscompiles some of them: `i32.ge_u` of a value and the i32x4.bitmask of
// a constant compared against the wrong constant (found by the
// differential test, seed 81). So before -O0 code generation every
// constant expression operand is folded with the target's data layout.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace llvm {
class Module;
} // namespace llvm

namespace wasmaot {

/// Replaces each constant-expression operand of M's instructions by its
/// folded value, where the data layout lets it fold.
void foldConstantExpressions(llvm::Module &M);

} // namespace wasmaot
