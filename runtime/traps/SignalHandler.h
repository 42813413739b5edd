//===- traps/SignalHandler.h - Turning faults into traps -------------------===//
#pragma once

#include "support/Result.h"

namespace wasmaot::runtime {

/// Installs the handlers for SIGSEGV and SIGBUS, once per process; later
/// calls return the first call's result. Thread-safe. The handlers that were
/// installed before are kept and receive every fault that is not a trap.
Result<void> installSignalHandlers();

} // namespace wasmaot::runtime
