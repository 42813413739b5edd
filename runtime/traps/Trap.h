//===- traps/Trap.h - Running wasm code and unwinding its traps ------------===//
//
// Wasm code runs inside an activation: callWasm records a sigsetjmp point and
// calls into the code. A trap, raised by generated code through
// wasmaot_rt_trap or by the signal handler for a fault in a guard region or a
// stack overflow, siglongjmps back to the innermost activation of its thread,
// and callWasm returns the trap's kind. Activations nest: wasm code may call a
// host function that calls callWasm again.
//
// The rule that keeps unwinding sound: siglongjmp runs no destructors, so no
// frame between callWasm's sigsetjmp and the point of a trap may own
// resources (heap objects, locks, RAII guards). Generated code owns none.
// Entry must be a plain trampoline into wasm code. A host function called by
// wasm code must not trap through its own frames: it returns to wasm code,
// which traps (WASMAOT_TRAP_HOST), or calls wasmaot_rt_trap once its frames
// own nothing. It may call callWasm: the nested activation catches every trap
// below it. See docs/Runtime.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <vector>

namespace wasmaot::runtime {

/// How much stack, above the lowest address of a thread's stack, is kept back
/// from wasm code for the runtime functions it calls and for faulting safely.
inline constexpr uintptr_t StackMargin = 128 * 1024;

/// Runs Entry(Arg) in a new activation on the calling thread. Returns
/// WASMAOT_TRAP_NONE if Entry returned, or the kind of the trap that unwound
/// it. Prepares the thread first if needed (see prepareThread), and aborts
/// with a message if that fails: call prepareThread first to get the error.
wasmaot_trap_kind callWasm(void (*Entry)(void *), void *Arg);

/// Makes the calling thread ready to run wasm: installs the process's
/// SIGSEGV and SIGBUS handlers (once), gives the thread an alternate signal
/// stack so stack overflows can be handled, and records the thread's stack
/// bounds. Idempotent and cheap after the first call on a thread.
Result<void> prepareThread();

/// How much stack wasm code may use by default, below where it is entered
/// (--max-wasm-stack): deep enough for real language runtimes, and a bound
/// where the thread's own stack has none.
inline constexpr uintptr_t DefaultMaxWasmStack = 64 * 1024 * 1024;

/// Sets how much stack wasm code may use from where it is entered, for every
/// later entry on every thread.
void setMaxWasmStack(uintptr_t Bytes);

/// The stack address below which wasm code entered from here on the calling
/// thread must trap with WASMAOT_TRAP_STACK_EXHAUSTED: the lowest address of
/// the thread's stack plus StackMargin, or the maximum wasm stack below the
/// caller, whichever is higher. The runtime stores it in vmctx->stack_limit
/// before entering wasm code. Prepares the thread like callWasm.
uintptr_t currentStackLimit();

/// The code addresses of the wasm frames that the latest trap on this
/// thread unwound, innermost first: return addresses, except the first when
/// ExactFirst (the faulting instruction). Needs frame pointers in the code
/// (lowering keeps them). See symbolizeBacktrace in instance/Backtrace.h.
/// Only the innermost frames are kept; Omitted, if given, gets how many
/// further frames there were.
std::vector<uintptr_t> lastTrapBacktrace(bool &ExactFirst, unsigned *Omitted = nullptr);

/// Traps with Kind on behalf of the host function whose frame is Frame (its
/// __builtin_frame_address(0)) and whose return address is ReturnAddress
/// (its __builtin_return_address(0)), called directly by wasm code: the
/// backtrace starts at the wasm caller. What wasmaot_rt_trap does; the host
/// function's frames must own nothing (see above). The return address is
/// not read from the frame record: on ARM a function that does not return
/// saves only the frame pointer there.
[[noreturn]] void trapFromHostFrame(wasmaot_trap_kind Kind, const void *ReturnAddress,
                                    const void *Frame);

/// The spec testsuite's message for Kind ("out of bounds memory access").
const char *trapMessage(wasmaot_trap_kind Kind);

} // namespace wasmaot::runtime
