//===- traps/ThreadState.h - Per-thread state of the trap machinery --------===//
//
// Shared by the activation code and the signal handler. The handler reads it,
// so it is plain data with constant initialization (no TLS wrapper, no lazy
// construction) and uses the initial-exec TLS model: even in a shared object,
// reaching it never calls __tls_get_addr, which may allocate.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "traps/MachineFrame.h"
#include "wasmaot/abi.h"

#include <csetjmp>
#include <cstdint>

namespace wasmaot::runtime {

/// One callWasm on the stack: where its traps land.
struct Activation {
  sigjmp_buf Landing;
  Activation *Previous; // the enclosing activation of this thread, or null
};

/// Return addresses of the wasm frames a trap unwound, innermost first.
struct TrapBacktrace {
  static constexpr unsigned Capacity = 64;
  uintptr_t Pcs[Capacity];
  unsigned Count;
  /// Frames past Capacity, counted but not kept.
  unsigned Omitted;
  /// Whether Pcs[0] is the faulting instruction itself (a fault), not a
  /// return address (a call to wasmaot_rt_trap).
  bool ExactFirst;
};

struct ThreadState {
  Activation *Innermost;
  /// Faults at addresses in [OverflowBegin, StackTop) inside an activation
  /// are stack overflows: the guard page below the stack, a margin for
  /// frames that skip over it, and the stack itself, whose pages are there
  /// unless growing it failed (an address-space limit such as ulimit -v).
  uintptr_t OverflowBegin;
  uintptr_t StackLow; // the lowest address of the thread's stack
  uintptr_t StackTop; // just past the highest
  uintptr_t StackLimit; // StackLow plus the margin; see currentStackLimit
  bool Prepared;
  TrapBacktrace LastTrap; // of the latest trap on this thread
};

extern constinit thread_local ThreadState CurrentThread
    __attribute__((tls_model("initial-exec")));

/// Records the frames from (Pc, FramePointer) up to Target's callWasm in
/// Thread.LastTrap, following the frame-pointer chain that compiled code
/// keeps. Async-signal-safe: it only reads stack words between StackPointer
/// (the trapping code's, so in use and mapped) and the activation, checking
/// each link before following it; code without frame pointers leaves
/// arbitrary values in the frame-pointer register, which end the walk.
inline void recordBacktrace(ThreadState &Thread, const Activation *Target, uintptr_t Pc,
                            uintptr_t FramePointer, uintptr_t StackPointer, bool ExactFirst) {
  TrapBacktrace &B = Thread.LastTrap;
  B.Count = 0;
  B.Omitted = 0;
  B.ExactFirst = ExactFirst;
  B.Pcs[B.Count++] = Pc;
  uintptr_t Top = reinterpret_cast<uintptr_t>(Target); // in callWasm's frame
  uintptr_t Fp = FramePointer;
  while (Fp % sizeof(uintptr_t) == 0) {
    uintptr_t At = frameRecordAddress(Fp);
    if (At < StackPointer || At + sizeof(FrameRecord) > Top)
      break;
    const auto *Record = reinterpret_cast<const FrameRecord *>(At);
    if (B.Count < TrapBacktrace::Capacity)
      B.Pcs[B.Count++] = Record->ReturnAddress;
    else
      ++B.Omitted; // deep recursion: counted, so the report can say how many
    if (Record->CallerFramePointer <= Fp) // the chain must go up the stack
      break;
    Fp = Record->CallerFramePointer;
  }
}

/// Lands in Target's callWasm, which returns Kind.
[[noreturn]] inline void unwindTo(Activation *Target, wasmaot_trap_kind Kind) {
  siglongjmp(Target->Landing, Kind);
}

} // namespace wasmaot::runtime
