//===- driver/Parallel.cpp -------------------------------------------------===//
#include "driver/Parallel.h"

#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <vector>

using namespace wasmaot;

unsigned wasmaot::effectiveJobs(unsigned Jobs) {
  if (Jobs)
    return Jobs;
  // The cores this process may run on (its affinity mask), not the machine's.
  return std::max(1u, llvm::hardware_concurrency().compute_thread_count());
}

llvm::Error wasmaot::runInParallel(size_t Count, unsigned Jobs,
                                   llvm::function_ref<llvm::Error(size_t)> Work) {
  std::vector<llvm::Error> Errors;
  Errors.reserve(Count);
  for (size_t K = 0; K < Count; ++K)
    Errors.push_back(llvm::Error::success());
  std::atomic<size_t> Next{0};
  std::atomic<size_t> FirstFailed{Count};
  auto Worker = [&] {
    for (size_t K; (K = Next.fetch_add(1)) < Count;) {
      if (K > FirstFailed.load())
        continue;
      Errors[K] = Work(K);
      if (!Errors[K])
        continue;
      size_t Failed = FirstFailed.load();
      while (K < Failed && !FirstFailed.compare_exchange_weak(Failed, K)) {
      }
    }
  };
  size_t Threads = std::min<size_t>(effectiveJobs(Jobs), Count);
  // LLVM recurses on big functions; give the workers the stack of a main
  // thread.
  constexpr unsigned StackSize = 16 << 20;
  std::vector<llvm::thread> Pool;
  for (size_t T = 1; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(StackSize), Worker);
  Worker();
  for (llvm::thread &Thread : Pool)
    Thread.join();

  llvm::Error First = llvm::Error::success();
  for (llvm::Error &E : Errors) {
    if (E && !First)
      First = std::move(E);
    else
      llvm::consumeError(std::move(E));
  }
  return First;
}
