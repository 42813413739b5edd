//===- lowering/LowerSimd.cpp - Fixed-width SIMD (0xFD prefix) -------------===//
//
// The dispatch of SIMD instructions, and those that need more than their
// operands: constants and shuffles (immediates), lane access (a lane index),
// and memory accesses (bounds checks).
//
//===----------------------------------------------------------------------===//
#include "lowering/LowerSimd.h"
#include "lowering/FunctionLowering.h"
#include "support/Error.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

llvm::FixedVectorType *simd::shapeType(llvm::LLVMContext &C, llvm::StringRef Shape) {
  bool IsFloat = Shape.consume_front("f");
  if (!IsFloat && !Shape.consume_front("i"))
    return nullptr;
  unsigned Bits = 0, Lanes = 0;
  if (Shape.consumeInteger(10, Bits) || !Shape.consume_front("x") ||
      Shape.consumeInteger(10, Lanes) || !Shape.empty() || Bits * Lanes != 128)
    return nullptr;
  llvm::Type *Lane = !IsFloat    ? llvm::Type::getIntNTy(C, Bits)
                     : Bits == 32 ? llvm::Type::getFloatTy(C)
                                  : llvm::Type::getDoubleTy(C);
  return llvm::FixedVectorType::get(Lane, Lanes);
}

llvm::FixedVectorType *simd::resultShape(llvm::LLVMContext &C, Opcode Op) {
  llvm::StringRef Prefix = opcodeName(Op).split('.').first;
  if (llvm::FixedVectorType *Ty = shapeType(C, Prefix))
    return Ty;
  return llvm::FixedVectorType::get(llvm::Type::getInt64Ty(C), 2);
}

llvm::FixedVectorType *simd::operandShape(llvm::LLVMContext &C, Opcode Op) {
  llvm::SmallVector<llvm::StringRef, 6> Words;
  opcodeName(Op).split('.').second.split(Words, '_');
  for (llvm::StringRef Word : Words)
    if (llvm::FixedVectorType *Ty = shapeType(C, Word))
      return Ty;
  return nullptr;
}

llvm::Value *simd::asShape(llvm::IRBuilder<> &B, llvm::Value *V, llvm::Type *Ty) {
  return B.CreateBitCast(V, Ty);
}

llvm::Value *simd::asV128(llvm::IRBuilder<> &B, llvm::Value *V) {
  return B.CreateBitCast(V, llvm::FixedVectorType::get(B.getInt64Ty(), 2));
}

namespace {

/// The lane width in bits that a SIMD memory instruction other than
/// v128.load and v128.store names after `load` or `store`
/// (v128.load16x4_s: 16, v128.store8_lane: 8).
unsigned memoryLaneBits(llvm::StringRef Name) {
  Name = Name.substr(Name.find_first_of("0123456789", sizeof("v128.") - 1));
  unsigned Bits = 0;
  bool Failed = Name.consumeInteger(10, Bits);
  assert(!Failed && "a SIMD memory instruction with lanes names their width");
  (void)Failed;
  return Bits;
}

} // namespace

llvm::Error FunctionLowering::lowerSimdMemory(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  unsigned Bytes = Info.Aux;
  // Wasm allows any alignment: the hint is not a promise.
  auto Load = [&](llvm::Type *Ty, llvm::Value *Addr) {
    return B.CreateAlignedLoad(Ty, Addr, llvm::Align(1), Ctx.Bounds.loadsMustStay(), "load");
  };
  switch (I.Op) {
  case Opcode::V128Load:
    push(Load(vm().valueType(ValType::V128),
              Ctx.Bounds.address(*this, pop(), I.Mem.Offset, Bytes)));
    return llvm::Error::success();
  case Opcode::V128Store: {
    llvm::Value *Value = pop();
    B.CreateAlignedStore(Value, Ctx.Bounds.address(*this, pop(), I.Mem.Offset, Bytes),
                         llvm::Align(1));
    return llvm::Error::success();
  }
  default:
    break;
  }

  unsigned LaneBits = memoryLaneBits(Info.Name);
  llvm::Type *LaneTy = B.getIntNTy(LaneBits);
  auto *LanesTy = llvm::FixedVectorType::get(LaneTy, 128 / LaneBits);
  if (Info.Imm == ImmKind::MemArgLane) {
    llvm::Value *Vector = simd::asShape(B, pop(), LanesTy);
    llvm::Value *Addr = Ctx.Bounds.address(*this, pop(), I.Mem.Offset, Bytes);
    if (Info.Name.contains("store")) {
      B.CreateAlignedStore(B.CreateExtractElement(Vector, I.Lane), Addr, llvm::Align(1));
      return llvm::Error::success();
    }
    push(simd::asV128(B, B.CreateInsertElement(Vector, Load(LaneTy, Addr), I.Lane)));
    return llvm::Error::success();
  }

  llvm::Value *Addr = Ctx.Bounds.address(*this, pop(), I.Mem.Offset, Bytes);
  if (Info.Name.ends_with("_splat")) {
    push(simd::asV128(B, B.CreateVectorSplat(LanesTy->getNumElements(), Load(LaneTy, Addr))));
    return llvm::Error::success();
  }
  if (Info.Name.ends_with("_zero")) {
    push(simd::asV128(B, B.CreateInsertElement(llvm::Constant::getNullValue(LanesTy),
                                               Load(LaneTy, Addr), uint64_t(0))));
    return llvm::Error::success();
  }
  // v128.loadMxN_s/u: N lanes of M bits, each extended to twice its width.
  unsigned Lanes = Bytes * 8 / LaneBits;
  llvm::Value *Narrow = Load(llvm::FixedVectorType::get(LaneTy, Lanes), Addr);
  auto *WideTy = llvm::FixedVectorType::get(B.getIntNTy(2 * LaneBits), Lanes);
  push(simd::asV128(B, Info.Name.ends_with("_s") ? B.CreateSExt(Narrow, WideTy)
                                                 : B.CreateZExt(Narrow, WideTy)));
  return llvm::Error::success();
}

llvm::Error FunctionLowering::lowerSimd(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  if (Info.Imm == ImmKind::MemArg || Info.Imm == ImmKind::MemArgLane)
    return lowerSimdMemory(I);

  llvm::FixedVectorType *Shape = simd::resultShape(B.getContext(), I.Op);
  switch (I.Op) {
  case Opcode::V128Const: {
    // Little-endian bytes, assembled by hand so that the host does not matter.
    uint64_t Halves[2] = {0, 0};
    for (unsigned K = 0; K < 16; ++K)
      Halves[K / 8] |= uint64_t(I.V128[K]) << (8 * (K % 8));
    push(llvm::ConstantDataVector::get(B.getContext(), llvm::ArrayRef<uint64_t>(Halves)));
    return llvm::Error::success();
  }
  case Opcode::I8x16Shuffle: {
    llvm::Value *R = simd::asShape(B, pop(), Shape);
    llvm::Value *L = simd::asShape(B, pop(), Shape);
    // Validation keeps every index below 32: lanes of L, then lanes of R.
    llvm::SmallVector<int, 16> Mask(I.V128, I.V128 + 16);
    push(simd::asV128(B, B.CreateShuffleVector(L, R, Mask)));
    return llvm::Error::success();
  }
  case Opcode::I8x16Swizzle: {
    llvm::Value *Indices = simd::asShape(B, pop(), Shape);
    llvm::Value *Source = simd::asShape(B, pop(), Shape);
    // Lane by lane with the index masked into range (an out-of-range
    // extractelement would be poison), then zero where the index is >= 16.
    // x86 selects this pattern as one pshufb plus the masking.
    llvm::Value *InRange = B.CreateAnd(Indices, 15);
    llvm::Value *Result = llvm::PoisonValue::get(Shape);
    for (unsigned K = 0; K < 16; ++K) {
      llvm::Value *Lane = B.CreateExtractElement(Source, B.CreateExtractElement(InRange, K));
      Result = B.CreateInsertElement(Result, Lane, K);
    }
    llvm::Value *Valid = B.CreateICmpULT(Indices, llvm::ConstantInt::get(Shape, 16));
    push(simd::asV128(B, B.CreateSelect(Valid, Result, llvm::Constant::getNullValue(Shape))));
    return llvm::Error::success();
  }
  default:
    break;
  }

  llvm::Type *LaneTy = Shape->getElementType();
  if (Info.Imm == ImmKind::Lane) {
    bool Replace = Info.Name.contains("replace_lane");
    llvm::Value *Scalar = Replace ? pop() : nullptr;
    llvm::Value *Vector = simd::asShape(B, pop(), Shape);
    if (Replace) {
      // i8 and i16 lanes take the low bits of an i32 operand.
      if (Scalar->getType() != LaneTy)
        Scalar = B.CreateTrunc(Scalar, LaneTy);
      push(simd::asV128(B, B.CreateInsertElement(Vector, Scalar, I.Lane)));
      return llvm::Error::success();
    }
    llvm::Value *Lane = B.CreateExtractElement(Vector, I.Lane);
    if (Info.Name.ends_with("_s"))
      Lane = B.CreateSExt(Lane, B.getInt32Ty());
    else if (Info.Name.ends_with("_u"))
      Lane = B.CreateZExt(Lane, B.getInt32Ty());
    push(Lane);
    return llvm::Error::success();
  }
  if (Info.Name.ends_with(".splat")) {
    llvm::Value *Scalar = pop();
    if (Scalar->getType() != LaneTy)
      Scalar = B.CreateTrunc(Scalar, LaneTy);
    push(simd::asV128(B, B.CreateVectorSplat(Shape->getNumElements(), Scalar)));
    return llvm::Error::success();
  }

  llvm::SmallVector<llvm::Value *, 4> Operands =
      popN(signatureTypes(Info.Sig).Params.size());
  llvm::Value *Result = simd::operandShape(B.getContext(), I.Op)
                            ? simd::lowerConversion(B, I.Op, Operands)
                            : simd::lowerArithmetic(B, I.Op, Operands);
  if (!Result)
    return makeError(ErrorKind::Unsupported, I.Offset,
                     opcodeName(I.Op) + " cannot be compiled yet");
  push(Result->getType()->isVectorTy() ? simd::asV128(B, Result) : Result);
  return llvm::Error::success();
}
