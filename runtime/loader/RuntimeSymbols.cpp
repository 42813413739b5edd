//===- loader/RuntimeSymbols.cpp -------------------------------------------===//
//
// The C library functions were found by compiling modules that use every
// rounding instruction, scalar and SIMD, float-to-integer conversions and
// copy and fill loops, under both bounds-check strategies, and reading the
// undefined symbols of the results (readelf --dyn-syms). The rounding
// functions appear only for CPUs without SSE4.1 (`--cpu x86-64`); with
// SSE4.1 (the default x86-64-v2) they are single instructions.
//
//===----------------------------------------------------------------------===//
#include "loader/RuntimeSymbols.h"

#include "wasmaot/abi.h"

#include <cstdint>
#include <math.h>
#include <string.h>

// 32-bit targets: LLVM calls the compiler's support library (libgcc, linked
// into every program with this runtime) for what the machine has no
// instruction for: 64-bit division and remainder on both, and on ARMv7
// 32-bit division (ARM mode has none without the optional IDIV extension)
// and conversions between 64-bit integers and floats, by the ARM run-time
// ABI's names. The unwinder's personality routines are named by the ARM
// exception tables of every compiled function, though nothing unwinds
// through wasm code: traps longjmp (traps/Trap.h). Found as the list above,
// over the spec suite at -O0 and -O2. Declared here only to take their
// addresses: their real types are the support library's.
#if defined(__arm__)
#define WASMAOT_SUPPORT_FUNCTIONS(X)                                                         \
  X(__aeabi_idiv) X(__aeabi_uidiv) X(__aeabi_idivmod) X(__aeabi_uidivmod)                    \
  X(__aeabi_ldivmod) X(__aeabi_uldivmod) X(__aeabi_d2lz) X(__aeabi_d2ulz) X(__aeabi_f2lz)    \
  X(__aeabi_f2ulz) X(__aeabi_l2d) X(__aeabi_ul2d) X(__aeabi_l2f) X(__aeabi_ul2f)             \
  X(__aeabi_llsl) X(__aeabi_llsr) X(__aeabi_lasr)                                            \
  X(__aeabi_unwind_cpp_pr0) X(__aeabi_unwind_cpp_pr1)
#elif defined(__i386__)
#define WASMAOT_SUPPORT_FUNCTIONS(X) X(__divdi3) X(__moddi3) X(__udivdi3) X(__umoddi3)
#else
#define WASMAOT_SUPPORT_FUNCTIONS(X)
#endif
#define WASMAOT_DECLARE(Name) extern "C" void Name();
WASMAOT_SUPPORT_FUNCTIONS(WASMAOT_DECLARE)
#undef WASMAOT_DECLARE

namespace wasmaot::runtime {
namespace {

/// A function's address as data. Not a template over the function's type:
/// clang mangles the instantiations for two entry points whose types differ
/// only in language linkage alike, and refuses the second.
void *address(uintptr_t Function) { return reinterpret_cast<void *>(Function); }
#define ADDRESS(Function) address(reinterpret_cast<uintptr_t>(Function))

// <math.h> in C++ also declares float overloads of these names: pick the C
// functions.
using Unary = double(double);
using UnaryF = float(float);

const RuntimeSymbol Symbols[] = {
    // The runtime entry points of abi.h (a test checks that all are here).
    {"wasmaot_rt_trap", ADDRESS(&wasmaot_rt_trap)},
    {"wasmaot_rt_memory_grow", ADDRESS(&wasmaot_rt_memory_grow)},
    {"wasmaot_rt_memory_init", ADDRESS(&wasmaot_rt_memory_init)},
    {"wasmaot_rt_memory_copy", ADDRESS(&wasmaot_rt_memory_copy)},
    {"wasmaot_rt_memory_fill", ADDRESS(&wasmaot_rt_memory_fill)},
    {"wasmaot_rt_data_drop", ADDRESS(&wasmaot_rt_data_drop)},
    {"wasmaot_rt_table_init", ADDRESS(&wasmaot_rt_table_init)},
    {"wasmaot_rt_table_copy", ADDRESS(&wasmaot_rt_table_copy)},
    {"wasmaot_rt_table_fill", ADDRESS(&wasmaot_rt_table_fill)},
    {"wasmaot_rt_table_grow", ADDRESS(&wasmaot_rt_table_grow)},
    {"wasmaot_rt_elem_drop", ADDRESS(&wasmaot_rt_elem_drop)},
    // LLVM turns a loop that stores one byte value over consecutive
    // addresses into llvm.memset, which becomes a call for lengths unknown
    // at compile time: seen under the guard strategy, where stores are plain.
    {"memset", ADDRESS(&memset)},
    // LLVM forms memcpy and memmove from load-and-store loops the same way.
    // Today's lowering keeps them from forming (guard-strategy loads are
    // volatile, explicit-strategy accesses each have their own check), but
    // that rests on lowering details rather than on anything LLVM promises.
    {"memcpy", ADDRESS(&memcpy)},
    {"memmove", ADDRESS(&memmove)},
    // f32/f64 ceil, floor, trunc and nearest (llvm.ceil, llvm.floor,
    // llvm.trunc, llvm.roundeven), scalar and per SIMD lane, are calls to
    // libm without SSE4.1's ROUNDSS/ROUNDSD. nearest is roundeven, not rint
    // or nearbyint: lowering does not depend on the rounding mode.
    {"ceil", ADDRESS(static_cast<Unary *>(&ceil))},
    {"ceilf", ADDRESS(static_cast<UnaryF *>(&ceilf))},
    {"floor", ADDRESS(static_cast<Unary *>(&floor))},
    {"floorf", ADDRESS(static_cast<UnaryF *>(&floorf))},
    {"trunc", ADDRESS(static_cast<Unary *>(&trunc))},
    {"truncf", ADDRESS(static_cast<UnaryF *>(&truncf))},
    {"roundeven", ADDRESS(static_cast<Unary *>(&roundeven))},
    {"roundevenf", ADDRESS(static_cast<UnaryF *>(&roundevenf))},
#define WASMAOT_ENTRY(Name) {#Name, ADDRESS(&Name)},
    WASMAOT_SUPPORT_FUNCTIONS(WASMAOT_ENTRY)
#undef WASMAOT_ENTRY
};

} // namespace

std::span<const RuntimeSymbol> runtimeSymbols() { return Symbols; }

void *resolveRuntimeSymbol(const char *Name) {
  for (const RuntimeSymbol &Symbol : Symbols)
    if (strcmp(Symbol.Name, Name) == 0)
      return Symbol.Address;
  return nullptr;
}

} // namespace wasmaot::runtime
