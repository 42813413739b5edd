//===- tests/compiler/TestHelpers.h - Checking errors in Catch2 tests ------===//
//
// Every test asserts the full error: its kind, its message and the byte it
// points at. These helpers take the WasmError out of an llvm::Error (failing
// the test when there is none) and flatten it into plain fields.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "TestModules.h"

#include "decoder/Decoder.h"
#include "support/Error.h"
#include "validator/Validator.h"

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
};

/// The WasmError E carries; fails the test if E is success or another error.
ErrorFields takeError(llvm::Error E);

template <typename T> ErrorFields takeError(llvm::Expected<T> &&V) {
  if (V) {
    FAIL("expected an error, but the operation succeeded");
  }
  return takeError(V.takeError());
}

/// The value V holds; fails the test if it holds an error.
template <typename T> T valueOf(llvm::Expected<T> &&V) {
  if (!V) {
    FAIL("unexpected error: " << consumeToString("", V.takeError()));
  }
  return std::move(*V);
}

/// Decoding Bytes must fail; returns why.
ErrorFields decodeError(const Bytes &B);
/// Bytes must decode; validating the module must fail; returns why.
ErrorFields validationError(const Bytes &B);
/// Bytes must decode; returns the module.
ir::Module decodeOk(const Bytes &B);
/// "ok" if Bytes decodes and validates, else the formatted error, so that a
/// failing CHECK(check(...) == "ok") shows the message.
std::string check(const Bytes &B);

} // namespace wasmaot::test

/// Checks an ErrorFields against kind, message substring and offset.
#define CHECK_WASM_ERROR(Fields, ExpectedKind, Substring, ExpectedOffset)                          \
  do {                                                                                             \
    const ::wasmaot::test::ErrorFields &Checked_ = (Fields);                                       \
    INFO("error: " << Checked_.Text << " (" << Checked_.Context << ")");                           \
    CHECK(Checked_.Kind == (ExpectedKind));                                                        \
    CHECK_THAT(Checked_.Text, Catch::Matchers::Contains(Substring));                               \
    CHECK(Checked_.Offset == static_cast<uint64_t>(ExpectedOffset));                               \
  } while (false)
