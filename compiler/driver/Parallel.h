//===- driver/Parallel.h - Independent work items on a pool of threads -----===//
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstddef>

namespace wasmaot {

/// The threads that Jobs asks for: Jobs itself, or one per core for 0.
unsigned effectiveJobs(unsigned Jobs);

/// Runs Work(K) for every K in [0, Count), on up to effectiveJobs(Jobs)
/// threads (this one included), in increasing K as threads come free. Once
/// an item fails, the items after it that have not started are skipped.
/// Returns the error of the first failed item by K, so that the error
/// reported does not depend on the scheduling.
llvm::Error runInParallel(size_t Count, unsigned Jobs,
                          llvm::function_ref<llvm::Error(size_t)> Work);

} // namespace wasmaot
