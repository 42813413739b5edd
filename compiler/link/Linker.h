//===- link/Linker.h - In-process ELF linking with lld ---------------------===//
//
// Links objects and archives into a shared object or an executable by calling
// lld's ELF driver inside this process: no linker binary needs to be found or
// spawned. lld's diagnostics are collected, and any link error (an undefined
// symbol, an unreadable or corrupt input) is returned as a Link error with
// lld's messages; a link that reports an error never succeeds.
//
// lld keeps its state in globals, so links are serialized on a process-wide
// mutex; calling these from several threads is safe but not parallel.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "link/CRuntime.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace wasmaot {

struct LinkOptions {
  /// Keep the inputs' debug sections (off: they are stripped from the output).
  bool DebugInfo = false;
  /// Allow symbols that no input defines, to be resolved when the output is
  /// loaded (off: -z defs, an undefined symbol fails the link).
  bool AllowUndefined = false;
};

/// Links Inputs (relocatable objects and archives) into the shared object
/// Output, replacing it if it exists. Every global default-visibility symbol
/// of the inputs is exported.
llvm::Error linkSharedObject(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output,
                             const LinkOptions &Options = {});

/// Joins the relocatable objects Inputs into the relocatable object Output
/// (ld -r), keeping their debug sections.
llvm::Error linkRelocatable(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output);

/// Links Inputs into the static (position-independent, where C allows)
/// executable Output with the C runtime C: its start files (Inputs provide
/// `main`), libstdc++, libm, libc and libgcc, all as archives.
llvm::Error linkExecutable(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output,
                           const CRuntime &C, const LinkOptions &Options = {});

} // namespace wasmaot
