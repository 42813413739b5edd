//===- traps/Trap.cpp - Activations, wasmaot_rt_trap, thread setup ---------===//
//
// Activations form a singly linked list per thread, through ThreadState; each
// one lives in its callWasm's frame. sigsetjmp does not save the signal mask
// (see SignalHandler.cpp for why none needs restoring), so entering wasm
// costs no system call once the thread is prepared.
//
//===----------------------------------------------------------------------===//
#include "traps/Trap.h"

#include "traps/SignalHandler.h"
#include "traps/ThreadState.h"

#include <pthread.h>
#include <sys/mman.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace wasmaot::runtime {

constinit thread_local ThreadState CurrentThread __attribute__((tls_model("initial-exec"))) = {};

namespace {

/// The alternate signal stack: enough for the handler and for a previous
/// handler it forwards to (a sanitizer's report needs tens of KiB).
constexpr size_t AltStackSize = 64 * 1024;

/// How far below the lowest stack address (and its guard page) a fault still
/// counts as a stack overflow: a frame larger than the guard page can skip it.
constexpr uintptr_t OverflowWindow = 64 * 1024;

/// The alternate signal stack callWasm gave this thread, released (and the
/// one it replaced reinstated) when the thread exits.
class OwnedAltStack {
public:
  OwnedAltStack() = default;
  OwnedAltStack(const OwnedAltStack &) = delete;
  OwnedAltStack &operator=(const OwnedAltStack &) = delete;
  ~OwnedAltStack() {
    if (!Mapping)
      return;
    stack_t Current;
    if (sigaltstack(nullptr, &Current) == 0 && Current.ss_sp == Stack.ss_sp)
      sigaltstack(&Replaced, nullptr);
    munmap(Mapping, MappingSize);
  }

  Result<void> install() {
    stack_t Existing;
    if (sigaltstack(nullptr, &Existing) != 0)
      return systemError("cannot query the alternate signal stack", errno);
    // Keep the host's (or a sanitizer's) stack if it is big enough.
    if (!(Existing.ss_flags & SS_DISABLE) && Existing.ss_size >= AltStackSize)
      return {};

    // An inaccessible page below the stack turns an overflow of the handler
    // itself into a crash instead of silent corruption.
    size_t GuardSize = size_t(sysconf(_SC_PAGESIZE));
    size_t Size = GuardSize + AltStackSize;
    void *Memory = mmap(nullptr, Size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (Memory == MAP_FAILED)
      return systemError("cannot allocate an alternate signal stack", errno);
    if (mprotect(Memory, GuardSize, PROT_NONE) != 0) {
      int Errno = errno;
      munmap(Memory, Size);
      return systemError("cannot protect the alternate signal stack", Errno);
    }
    stack_t New = {};
    New.ss_sp = static_cast<char *>(Memory) + GuardSize;
    New.ss_size = AltStackSize;
    if (sigaltstack(&New, nullptr) != 0) {
      int Errno = errno;
      munmap(Memory, Size);
      return systemError("cannot install an alternate signal stack", Errno);
    }
    Mapping = Memory;
    MappingSize = Size;
    Stack = New;
    Replaced = Existing;
    Replaced.ss_flags &= SS_DISABLE; // SS_ONSTACK is a state, not a setting
    return {};
  }

private:
  void *Mapping = nullptr;
  size_t MappingSize = 0;
  stack_t Stack = {};
  stack_t Replaced = {};
};

thread_local OwnedAltStack ThreadAltStack;

/// The main thread's stack, from where the kernel put it and its size
/// limit: glibc's pthread_getattr_np would parse /proc/self/maps for it,
/// which costs a noticeable part of a small program's start. The kernel
/// writes the executable's name (AT_EXECFN) last, at the very top of the
/// stack; the stack may grow down to its size limit below that top, and
/// the kernel keeps other mappings further away. Returns false when it
/// cannot say (no finite limit).
bool mainThreadStack(uintptr_t &Low, uintptr_t &Top, size_t &GuardSize) {
  if (getpid() != gettid())
    return false;
  struct rlimit Limit;
  if (getrlimit(RLIMIT_STACK, &Limit) != 0 || Limit.rlim_cur == RLIM_INFINITY)
    return false;
  auto *ExecFn = reinterpret_cast<const char *>(getauxval(AT_EXECFN));
  if (!ExecFn)
    return false;
  // The name, its NUL and the terminating null pointer end the stack.
  uintptr_t PageSize = uintptr_t(sysconf(_SC_PAGESIZE));
  uintptr_t End = reinterpret_cast<uintptr_t>(ExecFn) + std::strlen(ExecFn) + 1 + 8;
  Top = (End + PageSize - 1) & ~(PageSize - 1);
  if (Limit.rlim_cur >= Top)
    return false;
  Low = Top - Limit.rlim_cur;
  GuardSize = PageSize;
  return true;
}

Result<void> recordStackBounds(ThreadState &Thread) {
  uintptr_t MainLow = 0, MainTop = 0;
  size_t MainGuard = 0;
  if (mainThreadStack(MainLow, MainTop, MainGuard)) {
    Thread.StackLow = MainLow;
    Thread.StackTop = MainTop;
    Thread.OverflowBegin = MainLow - std::min<uintptr_t>(MainLow, MainGuard + OverflowWindow);
    Thread.StackLimit = MainLow + StackMargin;
    return {};
  }
  pthread_attr_t Attributes;
  if (int Err = pthread_getattr_np(pthread_self(), &Attributes))
    return systemError("cannot find the bounds of the thread's stack", Err);
  void *Low = nullptr;
  size_t Size = 0;
  size_t GuardSize = 0;
  int Err = pthread_attr_getstack(&Attributes, &Low, &Size);
  if (Err == 0)
    Err = pthread_attr_getguardsize(&Attributes, &GuardSize);
  pthread_attr_destroy(&Attributes);
  if (Err != 0)
    return systemError("cannot find the bounds of the thread's stack", Err);
  if (Size <= 2 * StackMargin)
    return Error("the thread's stack (" + std::to_string(Size) +
                 " bytes) is too small to run wasm code");

  uintptr_t StackLow = reinterpret_cast<uintptr_t>(Low);
  Thread.StackLow = StackLow;
  Thread.StackTop = StackLow + Size;
  Thread.OverflowBegin = StackLow - std::min<uintptr_t>(StackLow, GuardSize + OverflowWindow);
  Thread.StackLimit = StackLow + StackMargin;
  return {};
}

/// Writes Message to stderr and aborts: for runtime bugs and broken setups
/// that leave no way to report an error.
[[noreturn]] void fatal(const char *Message) {
  std::fprintf(stderr, "wasmaot runtime: %s\n", Message);
  std::abort();
}

ThreadState &preparedThread() {
  if (CurrentThread.Prepared)
    return CurrentThread;
  Result<void> Prepared = prepareThread();
  if (!Prepared)
    fatal(("cannot run wasm code on this thread: " + Prepared.error().message()).c_str());
  return CurrentThread;
}

} // namespace

Result<void> prepareThread() {
  ThreadState &Thread = CurrentThread;
  if (Thread.Prepared)
    return {};
  if (Result<void> Installed = installSignalHandlers(); !Installed)
    return Installed;
  if (Result<void> Bounds = recordStackBounds(Thread); !Bounds)
    return Bounds;
  if (Result<void> AltStack = ThreadAltStack.install(); !AltStack)
    return AltStack;
  Thread.Prepared = true;
  return {};
}

namespace {
std::atomic<uintptr_t> MaxWasmStack{DefaultMaxWasmStack};
} // namespace

void setMaxWasmStack(uintptr_t Bytes) { MaxWasmStack.store(Bytes, std::memory_order_relaxed); }

uintptr_t currentStackLimit() {
  const ThreadState &Thread = preparedThread();
  // The stack the thread has, or the part of it below here that wasm may
  // use, whichever ends first: an unlimited stack (ulimit -s unlimited)
  // would otherwise let unbounded recursion eat all memory.
  auto Here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t Max = MaxWasmStack.load(std::memory_order_relaxed);
  uintptr_t Capped = Here > Max ? Here - Max : 0;
  return std::max(Thread.StackLimit, Capped);
}

wasmaot_trap_kind callWasm(void (*Entry)(void *), void *Arg) {
  ThreadState &Thread = preparedThread();
  Activation Here;
  Here.Previous = Thread.Innermost;
  // Nothing that lives in a register may change between here and a trap:
  // Thread and Here.Previous are only read after the landing.
  int Trap = sigsetjmp(Here.Landing, /*savemask=*/0);
  if (Trap == 0) {
    Thread.Innermost = &Here;
    Entry(Arg);
  }
  Thread.Innermost = Here.Previous;
  return static_cast<wasmaot_trap_kind>(Trap);
}

std::vector<uintptr_t> lastTrapBacktrace(bool &ExactFirst, unsigned *Omitted) {
  const TrapBacktrace &B = CurrentThread.LastTrap;
  ExactFirst = B.ExactFirst;
  if (Omitted)
    *Omitted = B.Omitted;
  return std::vector<uintptr_t>(B.Pcs, B.Pcs + B.Count);
}

const char *trapMessage(wasmaot_trap_kind Kind) {
  switch (Kind) {
  case WASMAOT_TRAP_NONE:
    return "no trap";
  case WASMAOT_TRAP_UNREACHABLE:
    return "unreachable";
  case WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS:
    return "out of bounds memory access";
  case WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS:
    return "out of bounds table access";
  case WASMAOT_TRAP_UNDEFINED_ELEMENT:
    return "undefined element";
  case WASMAOT_TRAP_UNINITIALIZED_ELEMENT:
    return "uninitialized element";
  case WASMAOT_TRAP_INDIRECT_CALL_TYPE_MISMATCH:
    return "indirect call type mismatch";
  case WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO:
    return "integer divide by zero";
  case WASMAOT_TRAP_INTEGER_OVERFLOW:
    return "integer overflow";
  case WASMAOT_TRAP_INVALID_CONVERSION:
    return "invalid conversion to integer";
  case WASMAOT_TRAP_STACK_EXHAUSTED:
    return "call stack exhausted";
  case WASMAOT_TRAP_HOST:
    return "host function failed";
  case WASMAOT_TRAP_EXIT:
    return "exit";
  case WASMAOT_TRAP_UNKNOWN_IMPORT:
    return "call to an unknown import";
  case WASMAOT_TRAP_INTERRUPTED:
    return "interrupt";
  }
  return "unknown trap";
}

void trapFromHostFrame(wasmaot_trap_kind Kind, const void *ReturnAddress, const void *Frame) {
  if (Kind == WASMAOT_TRAP_NONE || Kind > WASMAOT_TRAP_LAST)
    fatal("wasmaot_rt_trap called with an invalid trap kind");
  Activation *Innermost = CurrentThread.Innermost;
  if (!Innermost)
    fatal("wasmaot_rt_trap called outside wasm code (no activation on this thread)");
  // The frame's saved frame pointer leads into the wasm code that called it.
  auto Fp = reinterpret_cast<uintptr_t>(Frame);
  const auto *Record = reinterpret_cast<const FrameRecord *>(frameRecordAddress(Fp));
  recordBacktrace(CurrentThread, Innermost, reinterpret_cast<uintptr_t>(ReturnAddress),
                  Record->CallerFramePointer, reinterpret_cast<uintptr_t>(Record),
                  /*ExactFirst=*/false);
  unwindTo(Innermost, Kind);
}

} // namespace wasmaot::runtime

using namespace wasmaot::runtime;

extern "C" void wasmaot_rt_trap(wasmaot_vmctx *, uint32_t Kind) {
  trapFromHostFrame(static_cast<wasmaot_trap_kind>(Kind), __builtin_return_address(0),
                    __builtin_frame_address(0));
}
