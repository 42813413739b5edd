//===- lowering/LowerSimdConvert.cpp - SIMD operations across shapes -------===//
//
// Instructions whose operands have another shape than their result, named
// like `i16x8.extend_low_i8x16_s`: the result shape, the operation, the
// operand shape, and the variant (low/high half, signed/unsigned, _zero for
// a result whose upper half is zero). Everything is built from shuffles
// that pick halves or even/odd lanes, extensions and truncations; the
// saturating cases (narrow, trunc_sat) clamp exactly as the spec says.
//
//===----------------------------------------------------------------------===//
#include "lowering/LowerSimd.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

/// What a conversion's name (`i32x4.trunc_sat_f64x2_s_zero`) says.
struct ConversionName {
  llvm::FixedVectorType *From; // the operand shape
  bool Signed;
  bool High; // works on the upper half of the operand lanes
};

ConversionName parseName(llvm::LLVMContext &C, Opcode Op) {
  ConversionName Parts{simd::operandShape(C, Op), false, false};
  llvm::SmallVector<llvm::StringRef, 6> Words;
  opcodeName(Op).split('.').second.split(Words, '_');
  for (llvm::StringRef Word : Words) {
    Parts.Signed |= Word == "s";
    Parts.High |= Word == "high";
  }
  return Parts;
}

/// Lanes [First, First + Count) of V, or of V followed by W.
llvm::Value *lanes(llvm::IRBuilder<> &B, llvm::Value *V, unsigned First, unsigned Count,
                   unsigned Stride = 1, llvm::Value *W = nullptr) {
  llvm::SmallVector<int, 16> Mask;
  for (unsigned K = 0; K < Count; ++K)
    Mask.push_back(First + K * Stride);
  return W ? B.CreateShuffleVector(V, W, Mask) : B.CreateShuffleVector(V, Mask);
}

/// The low or high half of V's lanes.
llvm::Value *half(llvm::IRBuilder<> &B, llvm::Value *V, bool High) {
  unsigned Count = llvm::cast<llvm::FixedVectorType>(V->getType())->getNumElements() / 2;
  return lanes(B, V, High ? Count : 0, Count);
}

/// V's lanes followed by as many zero lanes.
llvm::Value *withZeroHalf(llvm::IRBuilder<> &B, llvm::Value *V) {
  unsigned Count = llvm::cast<llvm::FixedVectorType>(V->getType())->getNumElements();
  return lanes(B, V, 0, 2 * Count, 1, llvm::Constant::getNullValue(V->getType()));
}

llvm::Value *extend(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Type *Ty, bool Signed) {
  return Signed ? B.CreateSExt(V, Ty) : B.CreateZExt(V, Ty);
}

/// The sum of each pair of adjacent lanes, extended to twice the width.
llvm::Value *pairwiseSum(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Type *Ty, bool Signed) {
  unsigned Count = llvm::cast<llvm::FixedVectorType>(V->getType())->getNumElements() / 2;
  return B.CreateAdd(extend(B, lanes(B, V, 0, Count, 2), Ty, Signed),
                     extend(B, lanes(B, V, 1, Count, 2), Ty, Signed));
}

} // namespace

llvm::Value *simd::lowerConversion(llvm::IRBuilder<> &B, Opcode Op,
                                   llvm::ArrayRef<llvm::Value *> Operands) {
  ConversionName Name = parseName(B.getContext(), Op);
  llvm::FixedVectorType *Ty = resultShape(B.getContext(), Op);
  llvm::SmallVector<llvm::Value *, 2> Lanes;
  for (llvm::Value *V : Operands)
    Lanes.push_back(asShape(B, V, Name.From));
  // What the _zero variants compute before zeros fill the upper half.
  auto *LowerHalfTy = llvm::FixedVectorType::get(Ty->getElementType(), Name.From->getNumElements());

  switch (Op) {
  case Opcode::I16x8ExtendLowI8x16S: case Opcode::I16x8ExtendHighI8x16S:
  case Opcode::I16x8ExtendLowI8x16U: case Opcode::I16x8ExtendHighI8x16U:
  case Opcode::I32x4ExtendLowI16x8S: case Opcode::I32x4ExtendHighI16x8S:
  case Opcode::I32x4ExtendLowI16x8U: case Opcode::I32x4ExtendHighI16x8U:
  case Opcode::I64x2ExtendLowI32x4S: case Opcode::I64x2ExtendHighI32x4S:
  case Opcode::I64x2ExtendLowI32x4U: case Opcode::I64x2ExtendHighI32x4U:
    return extend(B, half(B, Lanes[0], Name.High), Ty, Name.Signed);

  case Opcode::I16x8ExtmulLowI8x16S: case Opcode::I16x8ExtmulHighI8x16S:
  case Opcode::I16x8ExtmulLowI8x16U: case Opcode::I16x8ExtmulHighI8x16U:
  case Opcode::I32x4ExtmulLowI16x8S: case Opcode::I32x4ExtmulHighI16x8S:
  case Opcode::I32x4ExtmulLowI16x8U: case Opcode::I32x4ExtmulHighI16x8U:
  case Opcode::I64x2ExtmulLowI32x4S: case Opcode::I64x2ExtmulHighI32x4S:
  case Opcode::I64x2ExtmulLowI32x4U: case Opcode::I64x2ExtmulHighI32x4U:
    // The product of two extended lanes always fits the wide lane.
    return B.CreateMul(extend(B, half(B, Lanes[0], Name.High), Ty, Name.Signed),
                       extend(B, half(B, Lanes[1], Name.High), Ty, Name.Signed));

  case Opcode::I16x8ExtaddPairwiseI8x16S: case Opcode::I16x8ExtaddPairwiseI8x16U:
  case Opcode::I32x4ExtaddPairwiseI16x8S: case Opcode::I32x4ExtaddPairwiseI16x8U:
    return pairwiseSum(B, Lanes[0], Ty, Name.Signed);

  case Opcode::I32x4DotI16x8S: {
    // Sum the 32-bit products pairwise; only 2 * (-2^15)^2 overflows, and it
    // wraps as the spec says.
    auto *WideTy = llvm::FixedVectorType::get(B.getInt32Ty(), 8);
    llvm::Value *Products =
        B.CreateMul(B.CreateSExt(Lanes[0], WideTy), B.CreateSExt(Lanes[1], WideTy));
    return B.CreateAdd(lanes(B, Products, 0, 4, 2), lanes(B, Products, 1, 4, 2));
  }

  case Opcode::I8x16NarrowI16x8S: case Opcode::I8x16NarrowI16x8U:
  case Opcode::I16x8NarrowI32x4S: case Opcode::I16x8NarrowI32x4U: {
    // The operand lanes are signed either way; clamp them to the narrow
    // type's signed or unsigned range, then drop the upper bits.
    unsigned Count = Name.From->getNumElements();
    llvm::Value *Both = lanes(B, Lanes[0], 0, 2 * Count, 1, Lanes[1]);
    llvm::Type *WideTy = Both->getType();
    unsigned Bits = Ty->getScalarSizeInBits();
    int64_t Low = Name.Signed ? -(int64_t(1) << (Bits - 1)) : 0;
    int64_t High = Name.Signed ? (int64_t(1) << (Bits - 1)) - 1 : (int64_t(1) << Bits) - 1;
    llvm::Value *Clamped = B.CreateIntrinsic(llvm::Intrinsic::smax, {WideTy},
                                             {Both, llvm::ConstantInt::getSigned(WideTy, Low)});
    Clamped = B.CreateIntrinsic(llvm::Intrinsic::smin, {WideTy},
                                {Clamped, llvm::ConstantInt::getSigned(WideTy, High)});
    return B.CreateTrunc(Clamped, Ty);
  }

  case Opcode::I32x4TruncSatF32x4S: case Opcode::I32x4TruncSatF32x4U:
    // NaN becomes 0 and out-of-range values the nearest bound, as in wasm.
    return B.CreateIntrinsic(Name.Signed ? llvm::Intrinsic::fptosi_sat
                                         : llvm::Intrinsic::fptoui_sat,
                             {Ty, Name.From}, {Lanes[0]});
  case Opcode::I32x4TruncSatF64x2SZero: case Opcode::I32x4TruncSatF64x2UZero:
    return withZeroHalf(B, B.CreateIntrinsic(Name.Signed ? llvm::Intrinsic::fptosi_sat
                                                         : llvm::Intrinsic::fptoui_sat,
                                             {LowerHalfTy, Name.From}, {Lanes[0]}));
  case Opcode::F32x4ConvertI32x4S: case Opcode::F32x4ConvertI32x4U:
    return Name.Signed ? B.CreateSIToFP(Lanes[0], Ty) : B.CreateUIToFP(Lanes[0], Ty);
  case Opcode::F64x2ConvertLowI32x4S: case Opcode::F64x2ConvertLowI32x4U: {
    llvm::Value *Low = half(B, Lanes[0], /*High=*/false);
    return Name.Signed ? B.CreateSIToFP(Low, Ty) : B.CreateUIToFP(Low, Ty);
  }
  case Opcode::F32x4DemoteF64x2Zero:
    return withZeroHalf(B, B.CreateFPTrunc(Lanes[0], LowerHalfTy));
  case Opcode::F64x2PromoteLowF32x4:
    return B.CreateFPExt(half(B, Lanes[0], /*High=*/false), Ty);
  default:
    return nullptr;
  }
}
