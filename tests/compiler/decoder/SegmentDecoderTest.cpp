//===- tests/compiler/decoder/SegmentDecoderTest.cpp -----------------------===//
//
// Element segments (flags 0-7), data segments (flags 0-2) and the data count
// section.
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;
using ir::Opcode;
using ir::SegmentMode;
using ir::ValType;

namespace {

const Bytes OffsetZero = {op::I32Const, 0x00, op::End};

} // namespace

TEST_CASE("element segment kinds 0-7", "[decoder][segments]") {
  ModuleBuilder B;
  uint32_t T = B.type({}, {});
  B.function(T, {op::End});
  B.function(T, {op::End});
  B.table(ValType::FuncRef, 4);
  B.table(ValType::FuncRef, 4);
  B.table(ValType::ExternRef, 4);
  // 0: active, table 0, function indices.
  B.elemSegment(cat({{0x00}, OffsetZero, {0x02, 0x00, 0x01}}));
  // 1: passive, element kind, function indices.
  B.elemSegment({0x01, 0x00, 0x01, 0x00});
  // 2: active, explicit table, element kind, function indices.
  B.elemSegment({0x02, 0x01, op::I32Const, 0x01, op::End, 0x00, 0x01, 0x01});
  // 3: declarative, element kind, function indices.
  B.elemSegment({0x03, 0x00, 0x01, 0x00});
  // 4: active, table 0, expressions.
  B.elemSegment(cat(
      {{0x04}, OffsetZero, {0x02, op::RefFunc, 0x00, op::End, op::RefNull, ty::FuncRef, op::End}}));
  // 5: passive, reference type, expressions.
  B.elemSegment({0x05, ty::ExternRef, 0x01, op::RefNull, ty::ExternRef, op::End});
  // 6: active, explicit table, reference type, expressions.
  B.elemSegment(
      cat({{0x06, 0x02}, OffsetZero, {ty::ExternRef, 0x01, op::RefNull, ty::ExternRef, op::End}}));
  // 7: declarative, reference type, expressions.
  B.elemSegment({0x07, ty::FuncRef, 0x01, op::RefFunc, 0x01, op::End});
  Bytes Module = B.build();
  ir::Module M = decodeOk(Module);
  CHECK(check(Module) == "ok");

  REQUIRE(M.Elems.size() == 8);
  struct Expected {
    SegmentMode Mode;
    uint32_t Table;
    ValType Type;
    size_t NumInits;
    Opcode FirstInit;
  };
  const Expected Want[] = {
      {SegmentMode::Active, 0, ValType::FuncRef, 2, Opcode::RefFunc},
      {SegmentMode::Passive, 0, ValType::FuncRef, 1, Opcode::RefFunc},
      {SegmentMode::Active, 1, ValType::FuncRef, 1, Opcode::RefFunc},
      {SegmentMode::Declarative, 0, ValType::FuncRef, 1, Opcode::RefFunc},
      {SegmentMode::Active, 0, ValType::FuncRef, 2, Opcode::RefFunc},
      {SegmentMode::Passive, 0, ValType::ExternRef, 1, Opcode::RefNull},
      {SegmentMode::Active, 2, ValType::ExternRef, 1, Opcode::RefNull},
      {SegmentMode::Declarative, 0, ValType::FuncRef, 1, Opcode::RefFunc},
  };
  for (size_t I = 0; I < 8; ++I) {
    INFO("segment kind " << I);
    const ir::ElemSegment &S = M.Elems[I];
    CHECK(S.Mode == Want[I].Mode);
    CHECK(S.Type == Want[I].Type);
    REQUIRE(S.Inits.size() == Want[I].NumInits);
    REQUIRE(S.Inits[0].Instrs.size() == 1);
    CHECK(S.Inits[0].Instrs[0].Op == Want[I].FirstInit);
    if (S.Mode == SegmentMode::Active) {
      CHECK(S.Table == Want[I].Table);
      REQUIRE(S.TableOffset.Instrs.size() == 1);
      CHECK(S.TableOffset.Instrs[0].Op == Opcode::I32Const);
    } else {
      CHECK(S.TableOffset.Instrs.empty());
    }
  }
  CHECK(M.Elems[0].Offset == B.sectionOffset(sec::Elem) + 1);
  // Function indices become ref.func expressions at the index's offset.
  CHECK(M.Elems[0].Inits[1].Instrs[0].Index == 1);
  CHECK(M.Elems[0].Inits[1].Offset == M.Elems[0].Offset + 6);
  CHECK(M.Elems[2].TableOffset.Instrs[0].I32 == 1);
  CHECK(M.Elems[4].Inits[1].Instrs[0].Type == ValType::FuncRef);
  CHECK(M.Elems[7].Inits[0].Instrs[0].Index == 1);
}

TEST_CASE("malformed element segments", "[decoder][segments]") {
  auto Decode = [](const Bytes &Segment) {
    ModuleBuilder B;
    B.function(B.type({}, {}), {op::End});
    B.table(ValType::FuncRef, 1);
    B.elemSegment(Segment);
    Bytes Module = B.build();
    return std::pair{decodeError(Module), B.sectionOffset(sec::Elem) + 1};
  };
  SECTION("kind 8") {
    auto [E, Segment] = Decode(cat({{0x08}, OffsetZero, {0x00}}));
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "malformed elements segment kind", Segment);
  }
  SECTION("element kind other than 0x00") {
    auto [E, Segment] = Decode({0x01, 0x01, 0x00});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "malformed element kind", Segment + 1);
  }
  SECTION("a value type where a reference type belongs") {
    auto [E, Segment] = Decode({0x05, ty::I32, 0x00});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "malformed reference type", Segment + 1);
  }
  SECTION("an illegal opcode in an element expression") {
    auto [E, Segment] = Decode({0x05, ty::FuncRef, 0x01, 0xF3, 0x00, op::End});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "illegal opcode", Segment + 3);
  }
  SECTION("more entries than bytes") {
    auto [E, Segment] = Decode({0x01, 0x00, 0x05, 0x00});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "length out of bounds", Segment + 2);
  }
}

TEST_CASE("data segment kinds 0-2", "[decoder][segments]") {
  ModuleBuilder B;
  B.memory(1);
  B.dataSegment(cat({{0x00}, OffsetZero, {0x02, 'h', 'i'}}));
  B.dataSegment({0x01, 0x01, 'x'});
  B.dataSegment({0x02, 0x00, op::I32Const, 0x08, op::End, 0x00});
  B.dataCount(3);
  Bytes Module = B.build();
  ir::Module M = decodeOk(Module);
  CHECK(check(Module) == "ok");
  CHECK(M.DataCount == std::optional<uint32_t>(3));
  REQUIRE(M.Datas.size() == 3);
  CHECK(M.Datas[0].Mode == SegmentMode::Active);
  CHECK(M.Datas[0].Bytes == Bytes{'h', 'i'});
  CHECK(M.Datas[0].Offset == B.sectionOffset(sec::Data) + 1);
  CHECK(M.Datas[1].Mode == SegmentMode::Passive);
  CHECK(M.Datas[1].Bytes == Bytes{'x'});
  CHECK(M.Datas[1].MemoryOffset.Instrs.empty());
  CHECK(M.Datas[2].Mode == SegmentMode::Active);
  CHECK(M.Datas[2].Memory == 0);
  REQUIRE(M.Datas[2].MemoryOffset.Instrs.size() == 1);
  CHECK(M.Datas[2].MemoryOffset.Instrs[0].I32 == 8);
  CHECK(M.Datas[2].Bytes.empty());
}

TEST_CASE("malformed data segments", "[decoder][segments]") {
  auto Decode = [](const Bytes &Segment) {
    ModuleBuilder B;
    B.memory(1);
    B.dataSegment(Segment);
    Bytes Module = B.build();
    return std::pair{decodeError(Module), B.sectionOffset(sec::Data) + 1};
  };
  SECTION("kind 3") {
    auto [E, Segment] = Decode({0x03, 0x00, 0x00});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "malformed data segment kind", Segment);
  }
  SECTION("bytes running past the section") {
    auto [E, Segment] = Decode({0x01, 0x05, 'a', 'b'});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "unexpected end", Segment + 2);
  }
  SECTION("an offset expression without end") {
    auto [E, Segment] = Decode({0x00, op::I32Const, 0x00});
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "unexpected end of section or function", Segment + 3);
  }
}

TEST_CASE("the data count must match the data section", "[decoder][segments]") {
  SECTION("more declared than given") {
    ModuleBuilder B;
    B.memory(1);
    B.dataCount(2);
    B.dataSegment({0x01, 0x00});
    Bytes Module = B.build();
    CHECK_WASM_ERROR(decodeError(Module), ErrorKind::Malformed,
                     "data count and data section have inconsistent lengths", Module.size());
  }
  SECTION("declared without a data section") {
    ModuleBuilder B;
    B.dataCount(1);
    Bytes Module = B.build();
    CHECK_WASM_ERROR(decodeError(Module), ErrorKind::Malformed,
                     "data count and data section have inconsistent lengths", Module.size());
  }
  SECTION("zero without a data section") {
    ModuleBuilder B;
    B.dataCount(0);
    CHECK(check(B.build()) == "ok");
  }
}
