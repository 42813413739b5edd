//===- tests/compiler/validator/ModuleValidatorTest.cpp --------------------===//
//
// Module-level rules: types of functions, limits, constant expressions,
// exports, the start function, and element and data segments.
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;
using ir::ExternKind;
using ir::ValType;

TEST_CASE("functions must have a known type", "[validator]") {
  ModuleBuilder B;
  B.type({}, {});
  B.function(5, {op::End});
  Bytes M = B.build();
  CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown type 5", B.bodyOffset(0));

  ModuleBuilder Imported;
  Imported.importFunction(7);
  M = Imported.build();
  CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown type 7",
                   Imported.sectionOffset(sec::Import) + 1);
}

TEST_CASE("memory and table limits", "[validator][limits]") {
  auto MemoryError = [](uint32_t Min, std::optional<uint32_t> Max) {
    ModuleBuilder B;
    B.memory(Min, Max);
    Bytes M = B.build();
    return std::pair{validationError(M), B.sectionOffset(sec::Memory) + 1};
  };
  SECTION("at most 65536 pages") {
    for (auto [Min, Max] : {std::pair<uint32_t, std::optional<uint32_t>>{65537, std::nullopt},
                            {0, 65537},
                            {0xFFFFFFFF, std::nullopt}}) {
      auto [E, Memory] = MemoryError(Min, Max);
      CHECK_WASM_ERROR(E, ErrorKind::Invalid, "memory size must be at most 65536 pages", Memory);
    }
    ModuleBuilder B;
    B.memory(65536, 65536);
    CHECK(check(B.build()) == "ok");
  }
  SECTION("minimum above maximum") {
    auto [E, Memory] = MemoryError(2, 1);
    CHECK_WASM_ERROR(E, ErrorKind::Invalid, "size minimum must not be greater than maximum",
                     Memory);
    ModuleBuilder B;
    B.table(ValType::FuncRef, 10, 9);
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                     "size minimum must not be greater than maximum",
                     B.sectionOffset(sec::Table) + 1);
  }
  SECTION("tables may have up to 2^32-1 elements") {
    ModuleBuilder B;
    B.table(ValType::ExternRef, 0xFFFFFFFF, 0xFFFFFFFF);
    CHECK(check(B.build()) == "ok");
  }
  SECTION("at most one memory in Wasm 2.0, any number with multi-memory") {
    ModuleBuilder B;
    B.memory(1);
    B.memory(1);
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M, ir::Features::wasm2()), ErrorKind::Invalid,
                     "multiple memories", B.sectionOffset(sec::Memory) + 1 + 2);
    CHECK(check(M) == "ok");

    ModuleBuilder Imported;
    Imported.importMemory(1);
    Imported.memory(1);
    M = Imported.build();
    CHECK(check(M) == "ok");
    CHECK_WASM_ERROR(validationError(M, ir::Features::wasm2()), ErrorKind::Invalid,
                     "multiple memories",
                     Imported.sectionOffset(sec::Memory) + 1);
  }
  SECTION("imported memories too") {
    ModuleBuilder B;
    B.importMemory(1, 70000);
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "memory size must be at most",
                     B.sectionOffset(sec::Import) + 1);
  }
}

TEST_CASE("constant expressions", "[validator][const]") {
  // Offsets of a global's initializer: the section's count, then per global
  // its type and mutability bytes.
  SECTION("only constant instructions") {
    ModuleBuilder B;
    constexpr uint8_t I32DivS = 0x6D;
    B.global(ValType::I32, false, {op::I32Const, 0x01, op::I32Const, 0x02, I32DivS, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                     "constant expression required: i32.div_s", B.sectionOffset(sec::Global) + 7);
  }
  SECTION("extended constant expressions: integer add, sub and mul") {
    constexpr uint8_t I64Sub = 0x7D, I32Mul = 0x6C;
    ModuleBuilder B;
    B.importGlobal(ValType::I32, false, "base");
    B.global(ValType::I32, false,
             {op::GlobalGet, 0x00, op::I32Const, 0x02, I32Mul, op::I32Const, 0x01, op::I32Add,
              op::End});
    B.global(ValType::I64, false, {op::I64Const, 0x01, op::I64Const, 0x02, I64Sub, op::End});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("extended constant expressions are typed") {
    ModuleBuilder B;
    B.global(ValType::I32, false, {op::I32Const, 0x01, op::I64Const, 0x02, op::I32Add, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                     "type mismatch: i32.add needs two i32 operands",
                     B.sectionOffset(sec::Global) + 7);
    ModuleBuilder Short;
    Short.global(ValType::I32, false, {op::I32Const, 0x01, op::I32Add, op::End});
    CHECK_WASM_ERROR(validationError(Short.build()), ErrorKind::Invalid,
                     "type mismatch: i32.add needs two i32 operands",
                     Short.sectionOffset(sec::Global) + 5);
  }
  SECTION("global.get only of imported globals in Wasm 2.0, of earlier ones in 3.0") {
    ModuleBuilder B;
    B.global(ValType::I32, false, {op::I32Const, 0x00, op::End});
    B.global(ValType::I32, false, {op::GlobalGet, 0x00, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M, ir::Features::wasm2()), ErrorKind::Invalid,
                     "unknown global 0", B.sectionOffset(sec::Global) + 1 + 5 + 2);
    CHECK(check(M) == "ok");

    ModuleBuilder Later;
    Later.global(ValType::I32, false, {op::GlobalGet, 0x01, op::End});
    Later.global(ValType::I32, false, {op::I32Const, 0x00, op::End});
    CHECK_WASM_ERROR(validationError(Later.build()), ErrorKind::Invalid, "unknown global 1",
                     Later.sectionOffset(sec::Global) + 3);
  }
  SECTION("global.get only of immutable globals") {
    ModuleBuilder B;
    B.importGlobal(ValType::I32, true);
    B.global(ValType::I32, false, {op::GlobalGet, 0x00, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "constant expression required",
                     B.sectionOffset(sec::Global) + 3);
  }
  SECTION("imported immutable globals are fine") {
    ModuleBuilder B;
    B.importGlobal(ValType::I64, false);
    B.global(ValType::I64, true, {op::GlobalGet, 0x00, op::End});
    B.memory(1);
    B.importGlobal(ValType::I32, false, "base");
    B.dataSegment({0x00, op::GlobalGet, 0x01, op::End, 0x00});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("exactly one value of the declared type") {
    for (Bytes Init : {Bytes{op::I32Const, 0x00, op::End}, Bytes{op::End},
                       Bytes{op::I64Const, 0x00, op::I64Const, 0x00, op::End},
                       Bytes{op::RefNull, ty::FuncRef, op::End}}) {
      ModuleBuilder B;
      B.global(ValType::I64, false, Init);
      Bytes M = B.build();
      CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                       "type mismatch: constant expression must produce one i64",
                       B.sectionOffset(sec::Global) + 3);
    }
  }
  SECTION("data and element offsets are i32") {
    ModuleBuilder B;
    B.memory(1);
    B.dataSegment({0x00, op::I64Const, 0x00, op::End, 0x00});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "type mismatch",
                     B.sectionOffset(sec::Data) + 2);

    ModuleBuilder E;
    E.table(ValType::FuncRef, 1);
    E.elemSegment({0x00, op::I64Const, 0x00, op::End, 0x00});
    M = E.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "type mismatch",
                     E.sectionOffset(sec::Elem) + 2);
  }
  SECTION("ref.func of an unknown function") {
    ModuleBuilder B;
    B.global(ValType::FuncRef, false, {op::RefFunc, 0x03, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown function 3",
                     B.sectionOffset(sec::Global) + 3);
  }
}

TEST_CASE("exports", "[validator][exports]") {
  ModuleBuilder B;
  B.function(B.type({}, {}), {op::End});
  B.memory(1);
  B.exportEntity("a", ExternKind::Func, 0);
  SECTION("names must be unique, whatever the kind") {
    B.exportEntity("a", ExternKind::Memory, 0);
    Bytes M = B.build();
    // Each export is a 2-byte name, a kind and a one-byte index.
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "duplicate export name \"a\"",
                     B.sectionOffset(sec::Export) + 1 + 4);
  }
  SECTION("distinct names are fine") {
    B.exportEntity("b", ExternKind::Func, 0);
    B.exportEntity("", ExternKind::Memory, 0);
    CHECK(check(B.build()) == "ok");
  }
  SECTION("exported entities must exist") {
    const std::pair<ExternKind, const char *> Kinds[] = {{ExternKind::Func, "function"},
                                                         {ExternKind::Table, "table"},
                                                         {ExternKind::Memory, "memory"},
                                                         {ExternKind::Global, "global"}};
    for (auto [Kind, Name] : Kinds) {
      ModuleBuilder C = B;
      C.exportEntity("x", Kind, 1);
      Bytes M = C.build();
      CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                       "unknown " + std::string(Name) + " 1 in export \"x\"",
                       C.sectionOffset(sec::Export) + 1 + 4);
    }
  }
}

TEST_CASE("the start function", "[validator]") {
  ModuleBuilder B;
  uint32_t Void = B.type({}, {});
  uint32_t Takes = B.type({ValType::I32}, {});
  uint32_t Gives = B.type({}, {ValType::I32});
  B.function(Void, {op::End});
  B.function(Takes, {op::End});
  B.function(Gives, {op::I32Const, 0x00, op::End});
  SECTION("must take and return nothing") {
    for (uint32_t F : {1, 2}) {
      ModuleBuilder C = B;
      C.start(F);
      Bytes M = C.build();
      CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                       "start function must have type [] -> []", C.sectionOffset(sec::Start));
    }
    B.start(0);
    CHECK(check(B.build()) == "ok");
  }
  SECTION("must exist") {
    B.start(3);
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown function 3",
                     B.sectionOffset(sec::Start));
  }
}

TEST_CASE("element segments", "[validator][segments]") {
  ModuleBuilder B;
  B.function(B.type({}, {}), {op::End});
  SECTION("an active segment needs its table") {
    B.elemSegment({0x00, op::I32Const, 0x00, op::End, 0x01, 0x00});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown table 0",
                     B.sectionOffset(sec::Elem) + 1);
  }
  SECTION("of the table's element type") {
    B.table(ValType::FuncRef, 1);
    B.elemSegment({0x04, op::I32Const, 0x00, op::End, 0x00});
    B.elemSegment({0x06, 0x00, op::I32Const, 0x00, op::End, ty::ExternRef, 0x00});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid,
                     "element segment of externref for a table of funcref",
                     B.sectionOffset(sec::Elem) + 1 + 5);
  }
  SECTION("whose expressions produce the segment's type") {
    B.elemSegment({0x05, ty::ExternRef, 0x01, op::RefFunc, 0x00, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "type mismatch",
                     B.sectionOffset(sec::Elem) + 4);
  }
  SECTION("and are constant") {
    B.elemSegment({0x05, ty::FuncRef, 0x01, op::Nop, op::RefNull, ty::FuncRef, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "constant expression required: nop",
                     B.sectionOffset(sec::Elem) + 4);
  }
  SECTION("function indices must exist") {
    B.elemSegment({0x01, 0x00, 0x02, 0x00, 0x07});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown function 7",
                     B.sectionOffset(sec::Elem) + 1 + 4);
  }
}

TEST_CASE("data segments", "[validator][segments]") {
  SECTION("an active segment needs a memory") {
    ModuleBuilder B;
    B.dataSegment({0x00, op::I32Const, 0x00, op::End, 0x01, 'x'});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown memory 0",
                     B.sectionOffset(sec::Data) + 1);
  }
  SECTION("a passive one does not") {
    ModuleBuilder B;
    B.dataSegment({0x01, 0x01, 'x'});
    CHECK(check(B.build()) == "ok");
  }
  SECTION("memory.init names a known segment") {
    ModuleBuilder B;
    B.memory(1);
    B.dataCount(1);
    B.dataSegment({0x01, 0x00});
    B.function(B.type({}, {}), {op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00,
                                op::PrefixFC, op::MemoryInit, 0x01, 0x00, op::End});
    Bytes M = B.build();
    CHECK_WASM_ERROR(validationError(M), ErrorKind::Invalid, "unknown data segment 1",
                     B.codeOffset(0) + 6);
  }
}
