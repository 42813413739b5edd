//===- lowering/LowerSimdRelaxed.cpp - Relaxed SIMD -------------------------===//
//
// Each relaxed SIMD instruction may give any of a few results, so that every
// machine can use its fastest instruction. wasmaot always computes the same
// one of them, the deterministic result every target gets alike, so that a
// module behaves the same wherever its artifact runs:
//   swizzle, trunc, laneselect, min/max, q15mulr
//                   the non-relaxed instruction (out-of-range indices give 0,
//                   truncation saturates, lanes select bitwise, NaNs and
//                   zeros follow min/max, the product saturates)
//   madd, nmadd     a multiplication and an addition, each rounded (no fused
//                   multiply-add: baseline x86-64 has none, and a libm call
//                   per lane would cost more than the relaxation gains)
//   dot products    the second operand's bytes taken as signed, like the
//                   first's; sums of pairs wrap in 16 bits, as the i7 range
//                   the instruction is meant for never overflows
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"
#include "lowering/LowerSimd.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

/// The instruction whose result a relaxed one gives, if one does.
std::optional<Opcode> deterministicEquivalent(Opcode Op) {
  switch (Op) {
  case Opcode::I8x16RelaxedSwizzle:
    return Opcode::I8x16Swizzle;
  case Opcode::I32x4RelaxedTruncF32x4S:
    return Opcode::I32x4TruncSatF32x4S;
  case Opcode::I32x4RelaxedTruncF32x4U:
    return Opcode::I32x4TruncSatF32x4U;
  case Opcode::I32x4RelaxedTruncF64x2SZero:
    return Opcode::I32x4TruncSatF64x2SZero;
  case Opcode::I32x4RelaxedTruncF64x2UZero:
    return Opcode::I32x4TruncSatF64x2UZero;
  case Opcode::I8x16RelaxedLaneselect:
  case Opcode::I16x8RelaxedLaneselect:
  case Opcode::I32x4RelaxedLaneselect:
  case Opcode::I64x2RelaxedLaneselect:
    return Opcode::V128Bitselect;
  case Opcode::F32x4RelaxedMin:
    return Opcode::F32x4Min;
  case Opcode::F32x4RelaxedMax:
    return Opcode::F32x4Max;
  case Opcode::F64x2RelaxedMin:
    return Opcode::F64x2Min;
  case Opcode::F64x2RelaxedMax:
    return Opcode::F64x2Max;
  case Opcode::I16x8RelaxedQ15mulrS:
    return Opcode::I16x8Q15mulrSatS;
  default:
    return std::nullopt;
  }
}

/// Sums of adjacent lanes: (V[0] + V[1], V[2] + V[3], ...), wrapping.
llvm::Value *pairwiseSum(llvm::IRBuilder<> &B, llvm::Value *V) {
  unsigned N = llvm::cast<llvm::FixedVectorType>(V->getType())->getNumElements();
  llvm::SmallVector<int, 16> Even, Odd;
  for (unsigned K = 0; K < N; K += 2) {
    Even.push_back(int(K));
    Odd.push_back(int(K + 1));
  }
  return B.CreateAdd(B.CreateShuffleVector(V, Even), B.CreateShuffleVector(V, Odd));
}

} // namespace

llvm::Error FunctionLowering::lowerRelaxedSimd(const Instruction &I) {
  // Lowers I as the instruction Op, on the operand stack as it is.
  auto Lower = [&](Opcode Op) {
    Instruction Step = I;
    Step.Op = Op;
    return lowerSimd(Step);
  };
  if (std::optional<Opcode> Op = deterministicEquivalent(I.Op))
    return Lower(*Op);
  switch (I.Op) {
  case Opcode::F32x4RelaxedMadd:
  case Opcode::F32x4RelaxedNmadd:
  case Opcode::F64x2RelaxedMadd:
  case Opcode::F64x2RelaxedNmadd: {
    // a * b + c, or -(a * b) + c, through the float lowering (NaN rules
    // included) on the operand stack.
    bool F32 = I.Op == Opcode::F32x4RelaxedMadd || I.Op == Opcode::F32x4RelaxedNmadd;
    bool Negate = I.Op == Opcode::F32x4RelaxedNmadd || I.Op == Opcode::F64x2RelaxedNmadd;
    llvm::Value *Addend = pop();
    if (llvm::Error E = Lower(F32 ? Opcode::F32x4Mul : Opcode::F64x2Mul))
      return E;
    if (Negate)
      if (llvm::Error E = Lower(F32 ? Opcode::F32x4Neg : Opcode::F64x2Neg))
        return E;
    push(Addend);
    return Lower(F32 ? Opcode::F32x4Add : Opcode::F64x2Add);
  }
  case Opcode::I16x8RelaxedDotI8x16I7x16S:
  case Opcode::I32x4RelaxedDotI8x16I7x16AddS: {
    bool Add = I.Op == Opcode::I32x4RelaxedDotI8x16I7x16AddS;
    llvm::Value *Addend = Add ? pop() : nullptr;
    auto *Bytes = llvm::FixedVectorType::get(B.getInt8Ty(), 16);
    auto *Halves = llvm::FixedVectorType::get(B.getInt16Ty(), 16);
    llvm::Value *R = B.CreateSExt(simd::asShape(B, pop(), Bytes), Halves);
    llvm::Value *L = B.CreateSExt(simd::asShape(B, pop(), Bytes), Halves);
    // |a * b| <= 2^14: each product fits in 16 bits, their pair sums wrap.
    llvm::Value *Dot = pairwiseSum(B, B.CreateMul(L, R));
    if (Add) {
      auto *Words = llvm::FixedVectorType::get(B.getInt32Ty(), 8);
      Dot = pairwiseSum(B, B.CreateSExt(Dot, Words));
      auto *Result = llvm::FixedVectorType::get(B.getInt32Ty(), 4);
      Dot = B.CreateAdd(Dot, simd::asShape(B, Addend, Result));
    }
    push(simd::asV128(B, Dot));
    return llvm::Error::success();
  }
  default:
    llvm_unreachable("not a relaxed SIMD instruction");
  }
}
