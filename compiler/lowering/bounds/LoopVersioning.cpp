//===- lowering/bounds/LoopVersioning.cpp ----------------------------------===//
#include "lowering/bounds/LoopVersioning.h"
#include "lowering/VmContext.h"
#include "lowering/bounds/BoundsCheck.h"
#include "lowering/bounds/RangeCheck.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
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
};

struct Plan {
  llvm::Loop *L;
  llvm::Value *InBounds;
  llvm::SmallVector<llvm::Instruction *, 16> Relax;
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
  bool plan(llvm::Loop &L);
  void version(Plan &P);

  llvm::Function &F;
  llvm::LoopInfo &LI;
  llvm::DominatorTree &DT;
  llvm::ScalarEvolution &SE;
  llvm::AssumptionCache &AC;
  llvm::SmallPtrSetImpl<const llvm::BasicBlock *> &ExactHeaders;
  llvm::SmallVector<Plan, 4> Plans;
  bool Simplified = false;
};

/// A volatile access of linear memory (guard pages) must be proven before
/// the loop can run unchecked: the unchecked version has no volatile access,
/// and LLVM may move ordinary accesses across volatile ones. An explicit
/// check that cannot be proven simply stays in the unchecked version.
LoopVersioner::Role LoopVersioner::classify(llvm::Instruction &I,
                                            std::optional<Obligation> &Ob) {
  if (auto *Cmp = llvm::dyn_cast<llvm::ICmpInst>(&I)) {
    if (!Cmp->getMetadata(BoundsCheck::CheckMetadata))
      return Role::None;
    Ob = checkObligation(*Cmp);
    return Role::Optional;
  }
  if (!I.isVolatile() || !VmContext::isMemoryAccess(I))
    return Role::None;
  Ob = accessObligation(I);
  return Role::Required;
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
  return Obligation{&I, Offset, Size, Vmctx};
}

/// An explicit check `End > MemorySize` traps; End must not exceed the size.
std::optional<Obligation> LoopVersioner::checkObligation(llvm::ICmpInst &Cmp) {
  llvm::Value *End = Cmp.getOperand(0);
  llvm::Value *Limit = Cmp.getOperand(1);
  if (Cmp.getPredicate() == llvm::ICmpInst::ICMP_ULT)
    std::swap(End, Limit);
  else if (Cmp.getPredicate() != llvm::ICmpInst::ICMP_UGT)
    return std::nullopt;
  llvm::Value *Vmctx = VmContext::memorySizeOwner(Limit);
  if (!Vmctx || !End->getType()->isIntegerTy(64))
    return std::nullopt;
  return Obligation{&Cmp, SE.getSCEV(End), 0, Vmctx};
}

bool LoopVersioner::plan(llvm::Loop &L) {
  if (!L.isLoopSimplifyForm()) {
    Simplified |= llvm::simplifyLoop(&L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
    if (!L.isLoopSimplifyForm())
      return false;
  }
  llvm::SmallVector<Obligation, 16> Obligations;
  unsigned Size = 0;
  for (llvm::BasicBlock *BB : L.blocks()) {
    for (llvm::Instruction &I : *BB) {
      ++Size;
      std::optional<Obligation> Ob;
      Role R = classify(I, Ob);
      if (R == Role::Required && !Ob)
        return false;
      if (Ob)
        Obligations.push_back(*Ob);
    }
  }
  if (Obligations.empty() || Size > MaxVersionedLoopSize)
    return false;

  llvm::Instruction *InsertPt = L.getLoopPreheader()->getTerminator();
  llvm::Value *Vmctx = Obligations.front().Vmctx;
  bool VmctxAvailable = llvm::isa<llvm::Argument>(Vmctx) ||
                        (llvm::isa<llvm::Instruction>(Vmctx) &&
                         DT.dominates(llvm::cast<llvm::Instruction>(Vmctx), InsertPt));
  if (!VmctxAvailable)
    return false;

  RangeCheck Check(SE, L, InsertPt);
  Plan P{&L, nullptr, {}};
  for (const Obligation &Ob : Obligations) {
    bool Provable = Ob.Vmctx == Vmctx && Check.canBound(Ob.Offset);
    if (!Provable && llvm::isa<llvm::ICmpInst>(Ob.Access))
      continue; // an explicit check that stays
    if (!Provable)
      return false;
    P.Relax.push_back(Ob.Access);
  }
  if (P.Relax.empty())
    return false;

  // Nothing was emitted so far: every expression is known to be boundable.
  for (const Obligation &Ob : Obligations)
    if (llvm::is_contained(P.Relax, Ob.Access))
      Check.require(Ob.Offset, Ob.Size);
  llvm::IRBuilder<> B(InsertPt);
  VmContext VM(*F.getParent(), /*MemoryMayMove=*/false);
  P.InBounds = Check.condition(VM.memorySize(B, Vmctx));
  Plans.push_back(std::move(P));
  return true;
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
  llvm::SmallVector<llvm::BasicBlock *, 4> Exits;
  L.getUniqueExitBlocks(Exits);
  for (llvm::BasicBlock *Exit : Exits) {
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
    }
  }
  DT.recalculate(F);

  for (llvm::Instruction *I : P.Relax) {
    if (auto *Load = llvm::dyn_cast<llvm::LoadInst>(I)) {
      Load->setVolatile(false);
    } else if (auto *Store = llvm::dyn_cast<llvm::StoreInst>(I)) {
      Store->setVolatile(false);
    } else {
      I->replaceAllUsesWith(llvm::ConstantInt::getFalse(F.getContext()));
      I->eraseFromParent();
    }
  }
}

LoopVersioner::Outcome LoopVersioner::run() {
  // Outermost loops first: one check before a whole nest is cheapest, and a
  // versioned loop's inner loops need no check of their own.
  llvm::SmallVector<llvm::Loop *, 8> Work(LI.rbegin(), LI.rend());
  while (!Work.empty()) {
    llvm::Loop *L = Work.pop_back_val();
    if (ExactHeaders.contains(L->getHeader()) || !plan(*L))
      Work.append(L->rbegin(), L->rend());
  }
  if (Plans.empty())
    return Simplified ? Outcome::Simplified : Outcome::Unchanged;
  // Checks are all emitted before any loop is cloned: the expressions they
  // were computed from describe the function as it was.
  for (Plan &P : Plans)
    version(P);
  SE.forgetAllLoops();
  return Outcome::Versioned;
}

} // namespace

llvm::PreservedAnalyses VersionLoopsPass::run(llvm::Function &F,
                                              llvm::FunctionAnalysisManager &AM) {
  // Twice: when a nest's check fails at run time, its exact copy still has
  // inner loops that may pass checks of their own (an outer loop that
  // touches one element out of a pattern the analysis cannot bound, around
  // inner loops it can).
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
