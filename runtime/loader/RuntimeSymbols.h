//===- loader/RuntimeSymbols.h - What compiled code imports ----------------===//
//
// Compiled shared objects leave undefined the runtime entry points they call
// (the wasmaot_rt_* functions of wasmaot/abi.h) and the few C library
// functions that LLVM emits calls to. ElfImage binds them to this process's
// own definitions through resolveRuntimeSymbol(), from a fixed table rather
// than from dynamic symbols, so that a statically linked host can load
// compiled code too.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <span>

namespace wasmaot::runtime {

struct RuntimeSymbol {
  const char *Name;
  void *Address;
};

/// Every symbol that compiled code may import.
std::span<const RuntimeSymbol> runtimeSymbols();

/// The address of the runtime symbol Name, or null if compiled code has no
/// business importing it: an ElfImage SymbolResolver.
void *resolveRuntimeSymbol(const char *Name);

} // namespace wasmaot::runtime
