//===- text/TextFormat.h - Modules in the WebAssembly text format ----------===//
//
// The text front end (Lexer, Literals, ModuleParser) assembles text-format
// modules into binary modules, which then go through the same decoder and
// validator as any .wasm: one path from bytes to module IR. Errors are
// `malformed`, at the token's line:column.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "text/ModuleParser.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot {

/// Whether Bytes hold a text module rather than a binary one (which starts
/// with "\0asm").
bool isTextModule(llvm::ArrayRef<uint8_t> Bytes);

/// Assembles a text module: one `(module ...)`, or its fields alone.
llvm::Expected<std::vector<uint8_t>> assembleText(llvm::StringRef Source);

/// Assembles the text module in the file at Path (errors: `malformed` at
/// line:column, or `io`).
llvm::Expected<std::vector<uint8_t>> assembleTextModule(llvm::StringRef Path);

namespace text {

/// A `(module ...)` form as scripts write it.
struct ModuleForm {
  enum Kind : uint8_t { Text, Binary, Quote };
  Kind K = Text;
  std::string Name;        // `$id`, or empty
  bool Definition = false; // `(module definition ...)`: not instantiated
  std::vector<uint8_t> Bytes; // Text (assembled) and Binary
  std::string Source;         // Quote: the text to assemble, unparsed
};

/// Parses the form at the cursor, which is at its `(`, through its `)`.
/// Text modules are assembled; quoted ones only collected, since scripts
/// expect some of them not to parse.
llvm::Expected<ModuleForm> parseModuleForm(TokenCursor &C);

} // namespace text
} // namespace wasmaot
