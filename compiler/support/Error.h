//===- support/Error.h - Errors as values ----------------------------------===//
//
// Every failure the compiler reports is an llvm::Error carrying one WasmError:
// a category, the byte offset in the module it concerns, a message in the
// spec's wording, and optional context (e.g. the function it occurred in).
// Printed as `app.wasm:0x1a3: invalid: type mismatch: expected i32, got f64`.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace wasmaot {

enum class ErrorKind : uint8_t {
  Malformed,  // the bytes are not a module in the binary format
  Invalid,    // the module does not validate
  Unlinkable, // imports cannot be satisfied
  Trap,       // execution trapped
  Io,         // the host could not read or write something
  Unsupported, // valid, but wasmaot cannot compile it yet
  Codegen,    // no machine code could be made: unknown CPU or feature, broken LLVM IR
  Link,       // the linker rejected its inputs
};
llvm::StringRef toString(ErrorKind K);

class WasmError : public llvm::ErrorInfo<WasmError> {
public:
  static char ID;
  static constexpr uint64_t NoOffset = UINT64_MAX;

  WasmError(ErrorKind Kind, uint64_t Offset, std::string Message)
      : Kind(Kind), Offset(Offset), Message(std::move(Message)) {}

  /// An error in a text-format module, at Line:Column (both from 1).
  static std::unique_ptr<WasmError> atText(ErrorKind Kind, unsigned Line, unsigned Column,
                                           std::string Message) {
    auto E = std::make_unique<WasmError>(Kind, NoOffset, std::move(Message));
    E->Line = Line;
    E->Column = Column;
    return E;
  }

  ErrorKind kind() const { return Kind; }
  uint64_t offset() const { return Offset; }
  /// Text-format errors: the position, both from 1 (0 for binary errors).
  unsigned line() const { return Line; }
  unsigned column() const { return Column; }
  /// Whether log() starts with a position (byte offset or line:column), so
  /// that a file name before it is followed by ':' rather than ': '.
  bool hasPosition() const { return Offset != NoOffset || Line != 0; }
  const std::string &text() const { return Message; }
  const std::string &context() const { return Context; }
  void setContext(std::string C) { Context = std::move(C); }

  /// `0x1a3: invalid: message (context)`, `3:7: malformed: message` for
  /// text, or without the position if unknown.
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  ErrorKind Kind;
  uint64_t Offset;
  unsigned Line = 0, Column = 0; // text-format modules
  std::string Message;
  std::string Context;
};

inline llvm::Error makeError(ErrorKind Kind, uint64_t Offset, const llvm::Twine &Message) {
  return llvm::make_error<WasmError>(Kind, Offset, Message.str());
}
inline llvm::Error malformed(uint64_t Offset, const llvm::Twine &Message) {
  return makeError(ErrorKind::Malformed, Offset, Message);
}
inline llvm::Error invalid(uint64_t Offset, const llvm::Twine &Message) {
  return makeError(ErrorKind::Invalid, Offset, Message);
}

/// Attaches context (e.g. "in function $f") to a WasmError; other errors pass.
llvm::Error withContext(llvm::Error E, const llvm::Twine &Context);

/// Consumes E and formats it for the user: `File:0x1a3: invalid: message (context)`.
std::string consumeToString(llvm::StringRef File, llvm::Error E);

} // namespace wasmaot
