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

#include <math.h>
#include <string.h>

namespace wasmaot::runtime {
namespace {

template <typename Fn> void *address(Fn *Function) { return reinterpret_cast<void *>(Function); }

// <math.h> in C++ also declares float overloads of these names: pick the C
// functions.
using Unary = double(double);
using UnaryF = float(float);

const RuntimeSymbol Symbols[] = {
    // The runtime entry points of abi.h (a test checks that all are here).
    {"wasmaot_rt_trap", address(&wasmaot_rt_trap)},
    {"wasmaot_rt_memory_grow", address(&wasmaot_rt_memory_grow)},
    {"wasmaot_rt_memory_init", address(&wasmaot_rt_memory_init)},
    {"wasmaot_rt_memory_copy", address(&wasmaot_rt_memory_copy)},
    {"wasmaot_rt_memory_fill", address(&wasmaot_rt_memory_fill)},
    {"wasmaot_rt_data_drop", address(&wasmaot_rt_data_drop)},
    {"wasmaot_rt_table_init", address(&wasmaot_rt_table_init)},
    {"wasmaot_rt_table_copy", address(&wasmaot_rt_table_copy)},
    {"wasmaot_rt_table_fill", address(&wasmaot_rt_table_fill)},
    {"wasmaot_rt_table_grow", address(&wasmaot_rt_table_grow)},
    {"wasmaot_rt_elem_drop", address(&wasmaot_rt_elem_drop)},
    // LLVM turns a loop that stores one byte value over consecutive
    // addresses into llvm.memset, which becomes a call for lengths unknown
    // at compile time: seen under the guard strategy, where stores are plain.
    {"memset", address(&memset)},
    // LLVM forms memcpy and memmove from load-and-store loops the same way.
    // Today's lowering keeps them from forming (guard-strategy loads are
    // volatile, explicit-strategy accesses each have their own check), but
    // that rests on lowering details rather than on anything LLVM promises.
    {"memcpy", address(&memcpy)},
    {"memmove", address(&memmove)},
    // f32/f64 ceil, floor, trunc and nearest (llvm.ceil, llvm.floor,
    // llvm.trunc, llvm.roundeven), scalar and per SIMD lane, are calls to
    // libm without SSE4.1's ROUNDSS/ROUNDSD. nearest is roundeven, not rint
    // or nearbyint: lowering does not depend on the rounding mode.
    {"ceil", address<Unary>(&ceil)},
    {"ceilf", address<UnaryF>(&ceilf)},
    {"floor", address<Unary>(&floor)},
    {"floorf", address<UnaryF>(&floorf)},
    {"trunc", address<Unary>(&trunc)},
    {"truncf", address<UnaryF>(&truncf)},
    {"roundeven", address<Unary>(&roundeven)},
    {"roundevenf", address<UnaryF>(&roundevenf)},
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
