//===- module/ModuleInfoTest.cpp - Serializing module information ----------===//
#include "module/ModuleInfo.h"

#include <catch2/catch.hpp>

using namespace wasmaot::runtime;

namespace {

ModuleInfo sample(const std::vector<uint8_t> &Data) {
  ModuleInfo M;
  M.Types = {{{0x7F, 0x7E}, {0x7D}}, {{}, {}}};
  M.Imports = {{"env", "f", ExternKind::Func, 0}, {"env", "mem", ExternKind::Memory, 0}};
  M.FuncTypes = {0, 1, 0};
  M.NumImportedFuncs = 1;
  M.Tables = {{0x6F, {1, 10}, /*Is64=*/true}};
  M.Memories = {{{1, std::nullopt}, /*Is64=*/true, /*PageSizeLog2=*/0}};
  M.Features = "memory64,custom-page-sizes";
  M.NumImportedMemories = 1;
  ConstInit Init;
  Init.K = ConstInit::F64;
  Init.Bytes[7] = 0x40;
  M.Globals = {{0x7C, true, Init}};
  M.Exports = {{"run", ExternKind::Func, 2}};
  M.Start = 1;
  M.Elems = {{ElemSegmentInfo::Declarative, 0, {}, {Init}}};
  // An extended constant expression: global 0 plus 8.
  ConstInit Offset;
  Offset.K = ConstInit::Program;
  Offset.Ops.resize(3);
  Offset.Ops[0].K = ConstInit::GlobalGet;
  Offset.Ops[1].K = ConstInit::I32;
  Offset.Ops[1].Bytes[0] = 8;
  Offset.Ops[2].K = ConstInit::I32Add;
  M.Datas = {{true, 0, Offset, Data}};
  M.FunctionNames = {{2, "run"}};
  return M;
}

} // namespace

TEST_CASE("module information survives serialization") {
  std::vector<uint8_t> Data = {1, 2, 3};
  ModuleInfo M = sample(Data);
  std::vector<uint8_t> Bytes = M.serialize();
  Result<ModuleInfo> R = ModuleInfo::deserialize(Bytes);
  REQUIRE(R);
  CHECK(R->Types == M.Types);
  CHECK(R->Imports.size() == 2);
  CHECK(R->Imports[1].Name == "mem");
  CHECK(R->Imports[1].Kind == ExternKind::Memory);
  CHECK(R->FuncTypes == M.FuncTypes);
  CHECK(R->Tables[0].Limits.Max == 10u);
  CHECK(R->Tables[0].Is64);
  CHECK(!R->Memories[0].Limits.Max);
  CHECK(R->Memories[0].Is64);
  CHECK(R->Memories[0].PageSizeLog2 == 0);
  CHECK(R->Features == "memory64,custom-page-sizes");
  CHECK(R->Globals[0].Init.Bytes[7] == 0x40);
  CHECK(R->Start == 1u);
  CHECK(R->Elems[0].M == ElemSegmentInfo::Declarative);
  CHECK(std::vector<uint8_t>(R->Datas[0].Bytes.begin(), R->Datas[0].Bytes.end()) == Data);
  const ConstInit &Offset = R->Datas[0].Offset;
  CHECK(Offset.K == ConstInit::Program);
  REQUIRE(Offset.Ops.size() == 3);
  CHECK(Offset.Ops[0].K == ConstInit::GlobalGet);
  CHECK(Offset.Ops[1].Bytes[0] == 8);
  CHECK(Offset.Ops[2].K == ConstInit::I32Add);
  CHECK(R->functionDisplayName(2) == "$run");
  CHECK(R->functionDisplayName(1) == "func[1]");
}

TEST_CASE("damaged module information is refused") {
  std::vector<uint8_t> Data = {1, 2, 3};
  std::vector<uint8_t> Bytes = sample(Data).serialize();
  for (size_t At : {size_t(0), size_t(9), Bytes.size() / 2, Bytes.size() - 1}) {
    std::vector<uint8_t> Flipped = Bytes;
    Flipped[At] ^= 0x10;
    CHECK(!ModuleInfo::deserialize(Flipped));
  }
  for (size_t Size : {size_t(0), size_t(15), Bytes.size() - 1})
    CHECK(!ModuleInfo::deserialize(std::span(Bytes).first(Size)));
  std::vector<uint8_t> Longer = Bytes;
  Longer.push_back(0);
  CHECK(!ModuleInfo::deserialize(Longer));
}

TEST_CASE("module information that the runtime cannot use is refused") {
  std::vector<uint8_t> Data = {1, 2, 3};
  ModuleInfo PageSize = sample(Data);
  PageSize.Memories[0].PageSizeLog2 = 12; // neither 1 byte nor 64 KiB
  auto Read = ModuleInfo::deserialize(PageSize.serialize());
  REQUIRE(!Read);
  CHECK(Read.error().message() ==
        "module information is inconsistent: memory page size out of range");
}
