//===- codegen/WasmPipeline.cpp --------------------------------------------===//
#include "codegen/WasmPipeline.h"

#include "lowering/NanQuieting.h"
#include "lowering/bounds/LoopVersioning.h"

#include "llvm/Analysis/GlobalsModRef.h"
#include "llvm/Transforms/IPO/ConstantMerge.h"
#include "llvm/Transforms/IPO/FunctionAttrs.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/DivRemPairs.h"
#include "llvm/Transforms/Scalar/Float2Int.h"
#include "llvm/Transforms/Scalar/InstSimplifyPass.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopDeletion.h"
#include "llvm/Transforms/Scalar/LoopLoadElimination.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/LoopRotation.h"
#include "llvm/Transforms/Scalar/LoopUnrollPass.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Scalar/TailRecursionElimination.h"
#include "llvm/Transforms/Utils/RelLookupTableConverter.h"
#include "llvm/Transforms/Vectorize/LoopVectorize.h"
#include "llvm/Transforms/Vectorize/SLPVectorizer.h"
#include "llvm/Transforms/Vectorize/VectorCombine.h"

using namespace wasmaot;

namespace {

/// Runs Transform, and Cleanup only if Transform changed the function.
class CleanUpAfterChange : public llvm::PassInfoMixin<CleanUpAfterChange> {
public:
  CleanUpAfterChange(llvm::FunctionPassManager Transform, llvm::FunctionPassManager Cleanup)
      : Transform(std::move(Transform)), Cleanup(std::move(Cleanup)) {}

  llvm::PreservedAnalyses run(llvm::Function &F, llvm::FunctionAnalysisManager &AM) {
    llvm::PreservedAnalyses PA = Transform.run(F, AM);
    if (PA.areAllPreserved())
      return PA;
    PA.intersect(Cleanup.run(F, AM));
    return PA;
  }

private:
  llvm::FunctionPassManager Transform;
  llvm::FunctionPassManager Cleanup;
};

template <typename... PassTs> llvm::FunctionPassManager passes(PassTs &&...Passes) {
  llvm::FunctionPassManager FPM;
  (FPM.addPass(std::forward<PassTs>(Passes)), ...);
  return FPM;
}

/// After the module's simplification: resolve the NaN marks, version loops,
/// vectorize and unroll, each cleanup only where something changed.
llvm::FunctionPassManager optimizeFunctions(llvm::OptimizationLevel Level,
                                            const llvm::PipelineTuningOptions &Tuning) {
  llvm::FunctionPassManager FPM;
  FPM.addPass(llvm::Float2IntPass());
  FPM.addPass(lowering::QuietFoldedNansPass());
  FPM.addPass(lowering::VersionLoopsPass());

  // Simplification may have un-rotated loops; some are dead by now.
  llvm::LoopPassManager Loops;
  Loops.addPass(llvm::LoopRotatePass());
  Loops.addPass(llvm::LoopDeletionPass());
  FPM.addPass(llvm::createFunctionToLoopPassAdaptor(std::move(Loops), /*UseMemorySSA=*/false,
                                                    /*UseBlockFrequencyInfo=*/false));

  FPM.addPass(CleanUpAfterChange(
      passes(llvm::LoopVectorizePass(llvm::LoopVectorizeOptions(!Tuning.LoopInterleaving,
                                                                !Tuning.LoopVectorization))),
      passes(llvm::LoopLoadEliminationPass(), llvm::InstCombinePass())));
  // Bigger blocks for the SLP vectorizer, and canonical loops no longer
  // needed: as LLVM's pipeline does at this point.
  FPM.addPass(llvm::SimplifyCFGPass(llvm::SimplifyCFGOptions()
                                        .forwardSwitchCondToPhi(true)
                                        .convertSwitchRangeToICmp(true)
                                        .convertSwitchToLookupTable(true)
                                        .needCanonicalLoops(false)
                                        .hoistCommonInsts(true)
                                        .sinkCommonInsts(true)));
  llvm::FunctionPassManager Vectorize;
  if (Tuning.SLPVectorization)
    Vectorize.addPass(llvm::SLPVectorizerPass());
  // Also for modules using SIMD themselves, whose functions all have vectors.
  Vectorize.addPass(llvm::VectorCombinePass());
  FPM.addPass(CleanUpAfterChange(std::move(Vectorize), passes(llvm::InstCombinePass())));

  // Unrolling may turn variable offsets into allocas into constant ones.
  FPM.addPass(CleanUpAfterChange(
      passes(llvm::LoopUnrollPass(llvm::LoopUnrollOptions(
          Level.getSpeedupLevel(), /*OnlyWhenForced=*/!Tuning.LoopUnrolling,
          Tuning.ForgetAllSCEVInLoopUnroll))),
      passes(llvm::SROAPass(llvm::SROAOptions::PreserveCFG), llvm::InstCombinePass())));
  FPM.addPass(llvm::createFunctionToLoopPassAdaptor(
      llvm::LICMPass(Tuning.LicmMssaOptCap, Tuning.LicmMssaNoAccForPromotionCap,
                     /*AllowSpeculation=*/true),
      /*UseMemorySSA=*/true, /*UseBlockFrequencyInfo=*/false));

  FPM.addPass(llvm::InstSimplifyPass());
  FPM.addPass(llvm::DivRemPairsPass());
  FPM.addPass(llvm::TailCallElimPass());
  FPM.addPass(llvm::SimplifyCFGPass(llvm::SimplifyCFGOptions().convertSwitchRangeToICmp(true)));
  return FPM;
}

} // namespace

llvm::ModulePassManager wasmaot::buildWasmPipeline(llvm::PassBuilder &PB,
                                                   llvm::OptimizationLevel Level,
                                                   const llvm::PipelineTuningOptions &Tuning) {
  llvm::ModulePassManager MPM =
      PB.buildModuleSimplificationPipeline(Level, llvm::ThinOrFullLTOPhase::None);
  MPM.addPass(llvm::ReversePostOrderFunctionAttrsPass());
  MPM.addPass(llvm::RecomputeGlobalsAAPass());
  MPM.addPass(llvm::createModuleToFunctionPassAdaptor(optimizeFunctions(Level, Tuning),
                                                      Tuning.EagerlyInvalidateAnalyses));
  MPM.addPass(llvm::GlobalDCEPass());
  MPM.addPass(llvm::ConstantMergePass());
  MPM.addPass(llvm::RelLookupTableConverterPass());
  return MPM;
}
