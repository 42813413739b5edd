//===- lowering/bounds/BoundsCheck.cpp - Guard and explicit strategies -----===//
#include "lowering/bounds/BoundsCheck.h"
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

namespace {

/// Computes base + zext(Index) + Offset. For a 32-bit memory, Index and
/// Offset are both below 2^32, so the sum cannot wrap in 64 bits; for a
/// 64-bit one, the check or clamp before it made sure it does not.
llvm::Value *effectiveAddress(FunctionLowering &FL, uint32_t Memory, llvm::Value *Index,
                              uint64_t Offset) {
  llvm::IRBuilder<> &B = FL.builder();
  llvm::Value *Base = FL.vm().memoryBase(B, FL.vmctx(), Memory);
  llvm::Value *Byte = B.CreateZExt(Index, B.getInt64Ty());
  if (Offset)
    Byte = B.CreateAdd(Byte, B.getInt64(Offset), "ea", /*HasNUW=*/true);
  return B.CreateGEP(B.getInt8Ty(), Base, Byte, "addr");
}

class GuardPages final : public BoundsCheck {
public:
  llvm::Value *address(FunctionLowering &FL, uint32_t Memory, llvm::Value *Index,
                       uint64_t Offset, unsigned Size) override {
    if (!Index->getType()->isIntegerTy(64))
      return effectiveAddress(FL, Memory, Index, Offset);
    // A 64-bit memory of at most 4 GiB (abi.h): an index of 4 GiB or more
    // is out of bounds whatever the offset, and clamped to 4 GiB it lands
    // in the guard region like the largest 32-bit index plus its offset.
    // An offset of 4 GiB or more is out of bounds for any index.
    llvm::IRBuilder<> &B = FL.builder();
    if (Offset > UINT32_MAX) {
      FL.trapIf(B.getTrue(), WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
      return effectiveAddress(FL, Memory, Index, 0);
    }
    llvm::Value *Clamped = B.CreateBinaryIntrinsic(
        llvm::Intrinsic::umin, Index, B.getInt64(uint64_t(1) << 32), nullptr, "index.clamped");
    return effectiveAddress(FL, Memory, Clamped, Offset);
  }
  bool accessesMustStay() const override { return true; }
};

class ExplicitChecks final : public BoundsCheck {
public:
  llvm::Value *address(FunctionLowering &FL, uint32_t Memory, llvm::Value *Index,
                       uint64_t Offset, unsigned Size) override {
    llvm::IRBuilder<> &B = FL.builder();
    if (Index->getType()->isIntegerTy(64))
      return address64(FL, Memory, Index, Offset, Size);
    llvm::Value *End = B.CreateAdd(B.CreateZExt(Index, B.getInt64Ty()),
                                   B.getInt64(Offset + Size), "access.end", /*HasNUW=*/true);
    llvm::Value *Size64 = FL.vm().memorySize(B, FL.vmctx(), Memory);
    auto *OutOfBounds = llvm::cast<llvm::Instruction>(B.CreateICmpUGT(End, Size64, "oob"));
    OutOfBounds->setMetadata(CheckMetadata, llvm::MDNode::get(B.getContext(), {}));
    FL.trapIf(OutOfBounds, WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return effectiveAddress(FL, Memory, Index, Offset);
  }
  bool accessesMustStay() const override { return false; }

private:
  /// A 64-bit index: Index + Offset + Size may wrap, so the check is
  /// `Index >= usub.sat(size, Offset + Size - 1)`, which holds exactly when
  /// Index + Offset + Size > size in unbounded integers: one compare with a
  /// limit that stays the same while the memory does (hoisted out of loops),
  /// and no sum that can wrap. Loop versioning knows this form too.
  static llvm::Value *address64(FunctionLowering &FL, uint32_t Memory, llvm::Value *Index,
                                uint64_t Offset, unsigned Size) {
    llvm::IRBuilder<> &B = FL.builder();
    if (Offset > UINT64_MAX - Size) {
      FL.trapIf(B.getTrue(), WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
      return effectiveAddress(FL, Memory, Index, 0);
    }
    llvm::Value *Size64 = FL.vm().memorySize(B, FL.vmctx(), Memory);
    llvm::Value *Limit = B.CreateBinaryIntrinsic(llvm::Intrinsic::usub_sat, Size64,
                                                 B.getInt64(Offset + Size - 1), nullptr,
                                                 "access.limit");
    auto *OutOfBounds = llvm::cast<llvm::Instruction>(B.CreateICmpUGE(Index, Limit, "oob"));
    OutOfBounds->setMetadata(CheckMetadata, llvm::MDNode::get(B.getContext(), {}));
    FL.trapIf(OutOfBounds, WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return effectiveAddress(FL, Memory, Index, Offset);
  }
};

} // namespace

std::unique_ptr<BoundsCheck> BoundsCheck::create(wasmaot_bounds_checks Strategy) {
  switch (Strategy) {
  case WASMAOT_BOUNDS_GUARD:
    return std::make_unique<GuardPages>();
  case WASMAOT_BOUNDS_EXPLICIT:
    return std::make_unique<ExplicitChecks>();
  }
  llvm_unreachable("unknown bounds-check strategy");
}
