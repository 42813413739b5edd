//===- lowering/LowerSimd.h - Shared pieces of the SIMD lowering -----------===//
//
// A v128 travels as <2 x i64> (VmContext::valueType) and is reinterpreted in
// the lane shape each instruction names: the text-format prefix of its name
// ("i8x16.add" works on <16 x i8>). Instructions that are a pure function of
// their operands are lowered here, without the operand stack: integer
// arithmetic, comparisons and bitwise operations (LowerSimdArith.cpp) and
// conversions between shapes (LowerSimdConvert.cpp). FunctionLowering::
// lowerSimd (LowerSimd.cpp) dispatches and handles the rest, including float
// arithmetic, which is the scalar lowering applied to vectors.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Opcode.h"

#include "llvm/IR/IRBuilder.h"

namespace wasmaot::lowering::simd {

/// The vector type of a shape as the text format writes it ("i8x16",
/// "f64x2"); nullptr if Shape is not one.
llvm::FixedVectorType *shapeType(llvm::LLVMContext &C, llvm::StringRef Shape);

/// The shape Op's v128 result is computed in (its name's prefix); v128.* is
/// <2 x i64>.
llvm::FixedVectorType *resultShape(llvm::LLVMContext &C, ir::Opcode Op);

/// The operand shape of an instruction that converts between shapes: the
/// one its name mentions after the operation (i16x8.extend_low_i8x16_s:
/// <16 x i8>); nullptr for every other instruction.
llvm::FixedVectorType *operandShape(llvm::LLVMContext &C, ir::Opcode Op);

/// Reinterprets a v128 (or any 128-bit vector) as the vector type Ty.
llvm::Value *asShape(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Type *Ty);

/// Reinterprets a 128-bit vector as the canonical v128 type, <2 x i64>.
llvm::Value *asV128(llvm::IRBuilder<> &B, llvm::Value *V);

/// Lowers a lane-wise, bitwise or reducing instruction (v128.and,
/// i8x16.add, f32x4.eq, i16x8.all_true, ...); nullptr if Op is not one.
/// Vector results may have any 128-bit vector type, as below.
llvm::Value *lowerArithmetic(llvm::IRBuilder<> &B, ir::Opcode Op,
                             llvm::ArrayRef<llvm::Value *> Operands);

/// Lowers an instruction that has an operandShape (extend, narrow, extmul,
/// dot, convert, trunc_sat, demote, promote, ...); nullptr if Op is not one.
llvm::Value *lowerConversion(llvm::IRBuilder<> &B, ir::Opcode Op,
                             llvm::ArrayRef<llvm::Value *> Operands);

} // namespace wasmaot::lowering::simd
