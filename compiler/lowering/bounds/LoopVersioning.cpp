//===- lowering/bounds/LoopVersioning.cpp ----------------------------------===//
#include "lowering/bounds/LoopVersioning.h"
#include "lowering/VmContext.h"
#include "lowering/bounds/BoundsCheck.h"
#include "lowering/bounds/RangeCheck.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/GVN.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

namespace {

/// Loops above this many instructions are not duplicated: the code growth
/// would cost more than the checks it saves.
constexpr unsigned MaxVersionedLoopSize = 4000;

/// An access, or an explicit check, that the unchecked version relies on:
/// 0 <= Offset and Offset + Size <= the size of Vmctx's memory, whenever
/// Access executes.
struct Obligation {
  llvm::Instruction *Access;
  const llvm::SCEV *Offset;
  uint64_t Size;
  llvm::Value *Vmctx;
  llvm::Value *Base = nullptr;         // an access's memory base
  const llvm::SCEV *Wide = nullptr;    // an access's widened offset, if any
  bool TrueWhenInBounds = false;       // a check that instcombine inverted
};

struct Plan {
  llvm::Loop *L;
  llvm::Value *InBounds;
  llvm::SmallVector<Obligation, 16> Relax;
};

class LoopVersioner {
public:
  /// ExactHeaders: the headers of exact copies made so far, which are not
  /// versioned again (their check would be the one that failed).
  LoopVersioner(llvm::Function &F, llvm::FunctionAnalysisManager &AM,
                llvm::SmallPtrSetImpl<const llvm::BasicBlock *> &ExactHeaders)
      : F(F), LI(AM.getResult<llvm::LoopAnalysis>(F)),
        DT(AM.getResult<llvm::DominatorTreeAnalysis>(F)),
        SE(AM.getResult<llvm::ScalarEvolutionAnalysis>(F)),
        AC(AM.getResult<llvm::AssumptionAnalysis>(F)), ExactHeaders(ExactHeaders) {}

  enum class Outcome { Unchanged, Simplified, Versioned };
  Outcome run();

private:
  enum class Role { None, Required, Optional };
  Role classify(llvm::Instruction &I, std::optional<Obligation> &Ob);
  std::optional<Obligation> accessObligation(llvm::Instruction &I);
  std::optional<Obligation> checkObligation(llvm::ICmpInst &Cmp);
  std::optional<Plan> plan(llvm::Loop &L);
  void version(Plan &P);
  void relax(Plan &P);

  llvm::Function &F;
  llvm::LoopInfo &LI;
  llvm::DominatorTree &DT;
  llvm::ScalarEvolution &SE;
  llvm::AssumptionCache &AC;
  llvm::SmallPtrSetImpl<const llvm::BasicBlock *> &ExactHeaders;
  bool Simplified = false;
};

/// A volatile access of linear memory (guard pages) must be proven before
/// the loop can run unchecked: the unchecked version has no volatile access,
/// and LLVM may move ordinary accesses across volatile ones. An explicit
/// check that cannot be proven simply stays in the unchecked version, and
/// an ordinary access (explicit checks) is proven only to widen its offset.
LoopVersioner::Role LoopVersioner::classify(llvm::Instruction &I,
                                            std::optional<Obligation> &Ob) {
  if (auto *Cmp = llvm::dyn_cast<llvm::ICmpInst>(&I)) {
    if (!Cmp->getMetadata(BoundsCheck::CheckMetadata))
      return Role::None;
    Ob = checkObligation(*Cmp);
    return Role::Optional;
  }
  if (!VmContext::isMemoryAccess(I))
    return Role::None;
  Ob = accessObligation(I);
  return I.isVolatile() ? Role::Required : Role::Optional;
}

std::optional<Obligation> LoopVersioner::accessObligation(llvm::Instruction &I) {
  const llvm::SCEV *Address = SE.getSCEV(llvm::getLoadStorePointerOperand(&I));
  const auto *Base = llvm::dyn_cast<llvm::SCEVUnknown>(SE.getPointerBase(Address));
  if (!Base)
    return std::nullopt;
  llvm::Value *Vmctx = VmContext::memoryBaseOwner(Base->getValue());
  if (!Vmctx)
    return std::nullopt;
  const llvm::SCEV *Offset = SE.removePointerBase(Address);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(Offset))
    return std::nullopt;
  uint64_t Size = F.getParent()->getDataLayout().getTypeStoreSize(llvm::getLoadStoreType(&I));
  return Obligation{&I, Offset, Size, Vmctx, Base->getValue()};
}

/// An explicit check `End > MemorySize` traps; End must not exceed the size.
/// A 64-bit memory's check `Index >= usub.sat(MemorySize, Size - 1)` traps;
/// Index + Size must not exceed the size.
std::optional<Obligation> LoopVersioner::checkObligation(llvm::ICmpInst &Cmp) {
  llvm::Value *End = Cmp.getOperand(0);
  llvm::Value *Limit = Cmp.getOperand(1);
  // The 64-bit form, or its inversion `Index < usub.sat(...)` (in bounds).
  if (auto *Sat = llvm::dyn_cast<llvm::IntrinsicInst>(Limit);
      Sat && Sat->getIntrinsicID() == llvm::Intrinsic::usub_sat) {
    auto *Slack = llvm::dyn_cast<llvm::ConstantInt>(Sat->getArgOperand(1));
    llvm::Value *Vmctx = VmContext::memorySizeOwner(Sat->getArgOperand(0));
    bool Inverted = Cmp.getPredicate() == llvm::ICmpInst::ICMP_ULT;
    if ((!Inverted && Cmp.getPredicate() != llvm::ICmpInst::ICMP_UGE) || !Slack || !Vmctx ||
        !End->getType()->isIntegerTy(64) || Slack->getZExtValue() == UINT64_MAX)
      return std::nullopt;
    Obligation Ob{&Cmp, SE.getSCEV(End), Slack->getZExtValue() + 1, Vmctx};
    Ob.TrueWhenInBounds = Inverted;
    return Ob;
  }
  if (Cmp.getPredicate() == llvm::ICmpInst::ICMP_ULT)
    std::swap(End, Limit);
  else if (Cmp.getPredicate() != llvm::ICmpInst::ICMP_UGT)
    return std::nullopt;
  llvm::Value *Vmctx = VmContext::memorySizeOwner(Limit);
  if (!Vmctx || !End->getType()->isIntegerTy(64))
    return std::nullopt;
  return Obligation{&Cmp, SE.getSCEV(End), 0, Vmctx};
}

/// Whether Offset, the offset of Access, may be rewritten in its widened
/// form at Access: not when it holds the exit value of a loop that Access
/// is not in, which the new expression would carry out of that loop without
/// the LCSSA phi that the vectorizer needs to fix it up.
bool widenableAt(const llvm::SCEV *Offset, const llvm::Instruction *Access) {
  return !llvm::SCEVExprContains(Offset, [&](const llvm::SCEV *S) {
    const auto *AR = llvm::dyn_cast<llvm::SCEVAddRecExpr>(S);
    return AR && !AR->getLoop()->contains(Access->getParent());
  });
}

std::optional<Plan> LoopVersioner::plan(llvm::Loop &L) {
  if (!L.isLoopSimplifyForm()) {
    Simplified |= llvm::simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
    if (!L.isLoopSimplifyForm())
      return std::nullopt;
  }
  llvm::SmallVector<Obligation, 16> Obligations;
  unsigned Size = 0;
  for (llvm::BasicBlock *BB : L.blocks()) {
    for (llvm::Instruction &I : *BB) {
      ++Size;
      std::optional<Obligation> Ob;
      Role R = classify(I, Ob);
      if (R == Role::Required && !Ob)
        return std::nullopt;
      if (Ob)
        Obligations.push_back(*Ob);
    }
  }
  if (Obligations.empty() || Size > MaxVersionedLoopSize)
    return std::nullopt;

  llvm::Instruction *InsertPt = L.getLoopPreheader()->getTerminator();
  llvm::Value *Vmctx = Obligations.front().Vmctx;
  bool VmctxAvailable = llvm::isa<llvm::Argument>(Vmctx) ||
                        (llvm::isa<llvm::Instruction>(Vmctx) &&
                         DT.dominates(llvm::cast<llvm::Instruction>(Vmctx), InsertPt));
  if (!VmctxAvailable)
    return std::nullopt;

  RangeCheck Check(SE, L, InsertPt);
  Plan P{&L, nullptr, {}};
  bool Useful = false;
  for (const Obligation &Ob : Obligations) {
    bool Provable = Ob.Vmctx == Vmctx && Check.canBound(Ob.Offset);
    if (!Provable && !Ob.Access->isVolatile())
      continue; // a check that stays, or an access left as it is
    if (!Provable)
      return std::nullopt;
    P.Relax.push_back(Ob);
    if (Ob.Base && widenableAt(Ob.Offset, Ob.Access))
      P.Relax.back().Wide = Check.widen(Ob.Offset);
    Useful |= Ob.Access->isVolatile() || llvm::isa<llvm::ICmpInst>(Ob.Access);
  }
  if (!Useful)
    return std::nullopt;

  // Nothing was emitted so far: every expression is known to be boundable.
  for (const Obligation &Ob : P.Relax) {
    Check.require(Ob.Offset, Ob.Size);
    if (Ob.Wide)
      Check.requireWidenable(Ob.Offset);
  }
  llvm::IRBuilder<> B(InsertPt);
  VmContext VM(*F.getParent());
  P.InBounds = Check.condition(VM.memoryViewSize(B, Vmctx));
  return P;
}

/// Duplicates P.L: the original becomes the unchecked version, entered when
/// P.InBounds holds, and the copy keeps every access exact.
void LoopVersioner::version(Plan &P) {
  llvm::Loop &L = *P.L;
  llvm::formLCSSARecursively(L, DT, &LI, &SE);
  llvm::BasicBlock *CheckBB = L.getLoopPreheader();
  llvm::BasicBlock *Preheader =
      llvm::SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI, nullptr,
                       L.getHeader()->getName() + ".unchecked");

  llvm::ValueToValueMapTy VMap;
  llvm::SmallVector<llvm::BasicBlock *, 16> Blocks;
  llvm::Loop *Exact =
      llvm::cloneLoopWithPreheader(Preheader, CheckBB, &L, VMap, ".exact", &LI, &DT, Blocks);
  llvm::remapInstructionsInBlocks(Blocks, VMap);
  ExactHeaders.insert(Exact->getHeader());

  llvm::Instruction *OldBranch = CheckBB->getTerminator();
  llvm::MDBuilder MDB(F.getContext());
  llvm::BranchInst::Create(Preheader, Exact->getLoopPreheader(), P.InBounds, OldBranch)
      ->setMetadata(llvm::LLVMContext::MD_prof, MDB.createBranchWeights(1 << 20, 1));
  OldBranch->eraseFromParent();

  // Exits are dedicated and in LCSSA form: each value leaving the loop goes
  // through a phi of an exit block, which now also takes the copy's value.
  // The dominator tree learns only the copy's exit edges (cloning told it
  // the rest): recomputing it per loop would be quadratic in big functions.
  llvm::SmallVector<std::pair<llvm::BasicBlock *, llvm::BasicBlock *>, 8> ExitEdges;
  llvm::SmallVector<llvm::BasicBlock *, 4> Exits;
  L.getUniqueExitBlocks(Exits);
  for (llvm::BasicBlock *Exit : Exits) {
    for (llvm::BasicBlock *From : llvm::predecessors(Exit))
      if (L.contains(From))
        ExitEdges.push_back({llvm::cast<llvm::BasicBlock>(VMap[From]), Exit});
    for (llvm::PHINode &Phi : Exit->phis()) {
      unsigned Incoming = Phi.getNumIncomingValues();
      for (unsigned K = 0; K < Incoming; ++K) {
        llvm::BasicBlock *From = Phi.getIncomingBlock(K);
        if (!L.contains(From))
          continue;
        llvm::Value *V = Phi.getIncomingValue(K);
        if (auto It = VMap.find(V); It != VMap.end())
          V = It->second;
        Phi.addIncoming(V, llvm::cast<llvm::BasicBlock>(VMap[From]));
      }
      // Scalar evolution looked through the phi while it had one value;
      // loops planned next must see it as the merge it now is.
      SE.forgetValue(&Phi);
    }
  }
  for (auto [From, To] : ExitEdges)
    DT.insertEdge(From, To);
  relax(P);
}

/// Makes P.L the unchecked version: ordinary accesses at widened offsets,
/// and explicit checks that never fire.
void LoopVersioner::relax(Plan &P) {
  llvm::SCEVExpander Expander(SE, F.getParent()->getDataLayout(), "wide");
  for (Obligation &Ob : P.Relax) {
    llvm::Instruction *I = Ob.Access;
    if (llvm::isa<llvm::ICmpInst>(I)) {
      I->replaceAllUsesWith(llvm::ConstantInt::getBool(F.getContext(), Ob.TrueWhenInBounds));
      I->eraseFromParent();
      continue;
    }
    if (auto *Load = llvm::dyn_cast<llvm::LoadInst>(I))
      Load->setVolatile(false);
    else
      llvm::cast<llvm::StoreInst>(I)->setVolatile(false);
    auto *BaseDef = llvm::dyn_cast<llvm::Instruction>(Ob.Base);
    if (!Ob.Wide || (BaseDef && !DT.dominates(BaseDef, I)))
      continue;
    llvm::IRBuilder<> B(I);
    llvm::Value *Offset = Expander.expandCodeFor(Ob.Wide, B.getInt64Ty(), I);
    unsigned PointerOperand = llvm::isa<llvm::LoadInst>(I) ? 0 : 1;
    I->setOperand(PointerOperand, B.CreateGEP(B.getInt8Ty(), Ob.Base, Offset, "wide.addr"));
  }
}

LoopVersioner::Outcome LoopVersioner::run() {
  // Outermost loops first: one check before a whole nest is cheapest, and a
  // versioned loop's inner loops need no check of their own.
  // Each loop is versioned before the next is planned: a later loop's
  // expressions may use values of an earlier one, which after versioning
  // reach it only through the exit phis that merge both copies.
  llvm::SmallVector<llvm::Loop *, 8> Work(LI.rbegin(), LI.rend());
  bool Versioned = false;
  while (!Work.empty()) {
    llvm::Loop *L = Work.pop_back_val();
    if (!ExactHeaders.contains(L->getHeader())) {
      if (std::optional<Plan> P = plan(*L)) {
        version(*P);
        Versioned = true;
        continue;
      }
    }
    Work.append(L->rbegin(), L->rend());
  }
  if (Versioned)
    return Outcome::Versioned;
  return Simplified ? Outcome::Simplified : Outcome::Unchanged;
}

} // namespace

llvm::PreservedAnalyses VersionLoopsPass::run(llvm::Function &F,
                                              llvm::FunctionAnalysisManager &AM) {
  // Twice: when a nest's check fails at run time, its exact copy still has
  // inner loops that may pass checks of their own (an outer loop that
  // touches one element out of a pattern the analysis cannot bound, around
  // inner loops it can).
  // Most functions have no loop: spare them scalar evolution.
  if (AM.getResult<llvm::LoopAnalysis>(F).empty())
    return llvm::PreservedAnalyses::all();
  llvm::SmallPtrSet<const llvm::BasicBlock *, 8> ExactHeaders;
  bool Changed = false;
  bool Versioned = false;
  for (int Round = 0; Round < 2; ++Round) {
    LoopVersioner::Outcome Outcome = LoopVersioner(F, AM, ExactHeaders).run();
    if (Outcome == LoopVersioner::Outcome::Unchanged)
      break;
    Changed = true;
    AM.invalidate(F, llvm::PreservedAnalyses::none());
    if (Outcome != LoopVersioner::Outcome::Versioned)
      break;
    Versioned = true;
  }
  if (!Changed)
    return llvm::PreservedAnalyses::all();
  if (!Versioned)
    return llvm::PreservedAnalyses::none();
  // The scalar passes ran before the accesses became ordinary: give the
  // unchecked loops what they could not do then (hoisting invariant loads,
  // promoting memory to registers, removing redundant loads), so that the
  // vectorizers, which come next, see the simplified loops.
  llvm::FunctionPassManager Cleanup;
  Cleanup.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()),
                                                        /*UseMemorySSA=*/true));
  Cleanup.addPass(llvm::GVNPass());
  Cleanup.addPass(llvm::InstCombinePass());
  Cleanup.addPass(llvm::SimplifyCFGPass());
  Cleanup.run(F, AM);
  return llvm::PreservedAnalyses::none();
}
