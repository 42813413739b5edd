//===- tests/spectest/WastValueTest.cpp ------------------------------------===//
//
// Expected results of scripts: `either` alternatives and the reference
// patterns of the Wasm 3.0 suite accept exactly the results they describe,
// and `assert_exception` is a command the runner reads.
//
//===----------------------------------------------------------------------===//
#include "WastScript.h"
#include "WastValue.h"
#include "text/Lexer.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;

namespace {

WastValue parse(const char *Text) {
  auto Tokens = text::tokenize(Text);
  REQUIRE(static_cast<bool>(Tokens));
  text::TokenCursor C(*Tokens, 0);
  auto V = parseWastValue(C, /*AllowEither=*/true);
  REQUIRE(static_cast<bool>(V));
  return std::move(*V);
}

std::string parseError(const char *Text) {
  auto Tokens = text::tokenize(Text);
  REQUIRE(static_cast<bool>(Tokens));
  text::TokenCursor C(*Tokens, 0);
  auto V = parseWastValue(C, /*AllowEither=*/false);
  REQUIRE_FALSE(static_cast<bool>(V));
  return llvm::toString(V.takeError());
}

runtime::Slot i32(uint32_t V) {
  runtime::Slot S;
  std::memcpy(S.Bytes, &V, 4);
  return S;
}

runtime::Slot pointer(uintptr_t P) {
  runtime::Slot S;
  std::memcpy(S.Bytes, &P, sizeof P);
  return S;
}

constexpr uint8_t I32 = 0x7F, I64 = 0x7E, FuncRef = 0x70, ExternRef = 0x6F, StructRef = 0x6B,
                  NoneRef = 0x71;

} // namespace

TEST_CASE("either accepts any of its alternatives and nothing else", "[wast]") {
  WastValue V = parse("(either (i32.const 1) (i32.const 2))");
  CHECK(V.accepts(I32, i32(1)));
  CHECK(V.accepts(I32, i32(2)));
  CHECK_FALSE(V.accepts(I32, i32(3)));
  CHECK_FALSE(V.accepts(I64, i32(2)));
  CHECK(V.describe() == "either(i32:1 | i32:2)");

  WastValue Nan = parse("(either (f32.const nan:canonical) (f32.const 0))");
  CHECK(Nan.accepts(0x7D, i32(0x7fc00000)));
  CHECK(Nan.accepts(0x7D, i32(0)));
  CHECK_FALSE(Nan.accepts(0x7D, i32(0x7fa00000)));
}

TEST_CASE("either is a result form only", "[wast]") {
  CHECK_THAT(parseError("(either (i32.const 1))"),
             Catch::Contains("unsupported constant `either`"));
}

TEST_CASE("a null without a heap type is a null of any reference type", "[wast]") {
  WastValue V = parse("(ref.null)");
  CHECK(V.accepts(FuncRef, pointer(0)));
  CHECK(V.accepts(ExternRef, pointer(0)));
  CHECK(V.accepts(NoneRef, pointer(0)));
  CHECK_FALSE(V.accepts(FuncRef, pointer(0x1000)));
  CHECK_FALSE(V.accepts(I32, i32(0)));
}

TEST_CASE("a null of a heap type matches nulls of its hierarchy only", "[wast]") {
  WastValue None = parse("(ref.null none)");
  CHECK(None.accepts(StructRef, pointer(0)));
  CHECK_FALSE(None.accepts(FuncRef, pointer(0)));
  WastValue NoFunc = parse("(ref.null nofunc)");
  CHECK(NoFunc.accepts(FuncRef, pointer(0)));
  CHECK_FALSE(NoFunc.accepts(ExternRef, pointer(0)));
  CHECK(parseError("(ref.null nothing)").find("expected a heap type") != std::string::npos);
}

TEST_CASE("reference patterns match non-null references of their kind", "[wast]") {
  WastValue Struct = parse("(ref.struct)");
  CHECK(Struct.accepts(StructRef, pointer(0x1000)));
  CHECK_FALSE(Struct.accepts(StructRef, pointer(0)));
  CHECK_FALSE(Struct.accepts(ExternRef, pointer(0x1000)));
  CHECK(Struct.describe() == "anyref:non-null struct");
  WastValue Extern = parse("(ref.extern 3)");
  CHECK(Extern.accepts(ExternRef, pointer(4)));
  CHECK_FALSE(Extern.accepts(ExternRef, pointer(5)));
}

TEST_CASE("assert_exception reads its action", "[wast]") {
  llvm::SmallString<128> Dir;
  REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("wast-value-test", Dir));
  auto Script = readWastScript("(module (func (export \"f\")))\n"
                               "(assert_exception (invoke \"f\"))\n",
                               Dir);
  REQUIRE(static_cast<bool>(Script));
  REQUIRE(Script->Commands.size() == 2);
  const Command &C = Script->Commands[1];
  CHECK(C.Kind == CommandKind::AssertException);
  CHECK(C.ReadError.empty());
  REQUIRE(C.Act.has_value());
  llvm::sys::fs::remove_directories(Dir);
}
