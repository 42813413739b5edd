//===- tests/compiler/validator/FunctionValidatorTest.cpp ------------------===//
//
// Typing of instructions: the operand stack, its polymorphism after
// unreachable code, blocks, branches, and index and immediate checks. Every
// error must point at the instruction that broke the rule.
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;
using ir::ValType;

namespace {

const Bytes F64One = {op::F64Const, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F};
const Bytes V128Zero = cat({{op::PrefixFD, op::V128Const}, Bytes(16, 0)});

/// "ok" or the error for a module whose only function has type
/// [Params] -> [Results] and the given body.
std::string checkBody(std::vector<ValType> Params, std::vector<ValType> Results, const Bytes &Body,
                      ModuleBuilder::Locals Locals = {}) {
  return check(
      singleFunction(std::move(Params), std::move(Results), Body, nullptr, std::move(Locals)));
}

/// The validation error of such a module; Code receives the offset of the
/// body's first instruction.
ErrorFields bodyError(std::vector<ValType> Params, std::vector<ValType> Results, const Bytes &Body,
                      uint64_t &Code, ModuleBuilder::Locals Locals = {}) {
  return validationError(
      singleFunction(std::move(Params), std::move(Results), Body, &Code, std::move(Locals)));
}

/// A module with one memory and one function [] -> [] with Body.
Bytes withMemory(const Bytes &Body, uint64_t &Code) {
  ModuleBuilder B;
  B.memory(1);
  B.function(B.type({}, {}), Body);
  Bytes M = B.build();
  Code = B.codeOffset(0);
  return M;
}

} // namespace

TEST_CASE("operand types must match", "[validator]") {
  uint64_t Code;
  SECTION("a function result") {
    ErrorFields E = bodyError({}, {ValType::I32}, cat({F64One, {op::End}}), Code);
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch: expected i32, got f64", Code + 9);
    CHECK(E.Context == "in function func[0]");
  }
  SECTION("an operator's operand") {
    Bytes Body = cat({{op::I32Const, 0x01}, F64One, {op::I32Add, op::Drop, op::End}});
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "type mismatch: expected i32, got f64", Code + 11);
  }
  SECTION("an empty stack") {
    CHECK_WASM_ERROR(bodyError({}, {}, {op::I32Const, 0x01, op::I32Add, op::Drop, op::End}, Code),
                     ErrorKind::Invalid, "type mismatch: expected i32, but the stack is empty",
                     Code + 2);
  }
  SECTION("values left over at the end") {
    CHECK_WASM_ERROR(bodyError({}, {}, {op::I32Const, 0x01, op::End}, Code), ErrorKind::Invalid,
                     "type mismatch", Code + 2);
  }
  SECTION("locals") {
    Bytes Body = {op::LocalGet, 0x01, op::LocalSet, 0x00, op::End};
    CHECK_WASM_ERROR(bodyError({ValType::I64}, {}, Body, Code, {{1, ValType::F32}}),
                     ErrorKind::Invalid, "type mismatch: expected i64, got f32", Code + 2);
    CHECK(checkBody({ValType::I64}, {ValType::F32},
                    {op::LocalGet, 0x01, op::LocalTee, 0x01, op::End},
                    {{1, ValType::F32}}) == "ok");
  }
  SECTION("return") {
    CHECK_WASM_ERROR(bodyError({}, {ValType::I32}, {op::I64Const, 0x00, op::Return, op::End}, Code),
                     ErrorKind::Invalid, "type mismatch: expected i32, got i64", Code + 2);
  }
}

TEST_CASE("unreachable code has a polymorphic stack", "[validator]") {
  CHECK(checkBody({}, {}, {op::Unreachable, op::I32Add, op::Drop, op::End}) == "ok");
  CHECK(checkBody({}, {ValType::I32, ValType::F64}, {op::Unreachable, op::End}) == "ok");
  CHECK(checkBody({}, {}, {op::Br, 0x00, op::I32Add, op::Drop, op::End}) == "ok");
  CHECK(checkBody({}, {}, {op::Unreachable, op::Select, op::Drop, op::End}) == "ok");
  CHECK(checkBody({}, {ValType::I64}, {op::Unreachable, op::Select, op::End}) == "ok");
  CHECK(checkBody({}, {},
                  {op::Unreachable, op::RefNull, ty::FuncRef, op::I32Const, 0x01, op::SelectT, 0x01,
                   ty::FuncRef, op::Drop, op::End}) == "ok");

  uint64_t Code;
  SECTION("values pushed after unreachable keep their types") {
    Bytes Body = {op::Unreachable, op::I64Const, 0x00, op::I32Add, op::Drop, op::End};
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "type mismatch: expected i32, got i64", Code + 3);
    Body = cat({{op::Return}, F64One, {op::I32Add, op::Drop, op::End}});
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "type mismatch: expected i32, got f64", Code + 10);
  }
  SECTION("select takes the type of its known operand") {
    Bytes Body = {op::Unreachable, op::I64Const, 0x00,     op::I32Const, 0x01,
                  op::Select,      op::I32Eqz,   op::Drop, op::End};
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "type mismatch: expected i32, got i64", Code + 6);
  }
  SECTION("untyped select rejects references even after unreachable") {
    Bytes Body = {op::Unreachable, op::RefNull, ty::FuncRef, op::I32Const, 0x01,
                  op::Select,      op::Drop,    op::End};
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid, "select without a type",
                     Code + 5);
  }
  SECTION("the stack below unreachable is gone, values above must still balance") {
    CHECK_WASM_ERROR(bodyError({}, {}, {op::Unreachable, op::I32Const, 0x00, op::End}, Code),
                     ErrorKind::Invalid, "type mismatch", Code + 3);
  }
}

TEST_CASE("select", "[validator]") {
  uint64_t Code;
  Bytes Mixed =
      cat({{op::I32Const, 0x01}, F64One, {op::I32Const, 0x01, op::Select, op::Drop, op::End}});
  CHECK_WASM_ERROR(bodyError({}, {}, Mixed, Code), ErrorKind::Invalid, "type mismatch", Code + 13);
  CHECK(checkBody({}, {ValType::V128},
                  cat({V128Zero, V128Zero, {op::I32Const, 0x00, op::Select, op::End}})) == "ok");
  Bytes TwoTypes = {op::I32Const, 0x01, op::I32Const, 0x01,    op::I32Const, 0x01,
                    op::SelectT,  0x02, ty::I32,      ty::I32, op::Drop,     op::End};
  CHECK_WASM_ERROR(bodyError({}, {}, TwoTypes, Code), ErrorKind::Invalid, "invalid result arity",
                   Code + 6);
}

TEST_CASE("blocks take parameters and produce results", "[validator][blocks]") {
  ModuleBuilder B;
  uint32_t Void = B.type({}, {});
  uint32_t Add = B.type({ValType::I32, ValType::I32}, {ValType::I32});
  uint32_t Pair = B.type({}, {ValType::I32, ValType::I64});
  uint32_t Same = B.type({ValType::I32}, {ValType::I32});
  uint32_t Produce = B.type({}, {ValType::I32});
  auto Check = [&](const Bytes &Body) {
    ModuleBuilder C = B;
    C.function(Void, Body);
    return check(C.build());
  };
  auto Error = [&](const Bytes &Body, uint64_t &Code) {
    ModuleBuilder C = B;
    C.function(Void, Body);
    Bytes M = C.build();
    Code = C.codeOffset(0);
    return validationError(M);
  };

  CHECK(Check({op::I32Const, 0x01, op::I32Const, 0x02, op::Block, uint8_t(Add), op::I32Add, op::End,
               op::Drop, op::End}) == "ok");
  CHECK(Check({op::Block, uint8_t(Pair), op::I32Const, 0x01, op::I64Const, 0x02, op::End, op::Drop,
               op::Drop, op::End}) == "ok");
  // A branch to a loop carries the loop's parameters, not its results.
  CHECK(Check({op::I32Const, 0x00, op::Loop, uint8_t(Same), op::Br, 0x00, op::End, op::Drop,
               op::End}) == "ok");
  CHECK(Check({op::Loop, uint8_t(Produce), op::I32Const, 0x00, op::Br, 0x00, op::End, op::Drop,
               op::End}) == "ok");

  uint64_t Code;
  SECTION("missing parameters") {
    CHECK_WASM_ERROR(
        Error({op::I32Const, 0x01, op::Block, uint8_t(Add), op::I32Add, op::End, op::Drop, op::End},
              Code),
        ErrorKind::Invalid, "type mismatch: expected i32, but the stack is empty", Code + 2);
  }
  SECTION("results in the wrong order") {
    CHECK_WASM_ERROR(Error({op::Block, uint8_t(Pair), op::I64Const, 0x01, op::I32Const, 0x02,
                            op::End, op::Drop, op::Drop, op::End},
                           Code),
                     ErrorKind::Invalid, "type mismatch: expected i64, got i32", Code + 6);
  }
  SECTION("a branch to a block carries its results") {
    CHECK_WASM_ERROR(
        Error({op::Block, uint8_t(Produce), op::Br, 0x00, op::End, op::Drop, op::End}, Code),
        ErrorKind::Invalid, "type mismatch: expected i32, but the stack is empty", Code + 2);
  }
  SECTION("an inner block cannot see the values outside it") {
    CHECK_WASM_ERROR(
        Error({op::I32Const, 0x01, op::Block, ty::EmptyBlock, op::Drop, op::End, op::End}, Code),
        ErrorKind::Invalid, "type mismatch", Code + 4);
  }
}

TEST_CASE("if without else must pass its parameters through", "[validator][blocks]") {
  uint64_t Code;
  CHECK_WASM_ERROR(bodyError({}, {},
                             {op::I32Const, 0x01, op::If, ty::I32, op::I32Const, 0x01, op::End,
                              op::Drop, op::End},
                             Code),
                   ErrorKind::Invalid, "if without else", Code + 6);
  CHECK(checkBody({}, {},
                  {op::I32Const, 0x01, op::If, ty::I32, op::I32Const, 0x01, op::Else, op::I32Const,
                   0x02, op::End, op::Drop, op::End}) == "ok");

  ModuleBuilder B;
  B.function(B.type({}, {}),
             {op::I32Const, 0x05, op::I32Const, 0x01, op::If, 0x01, op::End, op::Drop, op::End});
  B.type({ValType::I32}, {ValType::I32});
  CHECK(check(B.build()) == "ok");

  SECTION("the else arm is checked against the results too") {
    CHECK_WASM_ERROR(bodyError({}, {},
                               {op::I32Const, 0x01, op::If, ty::I32, op::I32Const, 0x01, op::Else,
                                op::I64Const, 0x02, op::End, op::Drop, op::End},
                               Code),
                     ErrorKind::Invalid, "type mismatch: expected i32, got i64", Code + 9);
  }
  SECTION("the condition is an i32") {
    CHECK_WASM_ERROR(
        bodyError({}, {}, {op::I64Const, 0x01, op::If, ty::EmptyBlock, op::End, op::End}, Code),
        ErrorKind::Invalid, "type mismatch: expected i32, got i64", Code + 2);
  }
  SECTION("else belongs to an if") {
    CHECK_WASM_ERROR(
        bodyError({}, {}, {op::Block, ty::EmptyBlock, op::Else, op::End, op::End}, Code),
        ErrorKind::Invalid, "else without a matching if", Code + 2);
  }
}

TEST_CASE("br_table targets must agree", "[validator][branches]") {
  uint64_t Code;
  SECTION("labels of different arity") {
    Bytes Body = {op::Block,   ty::I32, op::Block, ty::EmptyBlock, op::I32Const, 0x00,
                  op::BrTable, 0x01,    0x00,      0x01,           op::End,      op::I32Const,
                  0x00,        op::End, op::Drop,  op::End};
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "br_table targets have different arities", Code + 6);
  }
  SECTION("operands of the wrong type") {
    Bytes Body = {op::Block,   ty::I32, op::I64Const, 0x00,    op::I32Const, 0x00,
                  op::BrTable, 0x00,    0x00,         op::End, op::Drop,     op::End};
    CHECK_WASM_ERROR(bodyError({}, {}, Body, Code), ErrorKind::Invalid,
                     "type mismatch: expected i32, got i64", Code + 6);
  }
  SECTION("an unknown target") {
    CHECK_WASM_ERROR(
        bodyError({}, {}, {op::I32Const, 0x00, op::BrTable, 0x01, 0x05, 0x00, op::End}, Code),
        ErrorKind::Invalid, "unknown label 5", Code + 2);
  }
  SECTION("valid tables") {
    CHECK(checkBody({}, {},
                    {op::Block, ty::I32, op::Block, ty::I32, op::I32Const, 0x07, op::I32Const, 0x00,
                     op::BrTable, 0x01, 0x00, 0x01, op::End, op::End, op::Drop, op::End}) == "ok");
    // Labels of the same arity but different types meet in unreachable code
    // (the spec's br_table.wast "meet-bottom").
    CHECK(checkBody({}, {},
                    cat({{op::Block, ty::F64, op::Block, ty::F32, op::Unreachable, op::I32Const,
                          0x01, op::BrTable, 0x02, 0x00, 0x01, 0x01, op::End, op::Drop},
                         F64One,
                         {op::End, op::Drop, op::End}})) == "ok");
  }
}

TEST_CASE("unknown indices", "[validator][indices]") {
  uint64_t Code;
  CHECK_WASM_ERROR(bodyError({}, {}, {op::Br, 0x01, op::End}, Code), ErrorKind::Invalid,
                   "unknown label 1", Code);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::I32Const, 0x00, op::BrIf, 0x02, op::End}, Code),
                   ErrorKind::Invalid, "unknown label 2", Code + 2);
  CHECK_WASM_ERROR(bodyError({ValType::I32}, {}, {op::LocalGet, 0x02, op::Drop, op::End}, Code,
                             {{1, ValType::I64}}),
                   ErrorKind::Invalid, "unknown local 2", Code);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::GlobalGet, 0x00, op::Drop, op::End}, Code),
                   ErrorKind::Invalid, "unknown global 0", Code);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::Call, 0x01, op::End}, Code), ErrorKind::Invalid,
                   "unknown function 1", Code);
  CHECK_WASM_ERROR(
      bodyError({}, {}, {op::I32Const, 0x00, op::TableGet, 0x00, op::Drop, op::End}, Code),
      ErrorKind::Invalid, "unknown table 0", Code + 2);
  CHECK_WASM_ERROR(
      bodyError({}, {}, {op::I32Const, 0x00, op::I32Load, 0x02, 0x00, op::Drop, op::End}, Code),
      ErrorKind::Invalid, "unknown memory 0", Code + 2);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::MemorySize, 0x00, op::Drop, op::End}, Code),
                   ErrorKind::Invalid, "unknown memory 0", Code);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::Block, 0x05, op::End, op::End}, Code), ErrorKind::Invalid,
                   "unknown type 5", Code);
  CHECK_WASM_ERROR(bodyError({}, {}, {op::PrefixFC, op::ElemDrop, 0x00, op::End}, Code),
                   ErrorKind::Invalid, "unknown elem segment 0", Code);

  ModuleBuilder Indirect;
  Indirect.table(ValType::FuncRef, 1);
  Indirect.function(Indirect.type({}, {}),
                    {op::I32Const, 0x00, op::CallIndirect, 0x03, 0x00, op::End});
  Bytes M = Indirect.build();
  CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown type 3",
                   Indirect.codeOffset(0) + 2);

  ModuleBuilder Data;
  Data.dataCount(0);
  Data.function(Data.type({}, {}), {op::Nop, op::PrefixFC, op::DataDrop, 0x00, op::End});
  M = Data.build();
  CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown data segment 0",
                   Data.codeOffset(0) + 1);
}

TEST_CASE("calls check their signatures", "[validator]") {
  ModuleBuilder B;
  uint32_t Callee = B.type({ValType::I32, ValType::I64}, {ValType::F32});
  uint32_t Void = B.type({}, {});
  B.importFunction(Callee);
  B.table(ValType::ExternRef, 1);
  SECTION("direct") {
    B.function(Void, {op::I64Const, 0x00, op::I32Const, 0x00, op::Call, 0x00, op::Drop, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "type mismatch: expected i64, got i32",
                     B.codeOffset(0) + 4);
  }
  SECTION("through a table of externref") {
    B.function(Void, {op::I32Const, 0x00, op::I64Const, 0x00, op::I32Const, 0x00, op::CallIndirect,
                      0x00, 0x00, op::Drop, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                     "call_indirect through a table of externref", B.codeOffset(0) + 6);
  }
}

TEST_CASE("global.set needs a mutable global", "[validator]") {
  ModuleBuilder B;
  B.importGlobal(ValType::I32, false);
  B.global(ValType::I32, false, {op::I32Const, 0x00, op::End});
  B.global(ValType::I32, true, {op::I32Const, 0x00, op::End});
  uint32_t T = B.type({}, {});
  for (uint32_t Global : {0, 1}) {
    ModuleBuilder C = B;
    C.function(T, {op::I32Const, 0x01, op::GlobalSet, uint8_t(Global), op::End});
    Bytes M = C.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "global is immutable",
                     C.codeOffset(0) + 2);
  }
  B.function(T, {op::I32Const, 0x01, op::GlobalSet, 0x02, op::End});
  CHECK(check(B.build()) == "ok");
}

TEST_CASE("ref.func needs a declared function reference", "[validator][refs]") {
  ModuleBuilder B;
  uint32_t T = B.type({}, {});
  B.function(T, {op::RefFunc, 0x01, op::Drop, op::End});
  B.function(T, {op::End});
  SECTION("undeclared") {
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "undeclared function reference",
                     B.codeOffset(0));
  }
  SECTION("the start function is not a declaration") {
    B.start(1);
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "undeclared function reference",
                     B.codeOffset(0));
  }
  SECTION("declared by an export") {
    B.exportEntity("f", ir::ExternKind::Func, 1);
    CHECK(check(B.build()) == "ok");
  }
  SECTION("declared by a declarative element segment") {
    B.elemSegment({0x03, 0x00, 0x01, 0x01});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("declared by a passive element expression") {
    B.elemSegment({0x05, ty::FuncRef, 0x01, op::RefFunc, 0x01, op::End});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("declared by a global's initializer") {
    B.global(ValType::FuncRef, false, {op::RefFunc, 0x01, op::End});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("an unknown function") {
    ModuleBuilder C;
    C.function(C.type({}, {}), {op::RefFunc, 0x09, op::Drop, op::End});
    Bytes M = C.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown function 9", C.codeOffset(0));
  }
}

TEST_CASE("alignment may not exceed the natural alignment", "[validator][memory]") {
  struct Case {
    Bytes Load;
    bool Valid;
  };
  const Case Cases[] = {
      {{op::I32Load, 0x02, 0x00}, true},
      {{op::I32Load, 0x03, 0x00}, false},
      {{op::I32Load8U, 0x00, 0x00}, true},
      {{op::I32Load8U, 0x01, 0x00}, false},
      {{op::I64Load, 0x03, 0x00}, true},
      {{op::I64Load, 0x04, 0x00}, false},
      {{op::PrefixFD, op::V128Load, 0x04, 0x00}, true},
      {{op::PrefixFD, op::V128Load, 0x05, 0x00}, false},
      {{op::I32Load, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00}, false},
  };
  for (const Case &C : Cases) {
    INFO("alignment byte 0x" << std::hex << unsigned(C.Load[C.Load[0] == op::PrefixFD ? 2 : 1]));
    uint64_t Code;
    Bytes M = withMemory(cat({{op::I32Const, 0x00}, C.Load, {op::Drop, op::End}}), Code);
    if (C.Valid) {
      CHECK(check(M) == "ok");
      continue;
    }
    // An alignment with bit 6 or above set is a memory index flag (or
    // malformed) with multi-memory: Wasm 2.0 reads it as an alignment.
    CHECK_WASM_ERROR(validationError(M, ir::Features::wasm2()), ErrorKind::Invalid,
                     "alignment must not be larger than natural", Code + 2);
  }
}

TEST_CASE("memory instructions take the address type of their memory", "[validator][memory]") {
  uint64_t Code = 0;
  auto Module = [&Code](bool Is64, Bytes Body) {
    ModuleBuilder B;
    B.memory64(1, Is64);
    B.function(B.type({}, {}), cat({Body, {op::End}}));
    Bytes M = B.build();
    Code = B.codeOffset(0);
    return M;
  };
  const Bytes Load64 = {op::I64Const, 0x00, op::I32Load, 0x02, 0x00, op::Drop};
  const Bytes Load32 = {op::I32Const, 0x00, op::I32Load, 0x02, 0x00, op::Drop};
  CHECK(check(Module(true, Load64)) == "ok");
  CHECK(check(Module(false, Load32)) == "ok");
  // The load is at Code + 2, after the address's const.
  CHECK_WASM_ERROR(validationError(Module(true, Load32)), ErrorKind::Invalid, "type mismatch",
                   Code + 2);
  CHECK_WASM_ERROR(validationError(Module(false, Load64)), ErrorKind::Invalid, "type mismatch",
                   Code + 2);
  // memory.size and memory.grow answer in the address type.
  CHECK(check(Module(true, {op::MemorySize, 0x00, op::I64Const, 0x01, op::I64Add, op::Drop})) ==
        "ok");
  CHECK(check(Module(true, {op::I64Const, 0x01, op::MemoryGrow, 0x00, op::Drop})) == "ok");
  // A 32-bit memory's offsets must fit 32 bits.
  Bytes FarOffset = {op::I32Const, 0x00, op::I32Load, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10, op::Drop};
  CHECK_WASM_ERROR(validationError(Module(false, FarOffset)), ErrorKind::Invalid,
                   "offset out of range", Code + 2);
}

TEST_CASE("lane indices must be in range", "[validator][simd]") {
  uint64_t Code;
  auto Extract = [](uint8_t Opcode, uint8_t Lane) {
    return cat({V128Zero, {op::PrefixFD, Opcode, Lane, op::Drop, op::End}});
  };
  CHECK(checkBody({}, {}, Extract(op::I8x16ExtractLaneS, 15)) == "ok");
  CHECK_WASM_ERROR(bodyError({}, {}, Extract(op::I8x16ExtractLaneS, 16), Code), ErrorKind::Invalid,
                   "invalid lane index 16", Code + 18);
  CHECK(checkBody({}, {}, Extract(op::I32x4ExtractLane, 3)) == "ok");
  CHECK_WASM_ERROR(bodyError({}, {}, Extract(op::I32x4ExtractLane, 4), Code), ErrorKind::Invalid,
                   "invalid lane index 4", Code + 18);

  Bytes Shuffle =
      cat({V128Zero, V128Zero, {op::PrefixFD, 0x0D}, Bytes(15, 31), {32}, {op::Drop, op::End}});
  CHECK_WASM_ERROR(bodyError({}, {}, Shuffle, Code), ErrorKind::Invalid, "invalid lane index 32",
                   Code + 36);

  auto LoadLane = [](uint8_t Lane) {
    return cat({{op::I32Const, 0x00},
                V128Zero,
                {op::PrefixFD, op::V128Load8Lane, 0x00, 0x00, Lane, op::Drop, op::End}});
  };
  CHECK(check(withMemory(LoadLane(15), Code)) == "ok");
  CHECK_WASM_ERROR(validationError(withMemory(LoadLane(16), Code)), ErrorKind::Invalid,
                   "invalid lane index 16", Code + 20);
}

TEST_CASE("table instructions check element types", "[validator][tables]") {
  ModuleBuilder B;
  B.table(ValType::FuncRef, 1);
  B.table(ValType::ExternRef, 1);
  B.elemSegment({0x05, ty::ExternRef, 0x00});
  uint32_t T = B.type({}, {});
  auto Error = [&](const Bytes &Body) {
    ModuleBuilder C = B;
    C.function(T, Body);
    Bytes M = C.build();
    return std::pair{validationError(M), C.codeOffset(0)};
  };
  const Bytes Three = {op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00};
  {
    auto [E, Code] = Error(cat({Three, {op::PrefixFC, op::TableInit, 0x00, 0x00, op::End}}));
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch: cannot copy externref", Code + 6);
  }
  {
    auto [E, Code] = Error(cat({Three, {op::PrefixFC, op::TableCopy, 0x00, 0x01, op::End}}));
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch: cannot copy externref", Code + 6);
  }
  {
    auto [E, Code] = Error({op::I32Const, 0x00, op::RefNull, ty::FuncRef, 0x26, 0x01, op::End});
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch: expected externref, got funcref",
                     Code + 4);
  }
  B.function(T, cat({Three, {op::PrefixFC, op::TableInit, 0x00, 0x01, op::End}}));
  CHECK(check(B.build()) == "ok");
}

TEST_CASE("errors name the function they occur in", "[validator][names]") {
  ModuleBuilder B;
  uint32_t T = B.type({}, {});
  B.importFunction(T);
  B.function(T, {op::End});
  B.function(T, {op::I32Const, 0x00, op::End});
  SECTION("by index, counting imports") {
    Bytes M = B.build();
    ErrorFields E = validationError(M);
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch", B.codeOffset(1) + 2);
    CHECK(E.Context == "in function func[2]");
  }
  SECTION("by the name section's name") {
    Bytes Names = cat({{0x01, 0x02}, name("helper")});
    B.custom("name", cat({{0x01}, uleb(Names.size()), Names}));
    Bytes M = B.build();
    ErrorFields E = validationError(M);
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "type mismatch", B.codeOffset(1) + 2);
    CHECK(E.Context == "in function $helper");
  }
}

TEST_CASE("relaxed SIMD: v128 operands, and only with relaxed-simd", "[validator][simd]") {
  // f32x4.relaxed_madd (0xFD 0x105) of three v128 operands: three
  // v128.const zeros, then the instruction and a drop.
  Bytes Zero = {op::PrefixFD, op::V128Const};
  Zero.resize(2 + 16, 0);
  Bytes Madd = {op::PrefixFD, 0x85, 0x02};
  Bytes Body = cat({Zero, Zero, Zero, Madd, {op::Drop, op::End}});
  uint64_t Code = 0;
  Bytes M = singleFunction({}, {}, Body, &Code);
  CHECK(check(M) == "ok");
  CHECK_WASM_ERROR(validationError(M, ir::Features::wasm2()), ErrorKind::Invalid,
                   "f32x4.relaxed_madd needs relaxed-simd", Code + 3 * 18);
  uint64_t Ignored = 0;
  CHECK_WASM_ERROR(bodyError({}, {}, cat({Zero, Zero, Madd, {op::Drop, op::End}}), Ignored),
                   ErrorKind::Invalid, "type mismatch", Ignored + 2 * 18);
}
