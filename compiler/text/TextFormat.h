//===- text/TextFormat.h - Modules in the WebAssembly text format ----------===//
//
// wasmaot compiles binary modules. Text-format modules (.wat) are assembled
// into binaries first by wabt's wat2wasm (Debian package `wabt`), run as a
// separate process: it parses only, and validation stays wasmaot's own
// (--no-check). A text module that does not parse is malformed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

/// Whether Bytes hold a text module rather than a binary one (which starts
/// with "\0asm").
bool isTextModule(llvm::ArrayRef<uint8_t> Bytes);

/// Assembles the text module in the file at Path into a binary module.
/// Errors: `malformed` with wat2wasm's diagnostic when the text does not
/// parse, `unsupported` when wat2wasm is not installed.
llvm::Expected<std::vector<uint8_t>> assembleTextModule(llvm::StringRef Path);

} // namespace wasmaot
