//===- lowering/bounds/RangeCheck.cpp --------------------------------------===//
#include "lowering/bounds/RangeCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Intrinsics.h"

#include <limits>

using namespace wasmaot::lowering;

RangeCheck::RangeCheck(llvm::ScalarEvolution &SE, const llvm::Loop &L,
                       llvm::Instruction *InsertPt)
    : SE(SE), L(L), Expander(SE, InsertPt->getModule()->getDataLayout(), "range"),
      B(InsertPt) {}

/// Sums and products are taken apart even when loop-invariant, so that
/// widen() gives p + 8 the formula sext(p) + 8, which is sext(p) plus the
/// 8 of another access's formula, rather than sext(p + 8).
bool RangeCheck::isLeaf(const llvm::SCEV *S) const {
  return S->getSCEVType() != llvm::scAddExpr && S->getSCEVType() != llvm::scMulExpr &&
         SE.isLoopInvariant(S, &L);
}

bool RangeCheck::canBound(const llvm::SCEV *S) {
  if (auto It = Boundable.find(S); It != Boundable.end())
    return It->second;

  auto Compute = [&]() {
    if (!S->getType()->isIntegerTy() || S->getType()->getIntegerBitWidth() > 64)
      return false;
    // A leaf may hold an enclosing loop's induction variable, whose value
    // the preheader sees; but an add recurrence of a loop that does not
    // contain L is an earlier loop's exit value, and expanding it would
    // carry that loop's values out without the LCSSA phis later loop passes
    // rely on.
    if (isLeaf(S))
      return !llvm::SCEVExprContains(S,
                                     [&](const llvm::SCEV *Op) {
                                       const auto *AR = llvm::dyn_cast<llvm::SCEVAddRecExpr>(Op);
                                       return AR && !AR->getLoop()->contains(&L);
                                     }) &&
             Expander.isSafeToExpandAt(S, &*B.GetInsertPoint());
    switch (S->getSCEVType()) {
    case llvm::scAddExpr:
    case llvm::scMulExpr:
    case llvm::scSMaxExpr:
    case llvm::scSMinExpr:
    case llvm::scUMaxExpr:
    case llvm::scUMinExpr:
    case llvm::scSequentialUMinExpr:
      return llvm::all_of(llvm::cast<llvm::SCEVNAryExpr>(S)->operands(),
                          [&](const llvm::SCEV *Op) { return canBound(Op); });
    case llvm::scZeroExtend:
    case llvm::scSignExtend:
    case llvm::scTruncate:
      return canBound(llvm::cast<llvm::SCEVCastExpr>(S)->getOperand());
    case llvm::scUDivExpr: {
      const auto *Div = llvm::cast<llvm::SCEVUDivExpr>(S);
      const auto *Divisor = llvm::dyn_cast<llvm::SCEVConstant>(Div->getRHS());
      return Divisor && !Divisor->getValue()->isZero() && canBound(Div->getLHS());
    }
    case llvm::scAddRecExpr: {
      const auto *AR = llvm::cast<llvm::SCEVAddRecExpr>(S);
      // An invariant expression was taken above, so an add recurrence of a
      // loop that contains L cannot reach here.
      if (!AR->isAffine() || !L.contains(AR->getLoop()))
        return false;
      const llvm::SCEV *Count = SE.getSymbolicMaxBackedgeTakenCount(AR->getLoop());
      return !llvm::isa<llvm::SCEVCouldNotCompute>(Count) && canBound(AR->getStart()) &&
             canBound(AR->getStepRecurrence(SE)) && canBound(Count);
    }
    default:
      return false;
    }
  };
  bool Result = Compute();
  Boundable[S] = Result;
  return Result;
}

RangeCheck::Interval RangeCheck::bounds(const llvm::SCEV *S) {
  if (auto It = Bounds.find(S); It != Bounds.end())
    return It->second;

  Interval R;
  unsigned Bits = S->getType()->getIntegerBitWidth();
  if (isLeaf(S)) {
    // Read as signed: any reading agrees with the machine value modulo 2^Bits.
    llvm::Value *V = Expander.expandCodeFor(S, S->getType(), &*B.GetInsertPoint());
    V = B.CreateSExt(V, B.getInt64Ty());
    R = {V, V};
  } else {
    switch (S->getSCEVType()) {
    case llvm::scAddExpr:
    case llvm::scMulExpr: {
      const auto *N = llvm::cast<llvm::SCEVNAryExpr>(S);
      R = bounds(N->getOperand(0));
      for (const llvm::SCEV *Op : llvm::drop_begin(N->operands()))
        R = S->getSCEVType() == llvm::scAddExpr ? add(R, bounds(Op)) : mul(R, bounds(Op));
      break;
    }
    case llvm::scSMaxExpr:
    case llvm::scSMinExpr:
    case llvm::scUMaxExpr:
    case llvm::scUMinExpr:
    case llvm::scSequentialUMinExpr:
      R = boundsOfMinMax(llvm::cast<llvm::SCEVNAryExpr>(S));
      break;
    case llvm::scZeroExtend:
    case llvm::scSignExtend: {
      const llvm::SCEV *Op = llvm::cast<llvm::SCEVCastExpr>(S)->getOperand();
      R = clampToWidth(bounds(Op), Op->getType()->getIntegerBitWidth(),
                       S->getSCEVType() == llvm::scSignExtend);
      break;
    }
    case llvm::scTruncate:
      // Congruent modulo 2^64, so modulo the narrower width too.
      R = bounds(llvm::cast<llvm::SCEVCastExpr>(S)->getOperand());
      break;
    case llvm::scUDivExpr: {
      const auto *Div = llvm::cast<llvm::SCEVUDivExpr>(S);
      R = clampToWidth(bounds(Div->getLHS()), Bits, /*Signed=*/false);
      llvm::Value *Divisor = B.getInt64(
          llvm::cast<llvm::SCEVConstant>(Div->getRHS())->getAPInt().getZExtValue());
      R = {B.CreateUDiv(R.Lo, Divisor), B.CreateUDiv(R.Hi, Divisor)};
      break;
    }
    case llvm::scAddRecExpr: {
      // {Start,+,Step} over iterations 0..Count: Start + [0, Count] * Step.
      const auto *AR = llvm::cast<llvm::SCEVAddRecExpr>(S);
      const llvm::SCEV *CountS = SE.getSymbolicMaxBackedgeTakenCount(AR->getLoop());
      Interval Count =
          clampToWidth(bounds(CountS), CountS->getType()->getIntegerBitWidth(), /*Signed=*/false);
      Interval Iterations{B.getInt64(0), Count.Hi};
      R = add(bounds(AR->getStart()), mul(Iterations, bounds(AR->getStepRecurrence(SE))));
      break;
    }
    default:
      llvm_unreachable("bounds() of an expression canBound() rejects");
    }
  }
  Bounds[S] = R;
  return R;
}

RangeCheck::Interval RangeCheck::boundsOfMinMax(const llvm::SCEVNAryExpr *S) {
  llvm::SCEVTypes Kind = S->getSCEVType();
  bool Signed = Kind == llvm::scSMaxExpr || Kind == llvm::scSMinExpr;
  bool IsMax = Kind == llvm::scSMaxExpr || Kind == llvm::scUMaxExpr;
  llvm::Intrinsic::ID Pick = IsMax ? llvm::Intrinsic::smax : llvm::Intrinsic::smin;
  unsigned Bits = S->getType()->getIntegerBitWidth();
  std::optional<Interval> R;
  for (const llvm::SCEV *Op : S->operands()) {
    // Once clamped, the interval holds the machine value read with the
    // operation's signedness, and both readings order like signed i64.
    Interval X = clampToWidth(bounds(Op), Bits, Signed);
    if (!R)
      R = X;
    else
      R = Interval{B.CreateBinaryIntrinsic(Pick, R->Lo, X.Lo),
                   B.CreateBinaryIntrinsic(Pick, R->Hi, X.Hi)};
  }
  return *R;
}

RangeCheck::Interval RangeCheck::add(Interval X, Interval Y) {
  return {checked(llvm::Intrinsic::sadd_with_overflow, X.Lo, Y.Lo),
          checked(llvm::Intrinsic::sadd_with_overflow, X.Hi, Y.Hi)};
}

RangeCheck::Interval RangeCheck::mul(Interval X, Interval Y) {
  if (llvm::isa<llvm::ConstantInt>(X.Lo) && X.Lo == X.Hi)
    std::swap(X, Y);
  if (auto *C = llvm::dyn_cast<llvm::ConstantInt>(Y.Lo); C && Y.Lo == Y.Hi) {
    llvm::Value *Lo = checked(llvm::Intrinsic::smul_with_overflow, X.Lo, C);
    llvm::Value *Hi = checked(llvm::Intrinsic::smul_with_overflow, X.Hi, C);
    if (C->isNegative())
      std::swap(Lo, Hi);
    return {Lo, Hi};
  }
  // A bilinear function takes its extremes at the corners.
  llvm::Value *Corners[] = {checked(llvm::Intrinsic::smul_with_overflow, X.Lo, Y.Lo),
                            checked(llvm::Intrinsic::smul_with_overflow, X.Lo, Y.Hi),
                            checked(llvm::Intrinsic::smul_with_overflow, X.Hi, Y.Lo),
                            checked(llvm::Intrinsic::smul_with_overflow, X.Hi, Y.Hi)};
  auto Reduce = [&](llvm::Intrinsic::ID Op) {
    return B.CreateBinaryIntrinsic(Op, B.CreateBinaryIntrinsic(Op, Corners[0], Corners[1]),
                                   B.CreateBinaryIntrinsic(Op, Corners[2], Corners[3]));
  };
  return {Reduce(llvm::Intrinsic::smin), Reduce(llvm::Intrinsic::smax)};
}

llvm::Value *RangeCheck::checked(llvm::Intrinsic::ID Op, llvm::Value *X, llvm::Value *Y) {
  llvm::Value *Result = B.CreateIntrinsic(Op, {B.getInt64Ty()}, {X, Y});
  fail(B.CreateExtractValue(Result, 1));
  return B.CreateExtractValue(Result, 0);
}

void RangeCheck::pin(Interval I, int64_t Lo, int64_t Hi) {
  fail(B.CreateOr(B.CreateICmpSLT(I.Lo, B.getInt64(Lo)), B.CreateICmpSGT(I.Hi, B.getInt64(Hi))));
}

/// The values a Bits-wide integer takes when read with the given sign, as
/// far as a signed 64-bit interval can hold them.
static std::pair<int64_t, int64_t> widthRange(unsigned Bits, bool Signed) {
  if (Bits >= 64)
    return {Signed ? std::numeric_limits<int64_t>::min() : 0, std::numeric_limits<int64_t>::max()};
  if (Signed)
    return {-(int64_t(1) << (Bits - 1)), (int64_t(1) << (Bits - 1)) - 1};
  return {0, (int64_t(1) << Bits) - 1};
}

RangeCheck::Interval RangeCheck::clampToWidth(Interval I, unsigned Bits, bool Signed) {
  auto [Min, Max] = widthRange(Bits, Signed);
  if (Bits >= 64) {
    // A 64-bit value read as unsigned may not fit a signed interval.
    if (!Signed)
      pin(I, Min, Max);
    return I;
  }
  // Inside the width's range, the formula is the machine value; outside,
  // the machine value is still somewhere in that range.
  llvm::Value *Inside = B.CreateAnd(B.CreateICmpSGE(I.Lo, B.getInt64(Min)),
                                    B.CreateICmpSLE(I.Hi, B.getInt64(Max)));
  return {B.CreateSelect(Inside, I.Lo, B.getInt64(Min)),
          B.CreateSelect(Inside, I.Hi, B.getInt64(Max))};
}

void RangeCheck::fail(llvm::Value *Condition) {
  Failed = Failed ? B.CreateOr(Failed, Condition) : Condition;
}

void RangeCheck::require(const llvm::SCEV *Offset, uint64_t Size) {
  Interval X = bounds(Offset);
  fail(B.CreateICmpSLT(X.Lo, B.getInt64(0)));
  llvm::Value *End = checked(llvm::Intrinsic::sadd_with_overflow, X.Hi, B.getInt64(Size));
  MaxEnd = MaxEnd ? B.CreateBinaryIntrinsic(llvm::Intrinsic::smax, MaxEnd, End) : End;
}

llvm::Value *RangeCheck::condition(llvm::Value *Limit) {
  llvm::Value *Holds = MaxEnd ? B.CreateICmpSLE(MaxEnd, Limit) : B.getTrue();
  if (Failed)
    Holds = B.CreateAnd(Holds, B.CreateNot(Failed));
  return Holds;
}

const llvm::SCEV *RangeCheck::widen(const llvm::SCEV *S) {
  llvm::Type *I64 = B.getInt64Ty();
  if (isLeaf(S))
    return SE.getSignExtendExpr(S, I64); // the reading bounds() uses
  switch (S->getSCEVType()) {
  case llvm::scAddExpr:
  case llvm::scMulExpr: {
    llvm::SmallVector<const llvm::SCEV *, 4> Ops;
    for (const llvm::SCEV *Op : llvm::cast<llvm::SCEVNAryExpr>(S)->operands()) {
      Ops.push_back(widen(Op));
      if (!Ops.back())
        return nullptr;
    }
    return S->getSCEVType() == llvm::scAddExpr ? SE.getAddExpr(Ops) : SE.getMulExpr(Ops);
  }
  case llvm::scZeroExtend:
  case llvm::scSignExtend:
    return widen(llvm::cast<llvm::SCEVCastExpr>(S)->getOperand());
  case llvm::scAddRecExpr: {
    const auto *AR = llvm::cast<llvm::SCEVAddRecExpr>(S);
    if (!AR->isAffine())
      return nullptr;
    const llvm::SCEV *Start = widen(AR->getStart());
    const llvm::SCEV *Step = widen(AR->getStepRecurrence(SE));
    if (!Start || !Step)
      return nullptr;
    return SE.getAddRecExpr(Start, Step, AR->getLoop(), llvm::SCEV::FlagAnyWrap);
  }
  default:
    return nullptr;
  }
}

void RangeCheck::requireWidenable(const llvm::SCEV *S) {
  if (isLeaf(S))
    return;
  switch (S->getSCEVType()) {
  case llvm::scAddExpr:
  case llvm::scMulExpr:
    for (const llvm::SCEV *Op : llvm::cast<llvm::SCEVNAryExpr>(S)->operands())
      requireWidenable(Op);
    return;
  case llvm::scZeroExtend:
  case llvm::scSignExtend: {
    const llvm::SCEV *Op = llvm::cast<llvm::SCEVCastExpr>(S)->getOperand();
    auto [Min, Max] = widthRange(Op->getType()->getIntegerBitWidth(),
                                 S->getSCEVType() == llvm::scSignExtend);
    pin(bounds(Op), Min, Max);
    requireWidenable(Op);
    return;
  }
  case llvm::scAddRecExpr: {
    const auto *AR = llvm::cast<llvm::SCEVAddRecExpr>(S);
    requireWidenable(AR->getStart());
    requireWidenable(AR->getStepRecurrence(SE));
    return;
  }
  default:
    return;
  }
}
