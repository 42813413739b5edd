//===- lowering/LowerSimdArith.cpp - Lane-wise SIMD operations -------------===//
//
// Operations within one shape: bitwise and integer operations, swizzle,
// comparisons (all-ones lanes for true), pseudo-min/max, and reductions to an
// i32. Most are one LLVM instruction or intrinsic, looked up in the tables
// below; the rest spell out the spec's semantics where LLVM's differ: swizzle
// indices out of range, shift counts modulo the lane width, rounding averages
// and Q15 multiplication. Float arithmetic is the scalar lowering applied to
// vectors (LowerSimd.cpp).
//
//===----------------------------------------------------------------------===//
#include "lowering/LowerSimd.h"

#include <optional>

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

/// Operations that are one intrinsic overloaded on the vector type.
std::optional<llvm::Intrinsic::ID> laneIntrinsic(Opcode Op) {
  switch (Op) {
  case Opcode::I8x16Popcnt: return llvm::Intrinsic::ctpop;
  case Opcode::I8x16AddSatS: case Opcode::I16x8AddSatS: return llvm::Intrinsic::sadd_sat;
  case Opcode::I8x16AddSatU: case Opcode::I16x8AddSatU: return llvm::Intrinsic::uadd_sat;
  case Opcode::I8x16SubSatS: case Opcode::I16x8SubSatS: return llvm::Intrinsic::ssub_sat;
  case Opcode::I8x16SubSatU: case Opcode::I16x8SubSatU: return llvm::Intrinsic::usub_sat;
  case Opcode::I8x16MinS: case Opcode::I16x8MinS: case Opcode::I32x4MinS:
    return llvm::Intrinsic::smin;
  case Opcode::I8x16MinU: case Opcode::I16x8MinU: case Opcode::I32x4MinU:
    return llvm::Intrinsic::umin;
  case Opcode::I8x16MaxS: case Opcode::I16x8MaxS: case Opcode::I32x4MaxS:
    return llvm::Intrinsic::smax;
  case Opcode::I8x16MaxU: case Opcode::I16x8MaxU: case Opcode::I32x4MaxU:
    return llvm::Intrinsic::umax;
  default: return std::nullopt;
  }
}

/// Operations that are one binary instruction on the lanes, wrapping around.
std::optional<llvm::Instruction::BinaryOps> laneBinaryOp(Opcode Op) {
  using BO = llvm::Instruction::BinaryOps;
  switch (Op) {
  case Opcode::I8x16Add: case Opcode::I16x8Add: case Opcode::I32x4Add: case Opcode::I64x2Add:
    return BO::Add;
  case Opcode::I8x16Sub: case Opcode::I16x8Sub: case Opcode::I32x4Sub: case Opcode::I64x2Sub:
    return BO::Sub;
  case Opcode::I16x8Mul: case Opcode::I32x4Mul: case Opcode::I64x2Mul: return BO::Mul;
  default: return std::nullopt;
  }
}

/// Comparisons. Ordered float predicates are false on NaN; `ne` is true.
std::optional<llvm::CmpInst::Predicate> lanePredicate(Opcode Op) {
  using P = llvm::CmpInst::Predicate;
  switch (Op) {
  case Opcode::I8x16Eq: case Opcode::I16x8Eq: case Opcode::I32x4Eq: case Opcode::I64x2Eq:
    return P::ICMP_EQ;
  case Opcode::I8x16Ne: case Opcode::I16x8Ne: case Opcode::I32x4Ne: case Opcode::I64x2Ne:
    return P::ICMP_NE;
  case Opcode::I8x16LtS: case Opcode::I16x8LtS: case Opcode::I32x4LtS: case Opcode::I64x2LtS:
    return P::ICMP_SLT;
  case Opcode::I8x16GtS: case Opcode::I16x8GtS: case Opcode::I32x4GtS: case Opcode::I64x2GtS:
    return P::ICMP_SGT;
  case Opcode::I8x16LeS: case Opcode::I16x8LeS: case Opcode::I32x4LeS: case Opcode::I64x2LeS:
    return P::ICMP_SLE;
  case Opcode::I8x16GeS: case Opcode::I16x8GeS: case Opcode::I32x4GeS: case Opcode::I64x2GeS:
    return P::ICMP_SGE;
  case Opcode::I8x16LtU: case Opcode::I16x8LtU: case Opcode::I32x4LtU: return P::ICMP_ULT;
  case Opcode::I8x16GtU: case Opcode::I16x8GtU: case Opcode::I32x4GtU: return P::ICMP_UGT;
  case Opcode::I8x16LeU: case Opcode::I16x8LeU: case Opcode::I32x4LeU: return P::ICMP_ULE;
  case Opcode::I8x16GeU: case Opcode::I16x8GeU: case Opcode::I32x4GeU: return P::ICMP_UGE;
  case Opcode::F32x4Eq: case Opcode::F64x2Eq: return P::FCMP_OEQ;
  case Opcode::F32x4Ne: case Opcode::F64x2Ne: return P::FCMP_UNE;
  case Opcode::F32x4Lt: case Opcode::F64x2Lt: return P::FCMP_OLT;
  case Opcode::F32x4Gt: case Opcode::F64x2Gt: return P::FCMP_OGT;
  case Opcode::F32x4Le: case Opcode::F64x2Le: return P::FCMP_OLE;
  case Opcode::F32x4Ge: case Opcode::F64x2Ge: return P::FCMP_OGE;
  default: return std::nullopt;
  }
}

/// Lanes twice as wide as Ty's.
llvm::VectorType *widened(llvm::Type *Ty) {
  return llvm::VectorType::getExtendedElementVectorType(llvm::cast<llvm::VectorType>(Ty));
}

} // namespace

llvm::Value *simd::lowerArithmetic(llvm::IRBuilder<> &B, Opcode Op,
                                   llvm::ArrayRef<llvm::Value *> Operands) {
  llvm::FixedVectorType *Ty = resultShape(B.getContext(), Op);
  auto *IntTy = llvm::VectorType::getInteger(Ty);
  llvm::SmallVector<llvm::Value *, 3> Lanes;
  for (llvm::Value *V : Operands)
    Lanes.push_back(V->getType()->isVectorTy() ? asShape(B, V, Ty) : V);

  if (auto Id = laneIntrinsic(Op))
    return B.CreateIntrinsic(*Id, {Ty}, Lanes);
  if (auto BinOp = laneBinaryOp(Op))
    return B.CreateBinOp(*BinOp, Lanes[0], Lanes[1]);
  if (auto Pred = lanePredicate(Op))
    return B.CreateSExt(B.CreateCmp(*Pred, Lanes[0], Lanes[1]), IntTy);

  llvm::Value *Zero = llvm::Constant::getNullValue(Ty);
  switch (Op) {
  case Opcode::V128Not: return B.CreateNot(Lanes[0]);
  case Opcode::V128And: return B.CreateAnd(Lanes[0], Lanes[1]);
  case Opcode::V128Andnot: return B.CreateAnd(Lanes[0], B.CreateNot(Lanes[1]));
  case Opcode::V128Or: return B.CreateOr(Lanes[0], Lanes[1]);
  case Opcode::V128Xor: return B.CreateXor(Lanes[0], Lanes[1]);
  case Opcode::V128Bitselect:
    return B.CreateOr(B.CreateAnd(Lanes[0], Lanes[2]),
                      B.CreateAnd(Lanes[1], B.CreateNot(Lanes[2])));
  case Opcode::I8x16Swizzle: {
    // Lane by lane with the index masked into range (an out-of-range
    // extractelement would be poison), then zero where the index is >= 16.
    // x86 selects this pattern as one pshufb plus the masking.
    llvm::Value *InRange = B.CreateAnd(Lanes[1], 15);
    llvm::Value *Result = llvm::PoisonValue::get(Ty);
    for (unsigned K = 0; K < 16; ++K) {
      llvm::Value *Lane = B.CreateExtractElement(Lanes[0], B.CreateExtractElement(InRange, K));
      Result = B.CreateInsertElement(Result, Lane, K);
    }
    llvm::Value *Valid = B.CreateICmpULT(Lanes[1], llvm::ConstantInt::get(Ty, 16));
    return B.CreateSelect(Valid, Result, Zero);
  }
  case Opcode::V128AnyTrue:
    return B.CreateZExt(B.CreateICmpNE(B.CreateBitCast(Lanes[0], B.getInt128Ty()),
                                       B.getIntN(128, 0)),
                        B.getInt32Ty());

  case Opcode::I8x16AllTrue: case Opcode::I16x8AllTrue: case Opcode::I32x4AllTrue:
  case Opcode::I64x2AllTrue: {
    // One bit per lane, all set when no lane is zero.
    unsigned Count = Ty->getNumElements();
    llvm::Value *Bits = B.CreateBitCast(B.CreateICmpNE(Lanes[0], Zero), B.getIntNTy(Count));
    return B.CreateZExt(B.CreateICmpEQ(Bits, B.getInt(llvm::APInt::getAllOnes(Count))),
                        B.getInt32Ty());
  }
  case Opcode::I8x16Bitmask: case Opcode::I16x8Bitmask: case Opcode::I32x4Bitmask:
  case Opcode::I64x2Bitmask:
    // Lane K's sign bit becomes bit K.
    return B.CreateZExt(B.CreateBitCast(B.CreateICmpSLT(Lanes[0], Zero),
                                        B.getIntNTy(Ty->getNumElements())),
                        B.getInt32Ty());

  case Opcode::I8x16Abs: case Opcode::I16x8Abs: case Opcode::I32x4Abs: case Opcode::I64x2Abs:
    // Not poison on the minimum: it stays the minimum, as in the spec.
    return B.CreateIntrinsic(llvm::Intrinsic::abs, {Ty}, {Lanes[0], B.getFalse()});
  case Opcode::I8x16Neg: case Opcode::I16x8Neg: case Opcode::I32x4Neg: case Opcode::I64x2Neg:
    return B.CreateNeg(Lanes[0]);

  case Opcode::I8x16Shl: case Opcode::I16x8Shl: case Opcode::I32x4Shl: case Opcode::I64x2Shl:
  case Opcode::I8x16ShrS: case Opcode::I16x8ShrS: case Opcode::I32x4ShrS:
  case Opcode::I64x2ShrS:
  case Opcode::I8x16ShrU: case Opcode::I16x8ShrU: case Opcode::I32x4ShrU:
  case Opcode::I64x2ShrU: {
    // The count is taken modulo the lane width; LLVM would make larger
    // counts poison.
    llvm::Type *LaneTy = Ty->getElementType();
    unsigned Bits = LaneTy->getIntegerBitWidth();
    llvm::Value *Count = B.CreateZExtOrTrunc(B.CreateAnd(Lanes[1], Bits - 1), LaneTy);
    Count = B.CreateVectorSplat(Ty->getNumElements(), Count);
    llvm::StringRef Name = opcodeName(Op);
    if (Name.ends_with(".shl"))
      return B.CreateShl(Lanes[0], Count);
    return Name.ends_with("_s") ? B.CreateAShr(Lanes[0], Count) : B.CreateLShr(Lanes[0], Count);
  }

  case Opcode::I8x16AvgrU: case Opcode::I16x8AvgrU: {
    // (a + b + 1) / 2 without overflow, in lanes twice as wide; x86 selects
    // this as pavgb/pavgw.
    llvm::VectorType *WideTy = widened(Ty);
    llvm::Value *Sum = B.CreateAdd(B.CreateZExt(Lanes[0], WideTy), B.CreateZExt(Lanes[1], WideTy));
    Sum = B.CreateAdd(Sum, llvm::ConstantInt::get(WideTy, 1));
    return B.CreateTrunc(B.CreateLShr(Sum, 1), Ty);
  }
  case Opcode::I16x8Q15mulrSatS: {
    // (a * b + 2^14) >> 15 in 32 bits. Only -2^15 * -2^15 exceeds the i16
    // range, and only upwards.
    llvm::VectorType *WideTy = widened(Ty);
    llvm::Value *Product =
        B.CreateMul(B.CreateSExt(Lanes[0], WideTy), B.CreateSExt(Lanes[1], WideTy));
    Product = B.CreateAShr(B.CreateAdd(Product, llvm::ConstantInt::get(WideTy, 0x4000)), 15);
    Product = B.CreateIntrinsic(llvm::Intrinsic::smin, {WideTy},
                                {Product, llvm::ConstantInt::get(WideTy, 0x7FFF)});
    return B.CreateTrunc(Product, Ty);
  }

  // The pseudo-minimum and -maximum are defined as exactly these selects:
  // the first operand unless the comparison holds, so NaN and zeros included.
  case Opcode::F32x4Pmin: case Opcode::F64x2Pmin:
    return B.CreateSelect(B.CreateFCmpOLT(Lanes[1], Lanes[0]), Lanes[1], Lanes[0]);
  case Opcode::F32x4Pmax: case Opcode::F64x2Pmax:
    return B.CreateSelect(B.CreateFCmpOLT(Lanes[0], Lanes[1]), Lanes[1], Lanes[0]);
  default:
    return nullptr;
  }
}
