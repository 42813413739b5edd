//===- tests/compiler/TestHelpers.h - Decoding and validating in tests -----===//
//
// Runs the frontend on test modules and hands back the module or the error's
// fields (ErrorAssertions.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ErrorAssertions.h"
#include "TestModules.h"

#include "decoder/Decoder.h"
#include "validator/Validator.h"

#include <string>

namespace wasmaot::test {

// Each in the language of Features (by default Wasm 3.0's).

/// Decoding Bytes must fail; returns why.
ErrorFields decodeError(const Bytes &B, const ir::Features &Features = ir::Features::wasm3());
/// Bytes must decode; validating the module must fail; returns why.
ErrorFields validationError(const Bytes &B,
                            const ir::Features &Features = ir::Features::wasm3());
/// Bytes must decode; returns the module.
ir::Module decodeOk(const Bytes &B, const ir::Features &Features = ir::Features::wasm3());
/// "ok" if Bytes decodes and validates, else the formatted error, so that a
/// failing CHECK(check(...) == "ok") shows the message.
std::string check(const Bytes &B, const ir::Features &Features = ir::Features::wasm3());

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
