//===- traps/SignalHandler.cpp - Turning faults into traps -----------------===//
//
// The handler claims a fault only when the faulting thread is inside an
// activation and the fault is a wasm trap: an access by compiled wasm code to
// an address in a guard region (out of bounds memory access), or an access
// just below the thread's stack (stack overflow, which host functions called
// from wasm may also hit).
// Everything else goes to the handler that was installed before ours, so a
// host's crash reporter, a sanitizer or the default action (dumping core)
// still sees real crashes.
//
// Flags: SA_SIGINFO for the faulting address; SA_ONSTACK so a stack overflow
// can be handled at all (callWasm gives each thread an alternate stack);
// SA_NODEFER so that siglongjmp out of the handler leaves SIGSEGV unblocked
// without callWasm saving and restoring the signal mask, a system call on
// every entry into wasm.
//
// Everything here must be async-signal-safe: no allocation, no locks.
//
//===----------------------------------------------------------------------===//
#include "traps/SignalHandler.h"

#include "traps/CodeRegions.h"
#include "traps/GuardRegions.h"
#include "traps/MachineFrame.h"
#include "traps/ThreadState.h"

#include <cerrno>
#include <csignal>
#include <iterator>

namespace wasmaot::runtime {
namespace {

constexpr int HandledSignals[] = {SIGSEGV, SIGBUS};

// The dispositions ours replaced, indexed like HandledSignals. Written once,
// before our handler is installed, and only read afterwards.
struct sigaction PreviousActions[std::size(HandledSignals)];

const struct sigaction &previousAction(int Signal) {
  return PreviousActions[Signal == SIGSEGV ? 0 : 1];
}

/// Whether the kernel raised the signal for a fault, so si_addr is the
/// faulting address; kill(), raise() and sigqueue() use codes <= 0.
bool isFault(const siginfo_t *Info) { return Info->si_code > 0; }

/// Passes a signal that is not a trap to the previous disposition.
void forwardSignal(int Signal, siginfo_t *Info, void *Context) {
  const struct sigaction &Previous = previousAction(Signal);
  if (Previous.sa_flags & SA_SIGINFO) {
    Previous.sa_sigaction(Signal, Info, Context);
    return;
  }
  if (Previous.sa_handler == SIG_IGN && !isFault(Info))
    return;
  if (Previous.sa_handler == SIG_DFL || Previous.sa_handler == SIG_IGN) {
    // Hand the signal to the default action. A fault happens again when the
    // faulting instruction is restarted on return, and kills the process as
    // it would have without us (the kernel does not let a process ignore a
    // fault either); a sent signal has to be sent again.
    struct sigaction Default = {};
    Default.sa_handler = SIG_DFL;
    sigemptyset(&Default.sa_mask);
    sigaction(Signal, &Default, nullptr);
    if (!isFault(Info))
      raise(Signal);
    return;
  }
  Previous.sa_handler(Signal);
}

/// The faulting instruction and frame pointer come from the interrupted
/// context.
void recordFaultBacktrace(ThreadState &Thread, const MachineRegisters &Regs) {
  recordBacktrace(Thread, Thread.Innermost, Regs.Pc, Regs.FramePointer, Regs.StackPointer,
                  /*ExactFirst=*/true);
}

void handleFault(int Signal, siginfo_t *Info, void *Context) {
  ThreadState &Thread = CurrentThread;
  if (Thread.Innermost && isFault(Info)) {
    uintptr_t Address = reinterpret_cast<uintptr_t>(Info->si_addr);
    MachineRegisters Regs = interruptedRegisters(Context);
    bool OutOfBounds = isInGuardRegion(Address) && isInCodeRegion(Regs.Pc);
    bool Overflow = Address >= Thread.OverflowBegin && Address < Thread.StackTop;
    if (OutOfBounds || Overflow) {
      recordFaultBacktrace(Thread, Regs);
      unwindTo(Thread.Innermost, OutOfBounds ? WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS
                                             : WASMAOT_TRAP_STACK_EXHAUSTED);
    }
  }
  // The interrupted code must find errno as it left it, whatever sigaction
  // or the previous handler do to it.
  int SavedErrno = errno;
  forwardSignal(Signal, Info, Context);
  errno = SavedErrno;
}

int installOnce() {
  for (size_t I = 0; I < std::size(HandledSignals); ++I) {
    // Read the old disposition before ours can run, so the handler never
    // sees PreviousActions half-written.
    if (sigaction(HandledSignals[I], nullptr, &PreviousActions[I]) != 0)
      return errno;
    struct sigaction Action = {};
    Action.sa_sigaction = handleFault;
    Action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&Action.sa_mask);
    if (sigaction(HandledSignals[I], &Action, nullptr) != 0)
      return errno;
  }
  return 0;
}

} // namespace

Result<void> installSignalHandlers() {
  static const int Errno = installOnce();
  if (Errno != 0)
    return systemError("cannot install the SIGSEGV and SIGBUS handlers", Errno);
  return {};
}

} // namespace wasmaot::runtime
