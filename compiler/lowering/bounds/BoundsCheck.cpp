//===- lowering/bounds/BoundsCheck.cpp - Guard and explicit strategies -----===//
#include "lowering/bounds/BoundsCheck.h"
#include "lowering/FunctionLowering.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

namespace {

/// Computes base + zext(Index) + Offset. Index and Offset are both below
/// 2^32, so the sum cannot wrap in 64 bits.
llvm::Value *effectiveAddress(FunctionLowering &FL, llvm::Value *Index, uint64_t Offset) {
  llvm::IRBuilder<> &B = FL.builder();
  llvm::Value *Base = FL.vm().memoryBase(B, FL.vmctx());
  llvm::Value *Byte = B.CreateZExt(Index, B.getInt64Ty());
  if (Offset)
    Byte = B.CreateAdd(Byte, B.getInt64(Offset), "ea", /*HasNUW=*/true);
  return B.CreateGEP(B.getInt8Ty(), Base, Byte, "addr");
}

class GuardPages final : public BoundsCheck {
public:
  llvm::Value *address(FunctionLowering &FL, llvm::Value *Index, uint64_t Offset,
                       unsigned Size) override {
    return effectiveAddress(FL, Index, Offset);
  }
  bool accessesMustStay() const override { return true; }
};

class ExplicitChecks final : public BoundsCheck {
public:
  llvm::Value *address(FunctionLowering &FL, llvm::Value *Index, uint64_t Offset,
                       unsigned Size) override {
    llvm::IRBuilder<> &B = FL.builder();
    llvm::Value *End = B.CreateAdd(B.CreateZExt(Index, B.getInt64Ty()),
                                   B.getInt64(Offset + Size), "access.end", /*HasNUW=*/true);
    llvm::Value *Size64 = FL.vm().memorySize(B, FL.vmctx());
    auto *OutOfBounds = llvm::cast<llvm::Instruction>(B.CreateICmpUGT(End, Size64, "oob"));
    OutOfBounds->setMetadata(CheckMetadata, llvm::MDNode::get(B.getContext(), {}));
    FL.trapIf(OutOfBounds, WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
    return effectiveAddress(FL, Index, Offset);
  }
  bool accessesMustStay() const override { return false; }
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
