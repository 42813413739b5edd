//===- tests/compiler/decoder/ModuleDecoderTest.cpp ------------------------===//
//
// The module's outer structure: header, section framing and order, entity
// sections, counts that must agree, and the name section.
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

#include "decoder/ImplementationLimits.h"

using namespace wasmaot;
using namespace wasmaot::test;
using ir::ValType;

namespace {

/// The first section starts right after the 8-byte header: its id at 8, a
/// one-byte size at 9, the payload at 10.
constexpr uint64_t FirstPayload = 10;

} // namespace

TEST_CASE("the smallest module is its header", "[decoder]") {
  ir::Module M = decodeOk(header());
  CHECK(M.Types.empty());
  CHECK(M.Functions.empty());
  CHECK_FALSE(M.DataCount.has_value());
  CHECK(check(header()) == "ok");
}

TEST_CASE("a wrong magic number is rejected", "[decoder]") {
  for (Bytes B :
       {Bytes{'a', 's', 'm', 0x00, 1, 0, 0, 0}, Bytes{'m', 's', 'a', 0x00, 1, 0, 0, 0},
        Bytes{0x00, 'A', 'S', 'M', 1, 0, 0, 0}, Bytes{0x00, 0x00, 0x00, 0x01, 'm', 's', 'a', 0x00},
        Bytes{0xEF, 0xBB, 0xBF, 0x00, 'a', 's', 'm', 1, 0, 0, 0}}) {
    INFO("module of " << B.size() << " bytes starting 0x" << std::hex << unsigned(B[0]));
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "magic header not detected", 0);
  }
}

TEST_CASE("a wrong version is rejected", "[decoder]") {
  for (Bytes Version : {Bytes{0, 0, 0, 0}, Bytes{0x0D, 0, 0, 0}, Bytes{0, 1, 0, 0},
                        Bytes{0, 0, 0, 1}, Bytes{2, 0, 0, 0}}) {
    Bytes B = cat({{0x00, 'a', 's', 'm'}, Version});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "unknown binary version", 4);
  }
}

TEST_CASE("empty and truncated headers are rejected", "[decoder]") {
  // The spec calls these an unexpected end: the header's fixed-size fields
  // run past the end of the input.
  CHECK_WASM_ERROR(decodeError({}), ErrorKind::Malformed, "unexpected end", 0);
  CHECK_WASM_ERROR(decodeError({0x00, 'a', 's'}), ErrorKind::Malformed, "unexpected end", 3);
  CHECK_WASM_ERROR(decodeError({0x00, 'a', 's', 'm'}), ErrorKind::Malformed, "unexpected end", 4);
  CHECK_WASM_ERROR(decodeError({0x00, 'a', 's', 'm', 1, 0, 0}), ErrorKind::Malformed,
                   "unexpected end", 7);
}

TEST_CASE("unknown section ids are malformed", "[decoder]") {
  for (uint8_t Id : {13, 0x7F, 0x80, 0xFF}) {
    INFO("section id " << unsigned(Id));
    CHECK_WASM_ERROR(decodeError(cat({header(), {Id, 0x00}})), ErrorKind::Malformed,
                     "malformed section id", 8);
  }
}

TEST_CASE("sections must come in order, each at most once", "[decoder]") {
  Bytes Type = section(sec::Type, {0x00});
  Bytes Function = section(sec::Function, {0x00});
  Bytes Code = section(sec::Code, {0x00});
  Bytes DataCount = section(sec::DataCount, {0x00});
  Bytes Elem = section(sec::Elem, {0x00});
  Bytes Custom = section(sec::Custom, name("x"));

  SECTION("out of order") {
    CHECK_WASM_ERROR(decodeError(cat({header(), Function, Type})), ErrorKind::Malformed,
                     "unexpected content after last section", 8 + Function.size());
  }
  SECTION("repeated") {
    CHECK_WASM_ERROR(decodeError(cat({header(), Type, Type})), ErrorKind::Malformed,
                     "unexpected content after last section", 8 + Type.size());
  }
  SECTION("the data count section goes between element and code sections") {
    CHECK(check(cat({header(), Elem, DataCount, Code})) == "ok");
    CHECK_WASM_ERROR(decodeError(cat({header(), Code, DataCount})), ErrorKind::Malformed,
                     "unexpected content after last section", 8 + Code.size());
    CHECK_WASM_ERROR(decodeError(cat({header(), DataCount, Elem})), ErrorKind::Malformed,
                     "unexpected content after last section", 8 + DataCount.size());
  }
  SECTION("custom sections may appear anywhere, any number of times") {
    ir::Module M = decodeOk(cat({header(), Custom, Type, Custom, Function, Custom, Code, Custom}));
    REQUIRE(M.CustomSections.size() == 4);
    CHECK(M.CustomSections[0].Name == "x");
    CHECK(M.CustomSections[0].Offset == FirstPayload + 2);
    CHECK(M.CustomSections[0].Size == 0);
  }
}

TEST_CASE("section sizes must match their contents", "[decoder]") {
  SECTION("a section larger than what remains") {
    CHECK_WASM_ERROR(decodeError(cat({header(), {sec::Type, 0x05, 0x00}})), ErrorKind::Malformed,
                     "length out of bounds", 8);
  }
  SECTION("a section claiming 4 GiB") {
    CHECK_WASM_ERROR(decodeError(cat({header(), {sec::Type, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}})),
                     ErrorKind::Malformed, "length out of bounds", 8);
  }
  SECTION("a section with bytes left over") {
    // One type declared, two given: the second is left over.
    Bytes B = cat({header(), section(sec::Type, {0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00})});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "section size mismatch",
                     FirstPayload + 4);
  }
  SECTION("a section too short for its contents") {
    // A memory whose limits run past the section's end, though not the file's.
    Bytes B = cat({header(), section(sec::Memory, {0x01, 0x01, 0x00}), {0x00}});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "unexpected end", FirstPayload + 3);
  }
  SECTION("a size field that is not a valid u32") {
    CHECK_WASM_ERROR(decodeError(cat({header(), {sec::Type, 0x80, 0x80, 0x80, 0x80, 0x10}})),
                     ErrorKind::Malformed, "integer too large", 9);
    CHECK_WASM_ERROR(decodeError(cat({header(), {sec::Type, 0x80}})), ErrorKind::Malformed,
                     "unexpected end", 10);
  }
  SECTION("an overlong but valid size field") {
    Bytes B = cat({header(), {sec::Type}, ulebPadded(1, 5), {0x00}});
    CHECK(decodeOk(B).Types.empty());
  }
}

TEST_CASE("vector lengths claiming billions of entries are rejected", "[decoder]") {
  const Bytes Huge{0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  for (uint8_t Id : {sec::Type, sec::Import, sec::Function, sec::Table, sec::Memory, sec::Global,
                     sec::Export, sec::Elem, sec::Code, sec::Data}) {
    INFO("section " << unsigned(Id));
    CHECK_WASM_ERROR(decodeError(cat({header(), section(Id, Huge)})), ErrorKind::Malformed,
                     "length out of bounds", FirstPayload);
  }
  SECTION("more entries than the bytes could hold") {
    // Two types declared, one given: each needs at least 3 bytes.
    Bytes B = cat({header(), section(sec::Type, {0x02, 0x60, 0x00, 0x00})});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "length out of bounds", FirstPayload);
  }
  SECTION("parameter lists") {
    Bytes B = cat({header(), section(sec::Type, cat({{0x01, 0x60}, Huge}))});
    CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "length out of bounds",
                     FirstPayload + 2);
  }
}

TEST_CASE("types decode into function signatures", "[decoder]") {
  ModuleBuilder B;
  B.type({ValType::I32, ValType::F64}, {ValType::V128, ValType::FuncRef, ValType::ExternRef});
  B.type({}, {});
  ir::Module M = decodeOk(B.build());
  REQUIRE(M.Types.size() == 2);
  CHECK(M.Types[0].Params == std::vector<ValType>{ValType::I32, ValType::F64});
  CHECK(M.Types[0].Results ==
        std::vector<ValType>{ValType::V128, ValType::FuncRef, ValType::ExternRef});
  CHECK(M.Types[1] == ir::FuncType{});

  CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Type, {0x01, 0x61, 0x00, 0x00})})),
                   ErrorKind::Malformed, "malformed function type form", FirstPayload + 1);
  CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Type, {0x01, 0x60, 0x01, 0x7A, 0x00})})),
                   ErrorKind::Malformed, "malformed value type", FirstPayload + 3);
}

TEST_CASE("too many parameters is an implementation limit", "[decoder][limits]") {
  const uint32_t N = limits::MaxFunctionParams + 1;
  Bytes Payload = cat({{0x01, 0x60}, uleb(N), Bytes(N, ty::I32), {0x00}});
  CHECK_WASM_ERROR(decodeError(cat({header(), {sec::Type}, uleb(Payload.size()), Payload})),
                   ErrorKind::Malformed, "too many parameters (implementation limit: 1000)", 13);
}

TEST_CASE("imports decode into the index spaces, before definitions", "[decoder]") {
  ModuleBuilder B;
  uint32_t T = B.type({}, {});
  B.importFunction(T, "print");
  B.importGlobal(ValType::I64, true);
  B.importMemory(1, 2);
  B.importTable(ValType::ExternRef, 3);
  B.function(T, {op::End});
  B.global(ValType::I32, false, {op::I32Const, 0x07, op::End});
  ir::Module M = decodeOk(B.build());

  REQUIRE(M.Imports.size() == 4);
  CHECK(M.Imports[0].ModuleName == "env");
  CHECK(M.Imports[0].FieldName == "print");
  CHECK(M.Imports[0].Kind == ir::ExternKind::Func);
  CHECK(M.Imports[3].Kind == ir::ExternKind::Table);
  CHECK(M.NumImportedFuncs == 1);
  CHECK(M.NumImportedGlobals == 1);
  CHECK(M.NumImportedMemories == 1);
  CHECK(M.NumImportedTables == 1);
  REQUIRE(M.Functions.size() == 2);
  CHECK(M.Functions[0].Imported);
  CHECK_FALSE(M.Functions[1].Imported);
  REQUIRE(M.Globals.size() == 2);
  CHECK(M.Globals[0].Type.Mutable);
  CHECK(M.Globals[0].Type.Type == ValType::I64);
  CHECK(M.Globals[1].Init.Instrs.size() == 1);
  CHECK(M.Globals[1].Init.Instrs[0].I32 == 7);
  REQUIRE(M.Memories.size() == 1);
  CHECK(M.Memories[0].Type.Lim.Min == 1);
  CHECK(M.Memories[0].Type.Lim.Max == std::optional<uint64_t>(2));
  REQUIRE(M.Tables.size() == 1);
  CHECK(M.Tables[0].Type.Elem == ValType::ExternRef);
  CHECK_FALSE(M.Tables[0].Type.Lim.Max.has_value());
}

TEST_CASE("malformed kinds, flags and mutability bytes", "[decoder]") {
  SECTION("import kind") {
    Bytes Payload = cat({{0x01}, name("m"), name("f"), {0x04, 0x00}});
    CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Import, Payload)})),
                     ErrorKind::Malformed, "malformed import kind", FirstPayload + 5);
  }
  SECTION("export kind") {
    Bytes Payload = cat({{0x01}, name("e"), {0x04, 0x00}});
    CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Export, Payload)})),
                     ErrorKind::Malformed, "malformed export kind", FirstPayload + 3);
  }
  SECTION("limits flags") {
    CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Memory, {0x01, 0x02, 0x00})})),
                     ErrorKind::Malformed, "limits flags", FirstPayload + 1);
  }
  SECTION("global mutability") {
    Bytes Payload = {0x01, ty::I32, 0x02, op::I32Const, 0x00, op::End};
    CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Global, Payload)})),
                     ErrorKind::Malformed, "malformed mutability", FirstPayload + 2);
  }
  SECTION("table element type") {
    CHECK_WASM_ERROR(decodeError(cat({header(), section(sec::Table, {0x01, ty::I32, 0x00, 0x00})})),
                     ErrorKind::Malformed, "malformed reference type", FirstPayload + 1);
  }
}

TEST_CASE("exports and the start function decode with their offsets", "[decoder]") {
  ModuleBuilder B;
  uint32_t F = B.function(B.type({}, {}), {op::End});
  B.exportEntity("run", ir::ExternKind::Func, F);
  B.start(F);
  Bytes Module = B.build();
  ir::Module M = decodeOk(Module);
  REQUIRE(M.Exports.size() == 1);
  CHECK(M.Exports[0].Name == "run");
  CHECK(M.Exports[0].Offset == B.sectionOffset(sec::Export) + 1);
  CHECK(M.Start == std::optional<uint32_t>(0));
  CHECK(M.StartOffset == B.sectionOffset(sec::Start));
}

TEST_CASE("function and code sections must agree", "[decoder]") {
  Bytes Types = section(sec::Type, {0x01, 0x60, 0x00, 0x00});
  Bytes TwoFunctions = section(sec::Function, {0x02, 0x00, 0x00});
  Bytes OneBody = section(sec::Code, {0x01, 0x02, 0x00, op::End});

  SECTION("fewer bodies than functions") {
    Bytes M = cat({header(), Types, TwoFunctions, OneBody});
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed,
                     "function and code section have inconsistent lengths",
                     8 + Types.size() + TwoFunctions.size() + 2);
  }
  SECTION("functions without a code section") {
    Bytes M = cat({header(), Types, TwoFunctions});
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed,
                     "function and code section have inconsistent lengths", M.size());
  }
  SECTION("bodies without a function section") {
    Bytes M = cat({header(), Types, OneBody});
    CHECK_WASM_ERROR(decodeError(M), ErrorKind::Malformed,
                     "function and code section have inconsistent lengths", 8 + Types.size() + 2);
  }
  SECTION("zero functions need no code section") {
    CHECK(check(cat({header(), Types, section(sec::Function, {0x00})})) == "ok");
  }
}

TEST_CASE("the name section supplies function names", "[decoder][names]") {
  ModuleBuilder B;
  uint32_t T = B.type({}, {});
  B.importFunction(T);
  B.function(T, {op::End});
  B.function(T, {op::End});
  Bytes FunctionNames = cat({{0x02, 0x01}, name("main"), {0x02}, name("helper")});
  Bytes ModuleName = name("mod");
  B.custom("name", cat({{0x00},
                        uleb(ModuleName.size()),
                        ModuleName,
                        {0x01},
                        uleb(FunctionNames.size()),
                        FunctionNames}));
  ir::Module M = decodeOk(B.build());
  CHECK(M.Names.ModuleName == "mod");
  CHECK(M.Names.FunctionNames.size() == 2);
  CHECK(M.functionDisplayName(1) == "$main");
  CHECK(M.functionDisplayName(2) == "$helper");
  CHECK(M.functionDisplayName(0) == "func[0]");
  REQUIRE(M.CustomSections.size() == 1);
  CHECK(M.CustomSections[0].Name == "name");
}

TEST_CASE("a broken name section is ignored", "[decoder][names]") {
  ModuleBuilder B;
  B.function(B.type({}, {}), {op::End});
  Bytes Good = cat({{0x01, 0x00}, name("main")});
  ModuleBuilder Control = B;
  Control.custom("name", cat({{0x01}, uleb(Good.size()), Good}));
  REQUIRE(decodeOk(Control.build()).functionDisplayName(0) == "$main");

  // A good function-names subsection followed by a broken one (a vector
  // running short, a name that is not UTF-8, a size past the end): the names
  // decoded before the problem must not be used either.
  for (Bytes Bad : {cat({{0x01, 0x04, 0x02, 0x00}, name("a")}),
                    Bytes{0x01, 0x05, 0x01, 0x00, 0x02, 0xC0, 0x80}, cat({{0x01, 0x7F}, Good})}) {
    ModuleBuilder C = B;
    C.custom("name", cat({{0x01}, uleb(Good.size()), Good, Bad}));
    ir::Module M = decodeOk(C.build());
    CHECK(M.Names.FunctionNames.empty());
    CHECK(M.functionDisplayName(0) == "func[0]");
    CHECK(M.CustomSections.size() == 1);
    CHECK(check(C.build()) == "ok");
  }
}

TEST_CASE("custom section names must be UTF-8", "[decoder][names]") {
  Bytes B = cat({header(), section(sec::Custom, {0x02, 0xC0, 0x80})});
  CHECK_WASM_ERROR(decodeError(B), ErrorKind::Malformed, "malformed UTF-8 encoding",
                   FirstPayload + 1);
  Bytes Truncated = cat({header(), section(sec::Custom, {0x05, 'a'})});
  CHECK_WASM_ERROR(decodeError(Truncated), ErrorKind::Malformed, "length out of bounds",
                   FirstPayload + 1);
}
