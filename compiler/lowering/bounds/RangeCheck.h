//===- lowering/bounds/RangeCheck.h - Whole-loop access range checks -------===//
//
// Builds, in a loop's preheader, one test that every memory access of the
// loop nest stays inside linear memory for every iteration it will run:
// what loop versioning (LoopVersioning.h) branches on.
//
// Each access offset is a scalar-evolution expression of the loop nest's
// induction variables. The check bounds it by interval arithmetic over the
// iteration space: an add recurrence {Start,+,Step} of a loop that runs at
// most BTC+1 iterations takes values in Start + [0, BTC] * Step. Everything
// is computed in signed 64-bit integers with overflow checks, so the bounds
// are of an integer formula of the expression rather than of its wrapping
// machine value. The two agree modulo 2^width whatever sign each loop-
// invariant leaf is read with. Where the machine value itself matters (a
// zext, sext, min/max or division node), the formula's bounds are used when
// they lie within the width's range, where formula and value are equal, and
// the whole range of the width otherwise. The final comparison requires the
// bounds to lie inside memory, and any overflow fails the check. A failing check only means
// the exact loop runs, so precision is traded for simplicity freely, but
// soundness never: every bound holds for every value the expression takes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace wasmaot::lowering {

class RangeCheck {
public:
  /// Checks over loop L, with code inserted before InsertPt (in L's
  /// preheader).
  RangeCheck(llvm::ScalarEvolution &SE, const llvm::Loop &L, llvm::Instruction *InsertPt);

  /// Whether the range of Offset (an integer expression) over L can be
  /// bounded. Emits nothing.
  bool canBound(const llvm::SCEV *Offset);

  /// Requires 0 <= Offset and Offset + Size <= the limit passed to
  /// condition(), for every value Offset takes while L runs. Offset must
  /// satisfy canBound().
  void require(const llvm::SCEV *Offset, uint64_t Size);

  /// The i1 that holds when every requirement does, given Limit (an i64
  /// below 2^63, such as a memory size in bytes).
  llvm::Value *condition(llvm::Value *Limit);

  /// Offset's formula as a 64-bit expression, with its zext and sext nodes
  /// of narrower expressions taken apart (zext(i32 {p,+,4}) becomes
  /// {sext(p),+,4} in i64), when Offset is made of constants, loop-invariant
  /// values, sums, products and add recurrences; null otherwise. The loop
  /// vectorizer and alias analysis see through such an expression, while a
  /// zext of a wrapping i32 hides that consecutive accesses are adjacent.
  const llvm::SCEV *widen(const llvm::SCEV *Offset);

  /// Requires every extension that widen(Offset) took apart to hold its
  /// operand's formula, so that the widened expression equals Offset
  /// whenever the check passes.
  void requireWidenable(const llvm::SCEV *Offset);

private:
  /// Whether S is bounded by its own value, computed in the preheader.
  bool isLeaf(const llvm::SCEV *S) const;

  struct Interval {
    llvm::Value *Lo;
    llvm::Value *Hi;
  };

  Interval bounds(const llvm::SCEV *S);
  Interval boundsOfMinMax(const llvm::SCEVNAryExpr *S);
  Interval add(Interval A, Interval B);
  Interval mul(Interval A, Interval B);
  llvm::Value *checked(llvm::Intrinsic::ID Op, llvm::Value *A, llvm::Value *B);
  /// Requires the interval to lie within [Lo, Hi].
  void pin(Interval I, int64_t Lo, int64_t Hi);
  /// Bounds of the machine value of an expression of width Bits, read as
  /// signed or unsigned, given the bounds I of its formula.
  Interval clampToWidth(Interval I, unsigned Bits, bool Signed);
  void fail(llvm::Value *Condition);

  llvm::ScalarEvolution &SE;
  const llvm::Loop &L;
  llvm::SCEVExpander Expander;
  llvm::IRBuilder<> B;
  llvm::DenseMap<const llvm::SCEV *, bool> Boundable;
  llvm::DenseMap<const llvm::SCEV *, Interval> Bounds;
  llvm::Value *Failed = nullptr; // any requirement or overflow that failed
  llvm::Value *MaxEnd = nullptr; // the largest Offset + Size
};

} // namespace wasmaot::lowering
