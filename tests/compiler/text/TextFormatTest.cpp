//===- tests/compiler/text/TextFormatTest.cpp - The text front end ---------===//
//
// Text modules are assembled into the binary format, so each test states
// the binary a text should give (built with ModuleBuilder), or two texts that
// must give the same binary (an abbreviation and what it stands for), or the
// error with its line:column.
//
//===----------------------------------------------------------------------===//
#include "ErrorAssertions.h"
#include "TestModules.h"

#include "text/Lexer.h"
#include "text/TextFormat.h"

#include <catch2/catch.hpp>

using namespace wasmaot;
using namespace wasmaot::test;
using ir::ValType;

namespace {

Bytes assemble(llvm::StringRef Text) { return valueOf(assembleText(Text)); }

ErrorFields assembleError(llvm::StringRef Text) { return takeError(assembleText(Text)); }

/// The payload of a name section naming functions: (index, name) in order.
Bytes functionNames(std::initializer_list<std::pair<uint32_t, std::string_view>> Names) {
  Bytes Map = uleb(Names.size());
  for (const auto &[Index, Name] : Names)
    Map = cat({Map, uleb(Index), name(Name)});
  return cat({Bytes{1}, uleb(Map.size()), Map});
}

} // namespace

TEST_CASE("An empty module is the header alone", "[text]") {
  CHECK(assemble("(module)") == header());
  CHECK(assemble("  ;; a comment\n(module $m (; block (; nested ;) ;))") == header());
  CHECK(assemble("") == header()); // a module of no fields, without `(module`
}

TEST_CASE("Fields without `(module` form a module", "[text]") {
  CHECK(assemble("(func) (memory 1)") == assemble("(module (func) (memory 1))"));
}

TEST_CASE("A function with named parameters, locals and an export", "[text]") {
  ModuleBuilder B;
  uint32_t T = B.type({ValType::I32, ValType::I64}, {ValType::I32});
  uint32_t F = B.function(T,
                          {op::LocalGet, 0, op::LocalGet, 2, op::I32Add, op::LocalSet, 3,
                           op::LocalGet, 3, op::End},
                          {{2, ValType::I32}});
  B.exportEntity("f", ir::ExternKind::Func, F);
  B.custom("name", functionNames({{0, "f"}}));
  const char *Flat = R"((module
    (func $f (export "f") (param $a i32) (param i64) (result i32) (local $x i32) (local i32)
      local.get $a
      local.get $x
      i32.add
      local.set 3
      local.get 3)))";
  const char *Folded = R"((module
    (func $f (export "f") (param $a i32) (param i64) (result i32) (local $x i32) (local i32)
      (local.set 3 (i32.add (local.get $a) (local.get $x)))
      (local.get 3))))";
  CHECK(assemble(Flat) == B.build());
  CHECK(assemble(Folded) == B.build());
}

TEST_CASE("Type uses match the first equal type, or add one in text order", "[text]") {
  ModuleBuilder B;
  B.type({ValType::I32}, {});                       // 0: $t
  B.type({ValType::I64}, {});                       // 1: the second func's, added
  B.type({ValType::F32}, {ValType::F32});           // 2: call_indirect's, added
  B.function(0, {op::End});
  B.function(1, {op::I32Const, 0, op::CallIndirect, 2, 0, op::Drop, op::End});
  B.function(0, {op::End});
  B.table(ValType::FuncRef, 0);
  CHECK(assemble(R"((module
    (type $t (func (param i32)))
    (table 0 funcref)
    (func (param i32))
    (func (param i64)
      (drop (call_indirect (param f32) (result f32) (i32.const 0))))
    (func (type $t) (param i32))))") == B.build());
}

TEST_CASE("An inline type use must agree with its (type)", "[text]") {
  ErrorFields E = assembleError("(module (type $t (func (param i32)))\n"
                                "  (func (type $t) (param i64)))");
  CHECK(E.Kind == ErrorKind::Malformed);
  CHECK(E.Line == 2);
  CHECK(E.Column == 19);
}

TEST_CASE("Imports, inline or not, come before definitions", "[text]") {
  ModuleBuilder B;
  uint32_t T = B.type({ValType::I32}, {});
  B.importFunction(T, "n");
  B.importGlobal(ValType::I32, true, "g");
  B.custom("name", functionNames({{0, "f"}}));
  CHECK(assemble(R"((module (func $f (import "env" "n") (param i32))
                              (global (import "env" "g") (mut i32))))") == B.build());

  ErrorFields E = assembleError("(module (func)\n (import \"m\" \"n\" (func)))");
  CHECK(E.Kind == ErrorKind::Malformed);
  CHECK(E.Text == "import after func definition");
  CHECK(E.Line == 2);
}

TEST_CASE("Labels resolve to depths; end labels must match", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.function(0, {op::Block, ty::EmptyBlock, op::Block, ty::EmptyBlock, op::Br, 1, op::Br, 0,
                 op::End, op::End, op::End});
  CHECK(assemble("(func block $a block $b br $a br $b end $b end $a)") == B.build());
  CHECK(assemble("(func (block $a (block $b (br $a) (br 0))))") == B.build());

  ErrorFields Unknown = assembleError("(func\n  block $a br $c end)");
  CHECK(Unknown.Text == "unknown label $c");
  CHECK(Unknown.Line == 2);
  CHECK(Unknown.Column == 15);
  CHECK(assembleError("(func block $a end $b)").Text == "mismatching label $b after `end`");
}

TEST_CASE("Folded if evaluates its condition first", "[text]") {
  CHECK(assemble("(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) "
                 "(else (i32.const 3))))") ==
        assemble("(func (result i32) i32.const 1 if (result i32) i32.const 2 else i32.const 3 "
                 "end)"));
}

TEST_CASE("Multi-value block types become type indices", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.type({ValType::I32}, {ValType::I32, ValType::I32});
  B.function(0, {op::I32Const, 1, op::Block, 1, op::I32Const, 2, op::End, op::Drop, op::Drop,
                 op::End});
  CHECK(assemble("(func i32.const 1 block (param i32) (result i32 i32) i32.const 2 end drop "
                 "drop)") == B.build());
  CHECK(assembleError("(func block (param $x i32) end)").Kind == ErrorKind::Malformed);
}

TEST_CASE("Memory with inline data", "[text]") {
  ModuleBuilder B;
  B.memory(1, 1);
  B.dataSegment({0x00, op::I32Const, 0, op::End, 2, 'a', 'b'});
  CHECK(assemble("(memory (data \"a\" \"b\"))") == B.build());
}

TEST_CASE("Tables with inline elements, and the element segment forms", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.table(ValType::FuncRef, 2, 2);
  B.function(0, {op::End});
  B.elemSegment({0x00, op::I32Const, 0, op::End, 2, 0, 0});
  B.custom("name", functionNames({{0, "f"}}));
  CHECK(assemble("(table funcref (elem $f $f)) (func $f)") == B.build());

  // Passive, declarative, and expressions.
  ModuleBuilder P;
  P.type({}, {});
  P.function(0, {op::End});
  P.elemSegment({0x01, 0x00, 1, 0});
  P.elemSegment({0x03, 0x00, 1, 0});
  P.elemSegment({0x05, ty::FuncRef, 2, op::RefFunc, 0, op::End, op::RefNull, ty::FuncRef,
                 op::End});
  P.custom("name", functionNames({{0, "f"}}));
  CHECK(assemble("(func $f) (elem func $f) (elem declare func $f) "
                 "(elem funcref (ref.func $f) (item ref.null func))") == P.build());

  // Active, with the table given, offsets as `(offset ...)` or one folded
  // instruction.
  ModuleBuilder A;
  A.type({}, {});
  A.table(ValType::FuncRef, 1);
  A.table(ValType::FuncRef, 1);
  A.function(0, {op::End});
  A.elemSegment({0x00, op::I32Const, 0, op::End, 1, 0});
  A.elemSegment({0x02, 1, op::I32Const, 0, op::End, 0x00, 1, 0});
  A.custom("name", functionNames({{0, "f"}}));
  CHECK(assemble("(table 1 funcref) (table $t 1 funcref) (func $f) (elem (i32.const 0) $f) "
                 "(elem (table $t) (offset i32.const 0) func $f)") == A.build());
}

TEST_CASE("Memory arguments", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.memory(1);
  B.function(0, {op::I32Const, 0, op::I32Load, 1, 8, op::Drop, op::I32Const, 0, op::I32Load, 2,
                 0, op::Drop, op::End});
  CHECK(assemble("(memory 1) (func (drop (i32.load offset=8 align=2 (i32.const 0))) "
                 "(drop (i32.load (i32.const 0))))") == B.build());
  ErrorFields E = assembleError("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))");
  CHECK(E.Text == "alignment must be a power of two");
  CHECK(E.Column == 34);
}

TEST_CASE("Constants", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.function(0, {op::I32Const, 0x7F, op::Drop,                         // -1
                 op::I64Const, 0x80, 0x80, 0x80, 0x80, 0x10, op::Drop,  // 0x1_0000_0000
                 op::F32Const, 0x00, 0x00, 0xA0, 0x7F, op::Drop,        // nan:0x200000
                 op::F64Const, 0, 0, 0, 0, 0, 0, 0xF0, 0xBF, op::Drop,  // -1.0
                 op::End});
  CHECK(assemble("(func (drop (i32.const -1)) (drop (i64.const 0x1_0000_0000)) "
                 "(drop (f32.const nan:0x200000)) (drop (f64.const -0x1p0)))") == B.build());
  CHECK(assembleError("(func (drop (i32.const 4294967296)))").Text == "constant out of range");
}

TEST_CASE("v128 constants by lane shape", "[text]") {
  CHECK(assemble("(func (drop (v128.const i32x4 1 2 3 4)))") ==
        assemble("(func (drop (v128.const i8x16 1 0 0 0 2 0 0 0 3 0 0 0 4 0 0 0)))"));
  CHECK(assemble("(func (drop (v128.const f32x4 1 1 1 1)))") ==
        assemble("(func (drop (v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 "
                 "0x3f800000)))"));
}

TEST_CASE("Names: duplicates, unknown ones, quoted ones", "[text]") {
  ErrorFields Dup = assembleError("(func $f)\n(func $f)");
  CHECK(Dup.Text == "duplicate func $f");
  CHECK(Dup.Line == 2);
  CHECK(Dup.Column == 7);
  ErrorFields Unknown = assembleError("(func call $g)");
  CHECK(Unknown.Text == "unknown function $g");
  CHECK(Unknown.Column == 12);
  CHECK(assemble("(func $\"a b\") (func call $\"a b\")") ==
        assemble("(func $\"a b\") (func call 0)"));
  CHECK(assemble("(func $abc) (start $\"abc\")") == assemble("(func $abc) (start 0)"));
  CHECK(assembleError("(func $\"\")").Text == "empty identifier");
  CHECK(assembleError("(func $\"\\ef\")").Text == "malformed UTF-8 encoding");
  CHECK(assembleError("(func (local $x i32) (local $x i32))").Text == "duplicate local $x");
}

TEST_CASE("Function ids go into the name section", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.importFunction(0, "f");
  B.function(0, {op::End});
  B.function(0, {op::End});
  B.custom("name", functionNames({{0, "imported"}, {2, "last"}}));
  CHECK(assemble("(func $imported (import \"env\" \"f\")) (func) (func $last)") == B.build());
}

TEST_CASE("memory.init and data.drop bring a data count section", "[text]") {
  ModuleBuilder B;
  B.type({}, {});
  B.memory(1);
  B.function(0, {op::I32Const, 0, op::I32Const, 0, op::I32Const, 0, op::PrefixFC, op::MemoryInit,
                 0, 0, op::PrefixFC, op::DataDrop, 0, op::End});
  B.dataCount(1);
  B.dataSegment({0x01, 0});
  CHECK(assemble("(memory 1) (data $d \"\") (func (memory.init $d (i32.const 0) (i32.const 0) "
                 "(i32.const 0)) (data.drop $d))") == B.build());
}

TEST_CASE("Binary and quoted modules", "[text]") {
  CHECK(assemble(R"((module binary "\00asm" "\01\00\00\00"))") == header());
  CHECK(assemble(R"x((module quote "(func" " $f)"))x") == assemble("(func $f)"));
}

TEST_CASE("Lexical errors name their position", "[text]") {
  ErrorFields String = assembleError("(module\n  (export \"abc))");
  CHECK(String.Text == "unclosed string");
  CHECK(String.Line == 2);
  CHECK(String.Column == 11);
  CHECK(assembleError("(module (; open").Text == "unclosed comment");
  CHECK(assembleError("(func i32.const0)").Text == "unknown operator i32.const0");
  // A reserved token: atoms must be separated.
  CHECK(assembleError("(func (export \"a\"\"b\"))").Kind == ErrorKind::Malformed);
}

TEST_CASE("Annotations are skipped", "[text]") {
  CHECK(assemble("(module (@custom \"x\" (after func) \"bytes\") (func (@name \"f\")))") ==
        assemble("(func)"));
}

TEST_CASE("Identifiers name the same thing however written", "[text]") {
  auto Tokens = valueOf(text::tokenize("$abc $\"abc\" $\"\\61bc\""));
  REQUIRE(Tokens.size() == 4);
  CHECK(text::identifierName(Tokens[0]) == "abc");
  CHECK(text::identifierName(Tokens[1]) == "abc");
  CHECK(text::identifierName(Tokens[2]) == "abc");
}
