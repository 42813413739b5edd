//===- tests/compiler/TestModules.cpp --------------------------------------===//
#include "TestModules.h"

#include <stdexcept>

using namespace wasmaot;
using namespace wasmaot::test;

Bytes test::uleb(uint64_t V) {
  Bytes Out;
  do {
    uint8_t Byte = V & 0x7F;
    V >>= 7;
    Out.push_back(V ? Byte | 0x80 : Byte);
  } while (V);
  return Out;
}

Bytes test::sleb(int64_t V) {
  Bytes Out;
  while (true) {
    uint8_t Byte = V & 0x7F;
    V >>= 7; // arithmetic: keeps the sign
    bool Done = (V == 0 && !(Byte & 0x40)) || (V == -1 && (Byte & 0x40));
    Out.push_back(Done ? Byte : Byte | 0x80);
    if (Done)
      return Out;
  }
}

Bytes test::ulebPadded(uint64_t V, unsigned Width) {
  Bytes Out;
  for (unsigned I = 0; I < Width; ++I) {
    uint8_t Byte = V & 0x7F;
    V >>= 7;
    Out.push_back(I + 1 < Width ? Byte | 0x80 : Byte);
  }
  if (V)
    throw std::invalid_argument("value does not fit the requested LEB128 width");
  return Out;
}

Bytes test::name(std::string_view S) {
  Bytes Out = uleb(S.size());
  Out.insert(Out.end(), S.begin(), S.end());
  return Out;
}

Bytes test::cat(std::initializer_list<Bytes> Parts) {
  Bytes Out;
  for (const Bytes &P : Parts)
    Out.insert(Out.end(), P.begin(), P.end());
  return Out;
}

Bytes test::header() { return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}; }

Bytes test::section(uint8_t Id, const Bytes &Payload) {
  return cat({{Id}, uleb(Payload.size()), Payload});
}

namespace {

uint8_t byteOf(ir::ValType T) { return static_cast<uint8_t>(T); }

Bytes limits(uint32_t Min, std::optional<uint32_t> Max) {
  if (Max)
    return cat({{0x01}, uleb(Min), uleb(*Max)});
  return cat({{0x00}, uleb(Min)});
}

/// A vector: its length, then the concatenated entries.
Bytes vec(const std::vector<Bytes> &Entries) {
  Bytes Out = uleb(Entries.size());
  for (const Bytes &E : Entries)
    Out.insert(Out.end(), E.begin(), E.end());
  return Out;
}

} // namespace

uint32_t ModuleBuilder::type(std::vector<ir::ValType> Params, std::vector<ir::ValType> Results) {
  Bytes T{0x60};
  for (const auto *List : {&Params, &Results}) {
    Bytes Encoded = uleb(List->size());
    for (ir::ValType V : *List)
      Encoded.push_back(byteOf(V));
    T.insert(T.end(), Encoded.begin(), Encoded.end());
  }
  Types.push_back(std::move(T));
  return Types.size() - 1;
}

uint32_t ModuleBuilder::importFunction(uint32_t TypeIndex, std::string Field) {
  Imports.push_back(cat({name("env"), name(Field), {0x00}, uleb(TypeIndex)}));
  return NumImportedFunctions++;
}

uint32_t ModuleBuilder::importGlobal(ir::ValType Type, bool Mutable, std::string Field) {
  Imports.push_back(
      cat({name("env"), name(Field), {0x03, byteOf(Type), uint8_t(Mutable ? 1 : 0)}}));
  return NumImportedGlobals++;
}

void ModuleBuilder::importMemory(uint32_t Min, std::optional<uint32_t> Max) {
  Imports.push_back(cat({name("env"), name("mem"), {0x02}, limits(Min, Max)}));
}

void ModuleBuilder::importTable(ir::ValType Elem, uint32_t Min, std::optional<uint32_t> Max) {
  Imports.push_back(cat({name("env"), name("tab"), {0x01, byteOf(Elem)}, limits(Min, Max)}));
}

uint32_t ModuleBuilder::function(uint32_t TypeIndex, Bytes Body, Locals LocalDecls) {
  Functions.push_back({TypeIndex, std::move(LocalDecls), std::move(Body)});
  return NumImportedFunctions + Functions.size() - 1;
}

void ModuleBuilder::table(ir::ValType Elem, uint32_t Min, std::optional<uint32_t> Max) {
  Tables.push_back(cat({{byteOf(Elem)}, limits(Min, Max)}));
}

void ModuleBuilder::memory(uint32_t Min, std::optional<uint32_t> Max) {
  Memories.push_back(limits(Min, Max));
}

void ModuleBuilder::memory64(uint32_t Min, bool Is64) {
  Memories.push_back(cat({{uint8_t(Is64 ? 0x04 : 0x00)}, uleb(Min)}));
}

uint32_t ModuleBuilder::global(ir::ValType Type, bool Mutable, Bytes Init) {
  Globals.push_back(cat({{byteOf(Type), uint8_t(Mutable ? 1 : 0)}, Init}));
  return NumImportedGlobals + Globals.size() - 1;
}

void ModuleBuilder::exportEntity(std::string Name, ir::ExternKind Kind, uint32_t Index) {
  Exports.push_back(cat({name(Name), {static_cast<uint8_t>(Kind)}, uleb(Index)}));
}

void ModuleBuilder::start(uint32_t FuncIndex) { Start = FuncIndex; }
void ModuleBuilder::elemSegment(Bytes Encoded) { Elems.push_back(std::move(Encoded)); }
void ModuleBuilder::dataSegment(Bytes Encoded) { Datas.push_back(std::move(Encoded)); }
void ModuleBuilder::dataCount(uint32_t N) { DataCount = N; }

void ModuleBuilder::custom(std::string Name, Bytes Payload) {
  Customs.emplace_back(std::move(Name), std::move(Payload));
}

uint64_t ModuleBuilder::sectionOffset(uint8_t Id) const {
  for (auto [SectionId, Offset] : SectionOffsets)
    if (SectionId == Id)
      return Offset;
  throw std::out_of_range("the module has no such section");
}

Bytes ModuleBuilder::build() {
  Bytes Out = header();
  SectionOffsets.clear();
  BodyOffsets.clear();
  CodeOffsets.clear();
  auto Emit = [&](uint8_t Id, const Bytes &Payload) {
    Out.push_back(Id);
    Bytes Size = uleb(Payload.size());
    Out.insert(Out.end(), Size.begin(), Size.end());
    SectionOffsets.emplace_back(Id, Out.size());
    Out.insert(Out.end(), Payload.begin(), Payload.end());
  };
  auto EmitVec = [&](uint8_t Id, const std::vector<Bytes> &Entries) {
    if (!Entries.empty())
      Emit(Id, vec(Entries));
  };

  EmitVec(sec::Type, Types);
  EmitVec(sec::Import, Imports);
  std::vector<Bytes> FunctionTypes;
  for (const DefinedFunction &F : Functions)
    FunctionTypes.push_back(uleb(F.TypeIndex));
  EmitVec(sec::Function, FunctionTypes);
  EmitVec(sec::Table, Tables);
  EmitVec(sec::Memory, Memories);
  EmitVec(sec::Global, Globals);
  EmitVec(sec::Export, Exports);
  if (Start)
    Emit(sec::Start, uleb(*Start));
  EmitVec(sec::Elem, Elems);
  if (DataCount)
    Emit(sec::DataCount, uleb(*DataCount));

  if (!Functions.empty()) {
    // Offsets inside the payload first; the payload's own position is known
    // once its size field is.
    Bytes Payload = uleb(Functions.size());
    std::vector<uint64_t> RelBody, RelCode;
    for (const DefinedFunction &F : Functions) {
      Bytes Body = uleb(F.LocalDecls.size());
      for (auto [Count, Type] : F.LocalDecls) {
        Bytes Decl = uleb(Count);
        Body.insert(Body.end(), Decl.begin(), Decl.end());
        Body.push_back(byteOf(Type));
      }
      uint64_t LocalsSize = Body.size();
      Body.insert(Body.end(), F.Body.begin(), F.Body.end());
      Bytes Size = uleb(Body.size());
      RelBody.push_back(Payload.size());
      RelCode.push_back(Payload.size() + Size.size() + LocalsSize);
      Payload.insert(Payload.end(), Size.begin(), Size.end());
      Payload.insert(Payload.end(), Body.begin(), Body.end());
    }
    Emit(sec::Code, Payload);
    uint64_t Base = SectionOffsets.back().second;
    for (size_t I = 0; I < Functions.size(); ++I) {
      BodyOffsets.push_back(Base + RelBody[I]);
      CodeOffsets.push_back(Base + RelCode[I]);
    }
  }

  EmitVec(sec::Data, Datas);
  for (const auto &[Name, Payload] : Customs)
    Emit(sec::Custom, cat({name(Name), Payload}));
  return Out;
}

Bytes test::singleFunction(std::vector<ir::ValType> Params, std::vector<ir::ValType> Results,
                           const Bytes &Body, uint64_t *Code, ModuleBuilder::Locals LocalDecls) {
  ModuleBuilder B;
  B.function(B.type(std::move(Params), std::move(Results)), Body, std::move(LocalDecls));
  Bytes Out = B.build();
  if (Code)
    *Code = B.codeOffset(0);
  return Out;
}
