//===- tests/compiler/text/PrinterTest.cpp - Module IR back to text ---------===//
//
// What the printer writes for the cases where the text has a choice to make
// (floats, names, immediates left out at their defaults); that any module
// survives the round trip is checked over both testsuites by
// `wasmaot-spectest --round-trip`.
//
//===----------------------------------------------------------------------===//
#include "ErrorAssertions.h"
#include "TestHelpers.h"

#include "text/Printer.h"
#include "text/TextFormat.h"

#include <catch2/catch.hpp>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Text assembled, decoded and printed again.
std::string reprint(llvm::StringRef Text) {
  std::vector<uint8_t> Bytes = valueOf(assembleText(Text));
  ir::Module M = decodeOk(Bytes);
  return text::printModule(M);
}

} // namespace

TEST_CASE("floats print exactly", "[text][printer]") {
  std::string Text = reprint(R"((module (func
    f32.const 0x1.fffffep+127 drop      ;; the largest float
    f32.const 0x1p-149 drop             ;; the smallest subnormal
    f32.const -nan:0x200000 drop        ;; a negative NaN with a payload
    f32.const -inf drop
    f64.const 0.1 drop
    f64.const nan drop)))");
  CHECK_THAT(Text, Catch::Matchers::Contains("f32.const 0x1.fffffep+127\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("f32.const 0x1p-149\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("f32.const -nan:0x200000\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("f32.const -inf\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("f64.const 0x1.999999999999ap-4\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("f64.const nan:0x8000000000000\n"));
}

TEST_CASE("defaults are left out, everything else is written", "[text][printer]") {
  std::string Text = reprint(R"((module (memory 1) (memory i64 1 2)
    (func (param i32 i64)
      (drop (i32.load (local.get 0)))                  ;; natural alignment, memory 0
      (drop (i32.load 1 offset=8 align=1 (local.get 1)))
      (drop (v128.load8_lane 0 3 (local.get 0) (v128.const i64x2 1 2)))
      (memory.copy 1 0 (local.get 1) (local.get 0) (i32.const 4)))))");
  CHECK_THAT(Text, Catch::Matchers::Contains("i32.load\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("i32.load 1 offset=8 align=1\n"));
  // A lane instruction always names its memory: a lone lane number could be
  // read as one.
  CHECK_THAT(Text, Catch::Matchers::Contains("v128.load8_lane 0 3\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("v128.const i32x4 0x1 0x0 0x2 0x0\n"));
  CHECK_THAT(Text, Catch::Matchers::Contains("memory.copy 1 0)"));
  CHECK_THAT(Text, Catch::Matchers::Contains("(memory i64 1 2)"));
}

TEST_CASE("function names become ids, quoted when they must be", "[text][printer]") {
  std::string Text = reprint(R"((module
    (func $plain) (func $"with space") (func (export "f"))))");
  CHECK_THAT(Text, Catch::Matchers::Contains("(func $plain (type 0)"));
  CHECK_THAT(Text, Catch::Matchers::Contains("(func $\"with space\" (type 0)"));
  CHECK_THAT(Text, Catch::Matchers::Contains("(export \"f\" (func 2))"));
  // The text names what the binary names: it assembles to the same names.
  CHECK(reprint(Text) == Text);
}

TEST_CASE("strings escape what is not printable ASCII", "[text][printer]") {
  std::string Text = reprint(R"((module (memory 1) (data (i32.const 0) "a\"\\\00\ff")))");
  CHECK_THAT(Text, Catch::Matchers::Contains(R"((data (memory 0) (offset i32.const 0) "a\22\5c\00\ff"))"));
}
