//===- lowering/LowerNumeric.cpp - Constants and scalar arithmetic ---------===//
//
// The spec's exact semantics: division traps on zero and on signed
// overflow, shift counts are taken modulo the width, min/max propagate NaN
// and order -0 below +0, nearest rounds to even.
//
//===----------------------------------------------------------------------===//
#include "lowering/FunctionLowering.h"
#include "lowering/NanQuieting.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

bool isFloatBinary(Opcode Op) {
  switch (Op) {
  case Opcode::F32Add: case Opcode::F32Sub: case Opcode::F32Mul: case Opcode::F32Div:
  case Opcode::F32Min: case Opcode::F32Max: case Opcode::F32Copysign:
  case Opcode::F64Add: case Opcode::F64Sub: case Opcode::F64Mul: case Opcode::F64Div:
  case Opcode::F64Min: case Opcode::F64Max: case Opcode::F64Copysign:
    return true;
  default:
    return false;
  }
}

} // namespace

llvm::Error FunctionLowering::lowerNumeric(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  switch (I.Op) {
  case Opcode::I32Const:
    push(B.getInt32(static_cast<uint32_t>(I.I32)));
    return llvm::Error::success();
  case Opcode::I64Const:
    push(B.getInt64(static_cast<uint64_t>(I.I64)));
    return llvm::Error::success();
  case Opcode::F32Const:
    // Through the bit pattern, so that NaN payloads survive.
    push(B.CreateBitCast(B.getInt32(I.F32Bits), B.getFloatTy()));
    return llvm::Error::success();
  case Opcode::F64Const:
    push(B.CreateBitCast(B.getInt64(I.F64Bits), B.getDoubleTy()));
    return llvm::Error::success();
  case Opcode::I32Eqz:
  case Opcode::I64Eqz: {
    llvm::Value *V = pop();
    push(B.CreateZExt(B.CreateICmpEQ(V, llvm::Constant::getNullValue(V->getType())),
                      B.getInt32Ty()));
    return llvm::Error::success();
  }
  default:
    break;
  }

  SignatureTypes Sig = signatureTypes(Info.Sig);
  if (Sig.Params.size() == 1) {
    push(lowerUnary(I.Op, pop()));
    return llvm::Error::success();
  }
  llvm::Value *R = pop();
  llvm::Value *L = pop();
  // Comparisons produce i32 from two operands of another type (or i32).
  if (Sig.Results[0] == ValType::I32 && Sig.Params[0] != ValType::I32) {
    push(lowerCompare(I.Op, L, R));
    return llvm::Error::success();
  }
  if (isFloatBinary(I.Op)) {
    push(lowerFloatBinary(I.Op, L, R));
    return llvm::Error::success();
  }
  if (llvm::Value *Cmp = lowerCompare(I.Op, L, R)) {
    push(Cmp);
    return llvm::Error::success();
  }
  push(lowerIntBinary(I.Op, L, R));
  return llvm::Error::success();
}

llvm::Value *FunctionLowering::lowerCompare(Opcode Op, llvm::Value *L, llvm::Value *R) {
  using P = llvm::CmpInst::Predicate;
  P Pred;
  switch (Op) {
  case Opcode::I32Eq: case Opcode::I64Eq: Pred = P::ICMP_EQ; break;
  case Opcode::I32Ne: case Opcode::I64Ne: Pred = P::ICMP_NE; break;
  case Opcode::I32LtS: case Opcode::I64LtS: Pred = P::ICMP_SLT; break;
  case Opcode::I32LtU: case Opcode::I64LtU: Pred = P::ICMP_ULT; break;
  case Opcode::I32GtS: case Opcode::I64GtS: Pred = P::ICMP_SGT; break;
  case Opcode::I32GtU: case Opcode::I64GtU: Pred = P::ICMP_UGT; break;
  case Opcode::I32LeS: case Opcode::I64LeS: Pred = P::ICMP_SLE; break;
  case Opcode::I32LeU: case Opcode::I64LeU: Pred = P::ICMP_ULE; break;
  case Opcode::I32GeS: case Opcode::I64GeS: Pred = P::ICMP_SGE; break;
  case Opcode::I32GeU: case Opcode::I64GeU: Pred = P::ICMP_UGE; break;
  // Ordered comparisons are false on NaN; `ne` is true on NaN.
  case Opcode::F32Eq: case Opcode::F64Eq: Pred = P::FCMP_OEQ; break;
  case Opcode::F32Ne: case Opcode::F64Ne: Pred = P::FCMP_UNE; break;
  case Opcode::F32Lt: case Opcode::F64Lt: Pred = P::FCMP_OLT; break;
  case Opcode::F32Gt: case Opcode::F64Gt: Pred = P::FCMP_OGT; break;
  case Opcode::F32Le: case Opcode::F64Le: Pred = P::FCMP_OLE; break;
  case Opcode::F32Ge: case Opcode::F64Ge: Pred = P::FCMP_OGE; break;
  default:
    return nullptr;
  }
  return B.CreateZExt(B.CreateCmp(Pred, L, R), B.getInt32Ty());
}

llvm::Value *FunctionLowering::lowerIntBinary(Opcode Op, llvm::Value *L, llvm::Value *R) {
  llvm::Type *Ty = L->getType();
  unsigned Bits = Ty->getIntegerBitWidth();
  auto C = [&](uint64_t V) { return llvm::ConstantInt::get(Ty, V); };
  auto Masked = [&](llvm::Value *Count) { return B.CreateAnd(Count, C(Bits - 1)); };
  auto CheckZero = [&] {
    trapIf(B.CreateICmpEQ(R, C(0)), WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  };
  llvm::Value *MinSigned = llvm::ConstantInt::get(Ty, llvm::APInt::getSignedMinValue(Bits));
  llvm::Value *MinusOne = llvm::ConstantInt::getSigned(Ty, -1);

  switch (Op) {
  case Opcode::I32Add: case Opcode::I64Add: return B.CreateAdd(L, R);
  case Opcode::I32Sub: case Opcode::I64Sub: return B.CreateSub(L, R);
  case Opcode::I32Mul: case Opcode::I64Mul: return B.CreateMul(L, R);
  case Opcode::I32And: case Opcode::I64And: return B.CreateAnd(L, R);
  case Opcode::I32Or: case Opcode::I64Or: return B.CreateOr(L, R);
  case Opcode::I32Xor: case Opcode::I64Xor: return B.CreateXor(L, R);
  case Opcode::I32Shl: case Opcode::I64Shl: return B.CreateShl(L, Masked(R));
  case Opcode::I32ShrS: case Opcode::I64ShrS: return B.CreateAShr(L, Masked(R));
  case Opcode::I32ShrU: case Opcode::I64ShrU: return B.CreateLShr(L, Masked(R));
  case Opcode::I32Rotl: case Opcode::I64Rotl:
    return B.CreateIntrinsic(llvm::Intrinsic::fshl, {Ty}, {L, L, R});
  case Opcode::I32Rotr: case Opcode::I64Rotr:
    return B.CreateIntrinsic(llvm::Intrinsic::fshr, {Ty}, {L, L, R});
  case Opcode::I32DivU: case Opcode::I64DivU:
    CheckZero();
    return B.CreateUDiv(L, R);
  case Opcode::I32RemU: case Opcode::I64RemU:
    CheckZero();
    return B.CreateURem(L, R);
  case Opcode::I32DivS: case Opcode::I64DivS:
    CheckZero();
    trapIf(B.CreateAnd(B.CreateICmpEQ(L, MinSigned), B.CreateICmpEQ(R, MinusOne)),
           WASMAOT_TRAP_INTEGER_OVERFLOW);
    return B.CreateSDiv(L, R);
  case Opcode::I32RemS: case Opcode::I64RemS: {
    CheckZero();
    // MIN % -1 is 0 in wasm but overflows the hardware's division: divide
    // by 1 instead, which gives the same remainder for every dividend.
    llvm::Value *Safe = B.CreateSelect(B.CreateICmpEQ(R, MinusOne), C(1), R);
    return B.CreateSRem(L, Safe);
  }
  default:
    llvm_unreachable("not an integer binary operator");
  }
}

// LLVM 16's x86 backend cannot select llvm.minimum/llvm.maximum, so the
// semantics are spelled out: a NaN operand gives a quiet NaN (the sum of the
// operands), equal operands (+0 and -0 compare equal) combine their bits so
// that min prefers -0 and max +0, and otherwise the ordered comparison picks.
llvm::Value *FunctionLowering::floatMinMax(bool IsMax, llvm::Value *L, llvm::Value *R) {
  llvm::Type *Ty = L->getType();
  llvm::Type *IntTy = Ty->getWithNewType(B.getIntNTy(Ty->getScalarSizeInBits()));
  llvm::Value *LBits = B.CreateBitCast(L, IntTy);
  llvm::Value *RBits = B.CreateBitCast(R, IntTy);
  llvm::Value *IfEqual =
      B.CreateBitCast(IsMax ? B.CreateAnd(LBits, RBits) : B.CreateOr(LBits, RBits), Ty);
  llvm::Value *Ordered =
      B.CreateSelect(IsMax ? B.CreateFCmpOGT(L, R) : B.CreateFCmpOLT(L, R), L, R);
  llvm::Value *IfNumbers = B.CreateSelect(B.CreateFCmpOEQ(L, R), IfEqual, Ordered);
  llvm::Value *HasNan = B.CreateFCmpUNO(L, R);
  llvm::Value *Nan = markArithmeticResult(B, B.CreateFAdd(L, R));
  return B.CreateSelect(HasNan, Nan, IfNumbers);
}

llvm::Value *FunctionLowering::lowerFloatBinary(Opcode Op, llvm::Value *L, llvm::Value *R) {
  llvm::Type *Ty = L->getType();
  switch (Op) {
  case Opcode::F32Add: case Opcode::F64Add: return markArithmeticResult(B, B.CreateFAdd(L, R));
  case Opcode::F32Sub: case Opcode::F64Sub: return markArithmeticResult(B, B.CreateFSub(L, R));
  case Opcode::F32Mul: case Opcode::F64Mul: return markArithmeticResult(B, B.CreateFMul(L, R));
  case Opcode::F32Div: case Opcode::F64Div: return markArithmeticResult(B, B.CreateFDiv(L, R));
  case Opcode::F32Min: case Opcode::F64Min:
    return floatMinMax(/*IsMax=*/false, L, R);
  case Opcode::F32Max: case Opcode::F64Max:
    return floatMinMax(/*IsMax=*/true, L, R);
  case Opcode::F32Copysign: case Opcode::F64Copysign:
    return B.CreateIntrinsic(llvm::Intrinsic::copysign, {Ty}, {L, R});
  default:
    llvm_unreachable("not a float binary operator");
  }
}

llvm::Value *FunctionLowering::lowerUnary(Opcode Op, llvm::Value *V) {
  llvm::Type *Ty = V->getType();
  auto Intrinsic = [&](llvm::Intrinsic::ID Id) { return B.CreateIntrinsic(Id, {Ty}, {V}); };
  switch (Op) {
  case Opcode::I32Clz: case Opcode::I64Clz:
    return B.CreateIntrinsic(llvm::Intrinsic::ctlz, {Ty}, {V, B.getFalse()});
  case Opcode::I32Ctz: case Opcode::I64Ctz:
    return B.CreateIntrinsic(llvm::Intrinsic::cttz, {Ty}, {V, B.getFalse()});
  case Opcode::I32Popcnt: case Opcode::I64Popcnt: return Intrinsic(llvm::Intrinsic::ctpop);
  case Opcode::F32Abs: case Opcode::F64Abs: return Intrinsic(llvm::Intrinsic::fabs);
  case Opcode::F32Neg: case Opcode::F64Neg: return B.CreateFNeg(V);
  case Opcode::F32Ceil: case Opcode::F64Ceil: return Intrinsic(llvm::Intrinsic::ceil);
  case Opcode::F32Floor: case Opcode::F64Floor: return Intrinsic(llvm::Intrinsic::floor);
  case Opcode::F32Trunc: case Opcode::F64Trunc: return Intrinsic(llvm::Intrinsic::trunc);
  case Opcode::F32Nearest: case Opcode::F64Nearest:
    return Intrinsic(llvm::Intrinsic::roundeven);
  case Opcode::F32Sqrt: case Opcode::F64Sqrt: return Intrinsic(llvm::Intrinsic::sqrt);
  default:
    llvm_unreachable("not a unary operator");
  }
}
