//===- tests/compiler/ErrorAssertions.h - Errors as values in Catch2 tests -===//
//
// Every test asserts the full error: its kind, its message and the byte it
// points at. These helpers take the WasmError out of an llvm::Error (failing
// the test when there is none) and flatten it into plain fields, or fail the
// test on an unexpected error. Shared by every compiler test executable.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Error.h"

#include <catch2/catch.hpp>

#include <string>

namespace Catch {
template <> struct StringMaker<wasmaot::ErrorKind> {
  static std::string convert(wasmaot::ErrorKind K) { return wasmaot::toString(K).str(); }
};
} // namespace Catch

namespace wasmaot::test {

struct ErrorFields {
  ErrorKind Kind = ErrorKind::Io;
  uint64_t Offset = WasmError::NoOffset;
  std::string Text;
  std::string Context;
  unsigned Line = 0, Column = 0; // text-format errors
};

/// The WasmError E carries; fails the test if E is success or another error.
ErrorFields takeError(llvm::Error E);

template <typename T> ErrorFields takeError(llvm::Expected<T> &&V) {
  if (V) {
    FAIL("expected an error, but the operation succeeded");
  }
  return takeError(V.takeError());
}

/// Fails the test, with the error's message, unless E is success.
void requireOk(llvm::Error E);

/// The value V holds; fails the test if it holds an error.
template <typename T> T valueOf(llvm::Expected<T> &&V) {
  if (!V) {
    FAIL("unexpected error: " << consumeToString("", V.takeError()));
  }
  return std::move(*V);
}

} // namespace wasmaot::test
