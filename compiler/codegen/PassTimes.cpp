//===- codegen/PassTimes.cpp -----------------------------------------------===//
#include "codegen/PassTimes.h"

#include "llvm/IR/PassInstrumentation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

using namespace wasmaot;

namespace {

using Clock = std::chrono::steady_clock;

/// What only runs other passes.
bool isContainer(llvm::StringRef Pass) {
  return llvm::isSpecialPass(Pass, {"PassManager", "PassAdaptor", "AnalysisManagerProxy",
                                    "DevirtSCCRepeatedPass", "ModuleInlinerWrapperPass",
                                    "CleanUpAfterChange"});
}

} // namespace

void PassTimes::instrument(llvm::PassInstrumentationCallbacks &PIC) {
  // The passes running now, outermost first: a pipeline runs on one thread.
  auto Running = std::make_shared<std::vector<Clock::time_point>>();
  PIC.registerBeforeNonSkippedPassCallback(
      [Running](llvm::StringRef, llvm::Any) { Running->push_back(Clock::now()); });
  auto Finish = [this, Running](llvm::StringRef Pass) {
    if (Running->empty())
      return;
    double Elapsed = std::chrono::duration<double>(Clock::now() - Running->back()).count();
    Running->pop_back();
    if (!isContainer(Pass))
      add(Pass, Elapsed);
  };
  PIC.registerAfterPassCallback(
      [Finish](llvm::StringRef Pass, llvm::Any, const llvm::PreservedAnalyses &) {
        Finish(Pass);
      });
  PIC.registerAfterPassInvalidatedCallback(
      [Finish](llvm::StringRef Pass, const llvm::PreservedAnalyses &) { Finish(Pass); });
}

void PassTimes::add(llvm::StringRef Pass, double Elapsed) {
  std::lock_guard<std::mutex> Guard(Lock);
  Seconds[Pass] += Elapsed;
}

std::string PassTimes::top(unsigned Count) const {
  std::lock_guard<std::mutex> Guard(Lock);
  std::vector<std::pair<double, std::string>> Passes;
  double Total = 0;
  for (const auto &Entry : Seconds) {
    Passes.emplace_back(Entry.getValue(), Entry.getKey().str());
    Total += Entry.getValue();
  }
  std::sort(Passes.begin(), Passes.end(), [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  std::string Text;
  for (size_t K = 0; K < std::min<size_t>(Count, Passes.size()); ++K) {
    char Buffer[160];
    std::snprintf(Buffer, sizeof Buffer, "%s%s %.2f s (%.0f%%)", Text.empty() ? "" : ", ",
                  Passes[K].second.c_str(), Passes[K].first,
                  Total > 0 ? 100 * Passes[K].first / Total : 0.0);
    Text += Buffer;
  }
  return Text;
}
