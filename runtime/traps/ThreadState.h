//===- traps/ThreadState.h - Per-thread state of the trap machinery --------===//
//
// Shared by the activation code and the signal handler. The handler reads it,
// so it is plain data with constant initialization (no TLS wrapper, no lazy
// construction) and uses the initial-exec TLS model: even in a shared object,
// reaching it never calls __tls_get_addr, which may allocate.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasmaot/abi.h"

#include <csetjmp>
#include <cstdint>

namespace wasmaot::runtime {

/// One callWasm on the stack: where its traps land.
struct Activation {
  sigjmp_buf Landing;
  Activation *Previous; // the enclosing activation of this thread, or null
};

struct ThreadState {
  Activation *Innermost;
  /// Faults at addresses in [OverflowBegin, StackLow) inside an activation
  /// are stack overflows: the guard page below the stack and a margin for
  /// frames that skip over it.
  uintptr_t OverflowBegin;
  uintptr_t StackLow; // the lowest address of the thread's stack
  uintptr_t StackLimit;
  bool Prepared;
};

extern constinit thread_local ThreadState CurrentThread
    __attribute__((tls_model("initial-exec")));

/// Lands in Target's callWasm, which returns Kind.
[[noreturn]] inline void unwindTo(Activation *Target, wasmaot_trap_kind Kind) {
  siglongjmp(Target->Landing, Kind);
}

} // namespace wasmaot::runtime
