//===- lowering/LowerSimd.cpp - Fixed-width SIMD (0xFD prefix) -------------===//
//
// The dispatch of SIMD instructions, and those that need more than their
// operands: constants and shuffles (immediates), lane access (a lane index),
// memory accesses (bounds checks), and float arithmetic (the scalar
// lowering's helpers, with their NaN rules).
//
//===----------------------------------------------------------------------===//
#include "lowering/LowerSimd.h"
#include "lowering/FunctionLowering.h"
#include "lowering/NanQuieting.h"
#include "support/Error.h"

#include <optional>

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

/// Lane-wise float operations that are a scalar instruction on every lane.
constexpr std::pair<Opcode, Opcode> LanewiseScalar[] = {
    {Opcode::F32x4Abs, Opcode::F32Abs},         {Opcode::F64x2Abs, Opcode::F64Abs},
    {Opcode::F32x4Neg, Opcode::F32Neg},         {Opcode::F64x2Neg, Opcode::F64Neg},
    {Opcode::F32x4Sqrt, Opcode::F32Sqrt},       {Opcode::F64x2Sqrt, Opcode::F64Sqrt},
    {Opcode::F32x4Ceil, Opcode::F32Ceil},       {Opcode::F64x2Ceil, Opcode::F64Ceil},
    {Opcode::F32x4Floor, Opcode::F32Floor},     {Opcode::F64x2Floor, Opcode::F64Floor},
    {Opcode::F32x4Trunc, Opcode::F32Trunc},     {Opcode::F64x2Trunc, Opcode::F64Trunc},
    {Opcode::F32x4Nearest, Opcode::F32Nearest}, {Opcode::F64x2Nearest, Opcode::F64Nearest},
    {Opcode::F32x4Add, Opcode::F32Add},         {Opcode::F64x2Add, Opcode::F64Add},
    {Opcode::F32x4Sub, Opcode::F32Sub},         {Opcode::F64x2Sub, Opcode::F64Sub},
    {Opcode::F32x4Mul, Opcode::F32Mul},         {Opcode::F64x2Mul, Opcode::F64Mul},
    {Opcode::F32x4Div, Opcode::F32Div},         {Opcode::F64x2Div, Opcode::F64Div},
    {Opcode::F32x4Min, Opcode::F32Min},         {Opcode::F64x2Min, Opcode::F64Min},
    {Opcode::F32x4Max, Opcode::F32Max},         {Opcode::F64x2Max, Opcode::F64Max},
};

std::optional<Opcode> scalarOperation(Opcode Op) {
  const auto *It = llvm::find_if(LanewiseScalar, [&](const auto &P) { return P.first == Op; });
  if (It == std::end(LanewiseScalar))
    return std::nullopt;
  return It->second;
}

} // namespace

llvm::Error FunctionLowering::lowerSimdMemory(const Instruction &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  unsigned Bytes = Info.Aux;
  BoundsCheck &Bounds = bounds(I.Mem.Memory);
  auto Address = [&](llvm::Value *Index) {
    return Bounds.address(*this, I.Mem.Memory, Index, I.Mem.Offset, Bytes);
  };
  // Wasm allows any alignment: the hint is not a promise.
  auto Load = [&](llvm::Type *Ty, llvm::Value *Addr) {
    llvm::LoadInst *L =
        B.CreateAlignedLoad(Ty, Addr, llvm::Align(1), Bounds.accessesMustStay(), "load");
    vm().markMemoryAccess(L);
    return L;
  };
  auto Store = [&](llvm::Value *Value, llvm::Value *Addr) {
    vm().markMemoryAccess(
        B.CreateAlignedStore(Value, Addr, llvm::Align(1), Bounds.accessesMustStay()));
  };
  switch (I.Op) {
  case Opcode::V128Load:
    push(Load(vm().valueType(ValType::V128), Address(pop())));
    return llvm::Error::success();
  case Opcode::V128Store: {
    llvm::Value *Value = pop();
    Store(Value, Address(pop()));
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
    llvm::Value *Addr = Address(pop());
    if (Info.Name.contains("store")) {
      Store(B.CreateExtractElement(Vector, I.Lane), Addr);
      return llvm::Error::success();
    }
    push(simd::asV128(B, B.CreateInsertElement(Vector, Load(LaneTy, Addr), I.Lane)));
    return llvm::Error::success();
  }

  llvm::Value *Addr = Address(pop());
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
  if (isRelaxedSimd(I.Op))
    return lowerRelaxedSimd(I);
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
  if (std::optional<Opcode> Scalar = scalarOperation(I.Op)) {
    // The scalar lowering works on vectors too, and brings the NaN and
    // signed-zero rules along.
    llvm::Value *L = simd::asShape(B, Operands[0], Shape);
    push(simd::asV128(B, Operands.size() == 1
                             ? lowerUnary(*Scalar, L)
                             : lowerFloatBinary(*Scalar, L, simd::asShape(B, Operands[1], Shape))));
    return llvm::Error::success();
  }

  llvm::Value *Result = simd::operandShape(B.getContext(), I.Op)
                            ? simd::lowerConversion(B, I.Op, Operands)
                            : simd::lowerArithmetic(B, I.Op, Operands);
  if (!Result)
    return makeError(ErrorKind::Unsupported, I.Offset,
                     opcodeName(I.Op) + " cannot be compiled yet");
  // LLVM folds demote(promote(x)) to x, which would keep a signaling NaN.
  if (I.Op == Opcode::F32x4DemoteF64x2Zero)
    Result = markArithmeticResult(B, Result);
  push(Result->getType()->isVectorTy() ? simd::asV128(B, Result) : Result);
  return llvm::Error::success();
}
