//===- lowering/LowerConversion.cpp - Conversions between value types ------===//
#include "lowering/FunctionLowering.h"
#include "lowering/NanQuieting.h"

#include <cmath>

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

/// The open interval (Low, High) of floats that truncate to a value the
/// target integer type can hold; both bounds are exact in the float type.
std::pair<double, double> truncationRange(bool Signed, unsigned Bits) {
  if (Signed)
    return {-std::ldexp(1.0, Bits - 1) - 1.0, std::ldexp(1.0, Bits - 1)};
  return {-1.0, std::ldexp(1.0, Bits)};
}

} // namespace

llvm::Value *FunctionLowering::lowerTruncation(Opcode Op, llvm::Value *V) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  bool Signed = Info.Name.ends_with("_s");
  bool Saturating = Info.Prefix == 0xFC;
  llvm::Type *IntTy = vm().valueType(signatureTypes(Info.Sig).Results[0]);
  if (Saturating)
    return B.CreateIntrinsic(Signed ? llvm::Intrinsic::fptosi_sat : llvm::Intrinsic::fptoui_sat,
                             {IntTy, V->getType()}, {V});

  trapIf(B.CreateFCmpUNO(V, V), WASMAOT_TRAP_INVALID_CONVERSION);
  unsigned Bits = IntTy->getIntegerBitWidth();
  auto [Low, High] = truncationRange(Signed, Bits);
  // -2^(N-1) - 1 needs N significant bits; where the float type has fewer,
  // the lowest valid input is -2^(N-1) itself, so compare with >= instead.
  unsigned Precision = V->getType()->isFloatTy() ? 24 : 53;
  llvm::Value *AboveLow =
      !Signed || Bits <= Precision
          ? B.CreateFCmpOGT(V, llvm::ConstantFP::get(V->getType(), Low))
          : B.CreateFCmpOGE(V, llvm::ConstantFP::get(V->getType(), -std::ldexp(1.0, Bits - 1)));
  llvm::Value *BelowHigh = B.CreateFCmpOLT(V, llvm::ConstantFP::get(V->getType(), High));
  trapIf(B.CreateNot(B.CreateAnd(AboveLow, BelowHigh)), WASMAOT_TRAP_INTEGER_OVERFLOW);
  if (Signed)
    return B.CreateFPToSI(V, IntTy);
  // Checked to be in (-1, 2^32), an unsigned 32-bit result is also the low
  // half of the signed 64-bit one. That is the instruction x86-64 uses
  // either way, and unlike fptoui to i32, -O0's fast instruction selector
  // takes it (fptoui sends the rest of the block to the slow selector).
  if (Bits == 32)
    return B.CreateTrunc(B.CreateFPToSI(V, B.getInt64Ty()), IntTy);
  return B.CreateFPToUI(V, IntTy);
}

llvm::Error FunctionLowering::lowerConversion(const Instruction &I) {
  llvm::Value *V = pop();
  llvm::Type *I32 = B.getInt32Ty(), *I64 = B.getInt64Ty();
  llvm::Type *F32 = B.getFloatTy(), *F64 = B.getDoubleTy();
  auto SignExtendFrom = [&](unsigned Bits) {
    return B.CreateSExt(B.CreateTrunc(V, B.getIntNTy(Bits)), V->getType());
  };

  switch (I.Op) {
  case Opcode::I32WrapI64: push(B.CreateTrunc(V, I32)); break;
  case Opcode::I64ExtendI32S: push(B.CreateSExt(V, I64)); break;
  case Opcode::I64ExtendI32U: push(B.CreateZExt(V, I64)); break;
  case Opcode::F32ConvertI32S: case Opcode::F32ConvertI64S: push(B.CreateSIToFP(V, F32)); break;
  case Opcode::F32ConvertI64U: push(B.CreateUIToFP(V, F32)); break;
  case Opcode::F64ConvertI32S: case Opcode::F64ConvertI64S: push(B.CreateSIToFP(V, F64)); break;
  case Opcode::F64ConvertI64U: push(B.CreateUIToFP(V, F64)); break;
  // Every u32 is a non-negative i64, converted with one rounding just the
  // same: what x86-64 does anyway, and -O0's fast instruction selector takes
  // it where it gives up on uitofp from i32.
  case Opcode::F32ConvertI32U: push(B.CreateSIToFP(B.CreateZExt(V, I64), F32)); break;
  case Opcode::F64ConvertI32U: push(B.CreateSIToFP(B.CreateZExt(V, I64), F64)); break;
  // LLVM folds demote(promote(x)) to x, which would keep a signaling NaN.
  case Opcode::F32DemoteF64: push(markArithmeticResult(B, B.CreateFPTrunc(V, F32))); break;
  case Opcode::F64PromoteF32: push(B.CreateFPExt(V, F64)); break;
  case Opcode::I32ReinterpretF32: push(B.CreateBitCast(V, I32)); break;
  case Opcode::I64ReinterpretF64: push(B.CreateBitCast(V, I64)); break;
  case Opcode::F32ReinterpretI32: push(B.CreateBitCast(V, F32)); break;
  case Opcode::F64ReinterpretI64: push(B.CreateBitCast(V, F64)); break;
  case Opcode::I32Extend8S: case Opcode::I64Extend8S: push(SignExtendFrom(8)); break;
  case Opcode::I32Extend16S: case Opcode::I64Extend16S: push(SignExtendFrom(16)); break;
  case Opcode::I64Extend32S: push(SignExtendFrom(32)); break;
  default:
    push(lowerTruncation(I.Op, V));
    break;
  }
  return llvm::Error::success();
}
