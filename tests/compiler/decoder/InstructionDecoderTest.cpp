//===- tests/compiler/decoder/InstructionDecoderTest.cpp -------------------===//
//
// Function bodies: locals, opcodes and immediates, nesting, and the offsets
// recorded for instructions and reported in errors.
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

#include "decoder/ImplementationLimits.h"

using namespace wasmaot;
using namespace wasmaot::test;
using ir::Opcode;
using ir::ValType;

namespace {

/// The one defined function of a module.
const ir::Function &onlyFunction(const ir::Module &M) {
  REQUIRE(M.Functions.size() == 1);
  return M.Functions[0];
}

/// `depth` nested empty blocks, closed again, in a function body.
Bytes nestedBlocks(uint32_t Depth) {
  Bytes Body;
  Body.reserve(3 * Depth + 1);
  for (uint32_t I = 0; I < Depth; ++I) {
    Body.push_back(op::Block);
    Body.push_back(ty::EmptyBlock);
  }
  Body.insert(Body.end(), Depth + 1, op::End);
  return Body;
}

} // namespace

TEST_CASE("instructions record their absolute offsets", "[decoder][offsets]") {
  ModuleBuilder B;
  B.function(B.type({}, {}),
             {op::I32Const, 0x2A, op::Drop, op::I64Const, 0x80, 0x7F, op::Drop, op::End},
             {{2, ValType::I32}});
  ir::Module M = decodeOk(B.build());
  const ir::Function &F = onlyFunction(M);
  uint64_t Code = B.codeOffset(0);
  CHECK(F.Offset == B.bodyOffset(0));
  CHECK(F.BodySize == 11);
  CHECK(F.Locals == std::vector<ValType>{ValType::I32, ValType::I32});
  REQUIRE(F.Body.size() == 5);
  CHECK(F.Body[0].Op == Opcode::I32Const);
  CHECK(F.Body[0].I32 == 42);
  CHECK(F.Body[0].Offset == Code);
  CHECK(F.Body[1].Offset == Code + 2);
  CHECK(F.Body[2].Op == Opcode::I64Const);
  CHECK(F.Body[2].I64 == -128);
  CHECK(F.Body[2].Offset == Code + 3);
  CHECK(F.Body[3].Offset == Code + 6);
  CHECK(F.Body[4].Op == Opcode::End);
  CHECK(F.Body[4].Offset == Code + 7);
}

TEST_CASE("immediates decode into the instruction", "[decoder]") {
  ModuleBuilder B;
  B.memory(1);
  uint32_t T = B.type({ValType::I32}, {ValType::I32});
  // clang-format off
  B.function(T, {op::Block, ty::EmptyBlock,
                 op::Block, ty::EmptyBlock,
                 op::LocalGet, 0x00,
                 op::BrTable, 0x02, 0x00, 0x01, 0x00,
                 op::End,
                 op::End,
                 op::I32Const, 0x00,
                 op::I32Load, 0x02, 0x90, 0x01,
                 op::Block, 0x00,
                 op::End,
                 op::F32Const, 0x00, 0x00, 0x80, 0x3F,
                 op::Drop,
                 op::MemorySize, 0x00,
                 op::MemorySize, 0x00,
                 op::MemorySize, 0x00,
                 op::PrefixFC, op::MemoryCopy, 0x00, 0x00,
                 op::End});
  // clang-format on
  ir::Module M = decodeOk(B.build());
  const ir::Function &F = onlyFunction(M);
  REQUIRE(F.Body.size() == 17);

  const ir::Instruction &BrTable = F.Body[3];
  CHECK(BrTable.Op == Opcode::BrTable);
  REQUIRE(BrTable.Targets.Count == 3);
  CHECK(F.BrTableTargets == std::vector<uint32_t>{0, 1, 0});
  CHECK(BrTable.Targets.First == 0);

  const ir::Instruction &Load = F.Body[7];
  CHECK(Load.Op == Opcode::I32Load);
  CHECK(Load.Mem.AlignLog2 == 2);
  CHECK(Load.Mem.Offset == 144);
  CHECK(Load.Mem.Memory == 0);

  const ir::Instruction &TypedBlock = F.Body[8];
  CHECK(TypedBlock.Block.K == ir::BlockType::TypeIndex);
  CHECK(TypedBlock.Block.Index == T);
  CHECK(F.Body[0].Block.K == ir::BlockType::Empty);

  CHECK(F.Body[10].F32Bits == 0x3F800000u);
  CHECK(F.Body[12].Op == Opcode::MemorySize);
  CHECK(F.Body[15].Op == Opcode::MemoryCopy);
  CHECK(check(B.build()) == "ok");
}

TEST_CASE("block types: empty, a value type, or an s33 type index", "[decoder]") {
  auto FirstBlock = [](const Bytes &Body) {
    ModuleBuilder B;
    B.type({}, {});
    B.function(0, Body);
    ir::Module M = decodeOk(B.build());
    return onlyFunction(M).Body[0].Block;
  };
  CHECK(FirstBlock({op::Block, 0x40, op::End, op::End}).K == ir::BlockType::Empty);
  ir::BlockType Value =
      FirstBlock({op::Block, ty::F64, op::Unreachable, op::End, op::Drop, op::End});
  CHECK(Value.K == ir::BlockType::Value);
  CHECK(Value.Type == ValType::F64);
  ir::BlockType Ref =
      FirstBlock({op::Block, ty::ExternRef, op::Unreachable, op::End, op::Drop, op::End});
  CHECK(Ref.Type == ValType::ExternRef);
  // An overlong encoding of type index 0 must consume all of its bytes.
  ir::BlockType Overlong = FirstBlock({op::Block, 0x80, 0x80, 0x00, op::End, op::End});
  CHECK(Overlong.K == ir::BlockType::TypeIndex);
  CHECK(Overlong.Index == 0);

  uint64_t Code;
  // -32 (0x60) is neither a value type nor an index.
  CHECK_WASM_ERROR(decodeError(singleFunction({}, {}, {op::Block, 0x60, op::End, op::End}, &Code)),
                   ErrorKind::Malformed, "malformed block type", Code + 1);
  // The largest index an s33 can hold decodes; the validator finds no such type.
  Bytes Largest = {op::Block, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, op::End, op::End};
  ir::BlockType Index = FirstBlock(Largest);
  CHECK(Index.K == ir::BlockType::TypeIndex);
  CHECK(Index.Index == UINT32_MAX);
  CHECK_WASM_ERROR(validationError(singleFunction({}, {}, Largest, &Code)), ErrorKind::Invalid,
                   "unknown type 4294967295", Code);
  // 2^32 would need bit 32, which is the s33's sign bit.
  for (uint8_t Last : {0x10, 0x20}) {
    Bytes TooLarge = {op::Block, 0x80, 0x80, 0x80, 0x80, Last, op::End, op::End};
    CHECK_WASM_ERROR(decodeError(singleFunction({}, {}, TooLarge, &Code)), ErrorKind::Malformed,
                     "integer too large", Code + 1);
  }
}

TEST_CASE("illegal opcodes are reported where they start", "[decoder]") {
  for (Bytes Illegal :
       {Bytes{0x06}, Bytes{0x27}, Bytes{0xD3}, Bytes{0xFF}, Bytes{op::PrefixFC, 0x12},
        Bytes{op::PrefixFC, 0x80, 0x02}, Bytes{op::PrefixFD, 0x9A, 0x01}}) {
    INFO("opcode 0x" << std::hex << unsigned(Illegal[0]));
    uint64_t Code;
    Bytes Body = cat({{op::Nop}, Illegal, {op::End}});
    ErrorFields E = decodeError(singleFunction({}, {}, Body, &Code));
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "illegal opcode", Code + 1);
    CHECK(E.Context == "in function 0");
  }
}

TEST_CASE("truncated bodies", "[decoder]") {
  uint64_t Code;
  // The spec's wording for a body whose bytes run out before its end.
  SECTION("missing the final end") {
    Bytes M = singleFunction({}, {}, {op::I32Const, 0x01, op::Drop}, &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "END opcode expected", Code + 3);
  }
  SECTION("a block left open") {
    Bytes M = singleFunction({}, {}, {op::Block, ty::EmptyBlock, op::End}, &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "END opcode expected", Code + 3);
  }
  SECTION("an immediate cut short") {
    Bytes M = singleFunction({}, {}, {op::I32Const, 0x80}, &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "unexpected end", Code + 2);
    M = singleFunction({}, {}, {op::F64Const, 0x00, 0x00, 0x00}, &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "unexpected end", Code + 4);
  }
  SECTION("bytes after the final end") {
    Bytes M = singleFunction({}, {}, {op::End, op::Nop}, &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "section size mismatch", Code + 1);
  }
  SECTION("a body larger than the code section") {
    // One body that claims 5 bytes, with only 2 present.
    Bytes B = cat({header(), section(sec::Type, {0x01, 0x60, 0x00, 0x00}),
                   section(sec::Function, {0x01, 0x00}),
                   section(sec::Code, {0x01, 0x05, 0x00, op::End})});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "unexpected end", B.size() - 2);
  }
  SECTION("a body larger than the implementation limit") {
    Bytes Size = uleb(limits::MaxFunctionBodyBytes + 1);
    Bytes B = cat({header(), section(sec::Type, {0x01, 0x60, 0x00, 0x00}),
                   section(sec::Function, {0x01, 0x00}),
                   section(sec::Code, cat({{0x01}, Size, {0x00, op::End}}))});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "implementation limit",
                     B.size() - 2 - Size.size());
  }
}

TEST_CASE("too many locals is an implementation limit", "[decoder][limits]") {
  SECTION("exactly at the limit") {
    uint64_t Code;
    Bytes M = singleFunction({}, {}, {op::End}, &Code, {{limits::MaxFunctionLocals, ValType::I64}});
    CHECK(onlyFunction(decodeOk(M)).Locals.size() == limits::MaxFunctionLocals);
    CHECK(check(M) == "ok");
  }
  SECTION("one past the limit, over two declarations") {
    ModuleBuilder B;
    B.function(B.type({}, {}), {op::End},
               {{limits::MaxFunctionLocals, ValType::I32}, {1, ValType::F32}});
    Bytes M = B.build();
    // Body: size, declaration count, then the first declaration (3-byte count, type).
    uint64_t SecondDecl = B.bodyOffset(0) + 1 + 1 + 3 + 1;
    ErrorFields E = decodeError(M);
    CHECK_WASM_ERROR(E, ErrorKind::Malformed, "too many locals (implementation limit: 50000)",
                     SecondDecl);
    CHECK(E.Context == "in function 0");
  }
  SECTION("counts whose sum overflows 32 bits") {
    // The spec's binary.wast case: 0xFFFFFFFF i32 then 2 i64.
    ModuleBuilder B;
    B.function(B.type({}, {}), {op::End}, {{0xFFFFFFFF, ValType::I32}, {2, ValType::I64}});
    CHECK_WASM_ERROR(decodeError(B.build()), ErrorKind::Malformed, "too many locals",
                     B.bodyOffset(0) + 2);
  }
  SECTION("a million locals in one declaration") {
    ModuleBuilder B;
    B.function(B.type({}, {}), {op::End}, {{1000000, ValType::I32}});
    CHECK_WASM_ERROR(decodeError(B.build()), ErrorKind::Malformed, "too many locals",
                     B.bodyOffset(0) + 2);
  }
  SECTION("a declaration count claiming billions") {
    Bytes B = cat({header(), section(sec::Type, {0x01, 0x60, 0x00, 0x00}),
                   section(sec::Function, {0x01, 0x00}),
                   section(sec::Code, {0x01, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, op::End})});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "length out of bounds", B.size() - 7);
  }
}

TEST_CASE("nesting depth is an implementation limit", "[decoder][limits]") {
  const uint32_t Limit = limits::MaxControlDepth;
  uint64_t Code;
  SECTION("the function body counts as one level") {
    Bytes M = singleFunction({}, {}, nestedBlocks(Limit - 1), &Code);
    CHECK(check(M) == "ok");
  }
  SECTION("one more level is rejected at the block that opens it") {
    Bytes M = singleFunction({}, {}, nestedBlocks(Limit), &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed,
                     "blocks nested too deeply (implementation limit: 50000)",
                     Code + 2 * (Limit - 1));
  }
  SECTION("100,000 nested blocks") {
    Bytes M = singleFunction({}, {}, nestedBlocks(100000), &Code);
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed, "implementation limit: 50000",
                     Code + 2 * (Limit - 1));
  }
}

TEST_CASE("br_table target counts", "[decoder][limits]") {
  uint64_t Code;
  SECTION("a count claiming billions") {
    Bytes Body = {op::I32Const, 0x00, op::BrTable, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, op::End};
    CHECK_WASM_ERROR(decodeError(singleFunction({}, {}, Body, &Code)), ErrorKind::Malformed,
                     "length out of bounds", Code + 3);
  }
  SECTION("more targets than the implementation allows, all present") {
    Bytes Body = cat({{op::I32Const, 0x00, op::BrTable},
                      uleb(limits::MaxBrTableTargets),
                      Bytes(limits::MaxBrTableTargets + 1, 0x00),
                      {op::End}});
    CHECK_WASM_ERROR(decodeError(singleFunction({}, {}, Body, &Code)), ErrorKind::Malformed,
                     "br_table has too many targets (implementation limit", Code + 3);
  }
}

TEST_CASE("memory.init and data.drop need the data count section", "[decoder]") {
  for (Bytes Instr : {Bytes{op::I32Const, 0x00, op::I32Const, 0x00, op::I32Const, 0x00,
                            op::PrefixFC, op::MemoryInit, 0x00, 0x00},
                      Bytes{op::PrefixFC, op::DataDrop, 0x00}}) {
    Bytes Body = cat({Instr, {op::End}});
    uint64_t InstrOffset = Instr.size() == 3 ? 0 : 6;
    ModuleBuilder B;
    B.memory(1);
    B.function(B.type({}, {}), Body);
    B.dataSegment({0x01, 0x01, 'x'});
    CHECK_WASM_ERROR(decodeError(B.build()), ErrorKind::Malformed, "data count section required",
                     B.codeOffset(0) + InstrOffset);
    B.dataCount(1);
    CHECK(check(B.build()) == "ok");
  }
}

TEST_CASE("memory indexes of memory instructions", "[decoder]") {
  uint64_t Code;
  Bytes Size = singleFunction({}, {}, {op::MemorySize, 0x01, op::Drop, op::End}, &Code);
  Bytes Copy = singleFunction({}, {}, {op::PrefixFC, op::MemoryCopy, 0x00, 0x01, op::End}, &Code);
  SECTION("Wasm 2.0: zero bytes") {
    CHECK_WASM_ERROR(decodeError(Size, ir::Features::wasm2()), ErrorKind::Malformed,
                     "zero byte expected", Code + 1);
    CHECK_WASM_ERROR(decodeError(Copy, ir::Features::wasm2()), ErrorKind::Malformed,
                     "zero byte expected", Code + 3);
  }
  SECTION("multi-memory: indexes") {
    CHECK(onlyFunction(decodeOk(Size)).Body[0].Index == 1);
    ir::Module M = decodeOk(Copy);
    const ir::Instruction &C = onlyFunction(M).Body[0];
    CHECK(C.Pair.A == 0);
    CHECK(C.Pair.B == 1);
  }
  SECTION("multi-memory: bit 6 of a memarg's alignment says an index follows") {
    Bytes Load = singleFunction({}, {}, {op::I32Const, 0x00, op::I32Load, 0x42, 0x03, 0x07,
                                         op::Drop, op::End});
    ir::Module M = decodeOk(Load);
    const ir::Instruction &L = onlyFunction(M).Body[1];
    CHECK(L.Mem.AlignLog2 == 2);
    CHECK(L.Mem.Memory == 3);
    CHECK(L.Mem.Offset == 7);
  }
  SECTION("memory64: offsets are u64") {
    Bytes Load = singleFunction({}, {}, {op::I32Const, 0x00, op::I32Load, 0x02, 0x80, 0x80, 0x80,
                                         0x80, 0x10, op::Drop, op::End}, &Code);
    ir::Module M = decodeOk(Load);
    CHECK(onlyFunction(M).Body[1].Mem.Offset == uint64_t(1) << 32);
    // Wasm 2.0's offset is a u32, whose LEB starts after the alignment.
    CHECK_WASM_ERROR(decodeError(Load, ir::Features::wasm2()), ErrorKind::Malformed,
                     "integer too large", Code + 4);
  }
}

TEST_CASE("typed select keeps its type count for the validator", "[decoder]") {
  ir::Module M = decodeOk(singleFunction(
      {}, {}, {op::Unreachable, op::SelectT, 0x02, ty::I64, ty::I32, op::Drop, op::End}));
  const ir::Instruction &Select = onlyFunction(M).Body[1];
  CHECK(Select.Op == Opcode::SelectT);
  CHECK(Select.Lane == 2);
  CHECK(Select.Type == ValType::I64);
}

TEST_CASE("constant expressions decode without their end", "[decoder]") {
  ModuleBuilder B;
  B.global(ValType::I64, true, {op::I64Const, 0x7F, op::End});
  ir::Module M = decodeOk(B.build());
  REQUIRE(M.Globals.size() == 1);
  const ir::ConstExpr &Init = M.Globals[0].Init;
  CHECK(Init.Offset == B.sectionOffset(sec::Global) + 3);
  REQUIRE(Init.Instrs.size() == 1);
  CHECK(Init.Instrs[0].I64 == -1);
  CHECK(Init.Instrs[0].Offset == Init.Offset);

  ModuleBuilder Unterminated;
  Unterminated.global(ValType::I32, false, {op::I32Const, 0x00});
  Bytes Module = Unterminated.build();
  CHECK_WASM_ERROR(decodeError(Module), ErrorKind::Malformed,
                   "unexpected end of section or function", Module.size());
}
