//===- decoder/ModuleDecoder.cpp - Header, section order, entity sections --===//
#include "decoder/ModuleDecoder.h"
#include "decoder/Decoder.h"
#include "decoder/ImplementationLimits.h"

#include "llvm/ADT/StringExtras.h"

using namespace wasmaot;
using namespace wasmaot::ir;

namespace {

enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElemId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
};

/// Position of a known section in the order the binary format requires; the
/// data count section sits between the element and code sections.
unsigned sectionRank(uint8_t Id) {
  switch (Id) {
  case DataCountId:
    return 10;
  case CodeId:
    return 11;
  case DataId:
    return 12;
  default:
    return Id;
  }
}

const char *sectionName(uint8_t Id) {
  static const char *Names[] = {"custom", "type",  "import", "function", "table",
                                "memory", "global", "export", "start",   "element",
                                "code",   "data",  "data count"};
  return Id < std::size(Names) ? Names[Id] : "unknown";
}

llvm::Error limitError(uint64_t Offset, const llvm::Twine &What, uint64_t Limit) {
  return malformed(Offset, What + " (implementation limit: " + llvm::Twine(Limit) + ")");
}

} // namespace

llvm::Expected<Module> wasmaot::decodeModule(llvm::ArrayRef<uint8_t> Bytes,
                                             const Features &Enabled) {
  return ModuleDecoder(Bytes, Enabled).decode();
}

llvm::Expected<Module> ModuleDecoder::decode() {
  if (Bytes.size() > limits::MaxModuleBytes)
    return limitError(0, "module too large", limits::MaxModuleBytes);
  ByteReader R(Bytes);
  // A header cut short is an unexpected end, as the spec's tests expect.
  auto Magic = R.readFixedU32();
  if (!Magic)
    return Magic.takeError();
  if (*Magic != 0x6D736100)
    return malformed(0, "magic header not detected");
  auto Version = R.readFixedU32();
  if (!Version)
    return Version.takeError();
  if (*Version != 1)
    return malformed(4, "unknown binary version");

  unsigned LastRank = 0;
  while (!R.atEnd()) {
    uint64_t SectionStart = R.offset();
    auto Id = R.readByte();
    if (!Id)
      return Id.takeError();
    if (*Id > DataCountId)
      return malformed(SectionStart, "malformed section id " + llvm::Twine(unsigned(*Id)));
    auto Size = R.readVarU32();
    if (!Size)
      return Size.takeError();
    if (*Size > R.remaining())
      return malformed(SectionStart, "length out of bounds: " + llvm::Twine(sectionName(*Id)) +
                                         " section of " + llvm::Twine(*Size) +
                                         " bytes, " + llvm::Twine(R.remaining()) + " left");
    if (*Id != CustomId) {
      unsigned Rank = sectionRank(*Id);
      if (Rank <= LastRank)
        return malformed(SectionStart, "unexpected content after last section: " +
                                           llvm::Twine(sectionName(*Id)) +
                                           " section out of order or repeated");
      LastRank = Rank;
    }
    auto Payload = R.subReader(*Size);
    if (!Payload)
      return Payload.takeError();
    if (auto E = decodeSection(*Id, *Payload))
      return E;
    if (!Payload->atEnd())
      return malformed(Payload->offset(), llvm::Twine("section size mismatch: ") +
                                              sectionName(*Id) + " section has " +
                                              llvm::Twine(Payload->remaining()) +
                                              " bytes left over");
  }

  if (NumDeclaredFunctions != 0 && !SawCodeSection)
    return malformed(R.offset(), "function and code section have inconsistent lengths");
  if (M.DataCount && *M.DataCount != M.Datas.size())
    return malformed(R.offset(), "data count and data section have inconsistent lengths");
  return std::move(M);
}

llvm::Error ModuleDecoder::decodeSection(uint8_t Id, ByteReader &R) {
  switch (Id) {
  case CustomId:
    return decodeCustomSection(R);
  case TypeId:
    return decodeTypeSection(R);
  case ImportId:
    return decodeImportSection(R);
  case FunctionId:
    return decodeFunctionSection(R);
  case TableId:
    return decodeTableSection(R);
  case MemoryId:
    return decodeMemorySection(R);
  case GlobalId:
    return decodeGlobalSection(R);
  case ExportId:
    return decodeExportSection(R);
  case StartId:
    return decodeStartSection(R);
  case ElemId:
    return decodeElemSection(R);
  case CodeId:
    return decodeCodeSection(R);
  case DataId:
    return decodeDataSection(R);
  case DataCountId:
    return decodeDataCountSection(R);
  }
  llvm_unreachable("section id checked by the caller");
}

llvm::Expected<ValType> ModuleDecoder::readValType(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Byte = R.readByte();
  if (!Byte)
    return Byte.takeError();
  if (auto T = valTypeFromByte(*Byte))
    return *T;
  return malformed(Offset, "malformed value type 0x" + llvm::utohexstr(*Byte));
}

llvm::Expected<ValType> ModuleDecoder::readRefType(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Byte = R.readByte();
  if (!Byte)
    return Byte.takeError();
  if (*Byte == uint8_t(ValType::FuncRef) || *Byte == uint8_t(ValType::ExternRef))
    return static_cast<ValType>(*Byte);
  return malformed(Offset, "malformed reference type 0x" + llvm::utohexstr(*Byte));
}

llvm::Expected<Limits> ModuleDecoder::readLimits(ByteReader &R, uint8_t Allowed,
                                                LimitsShape &Shape) {
  uint64_t Offset = R.offset();
  auto Flags = R.readByte();
  if (!Flags)
    return Flags.takeError();
  // The flags are a LEB-encoded u8 in the spec's grammar, hence its wording.
  if (*Flags & 0x80)
    return malformed(Offset, "integer representation too long: malformed limits flags 0x" +
                                 llvm::utohexstr(*Flags));
  if (*Flags & ~(Allowed | 0x01))
    return malformed(Offset, "integer too large: malformed limits flags 0x" +
                                 llvm::utohexstr(*Flags));
  Shape.Is64 = *Flags & 0x04;
  Shape.CustomPageSize = *Flags & 0x08;
  auto ReadBound = [&]() -> llvm::Expected<uint64_t> {
    if (Shape.Is64)
      return R.readVarU64();
    return R.readVarU32();
  };
  Limits L;
  auto Min = ReadBound();
  if (!Min)
    return Min.takeError();
  L.Min = *Min;
  if (*Flags & 0x01) {
    auto Max = ReadBound();
    if (!Max)
      return Max.takeError();
    L.Max = *Max;
  }
  return L;
}

llvm::Expected<TableType> ModuleDecoder::readTableType(ByteReader &R) {
  TableType T;
  auto Elem = readRefType(R);
  if (!Elem)
    return Elem.takeError();
  T.Elem = *Elem;
  LimitsShape Shape;
  auto L = readLimits(R, Enabled.has(Feature::Memory64) ? 0x04 : 0, Shape);
  if (!L)
    return L.takeError();
  T.Lim = *L;
  T.Is64 = Shape.Is64;
  return T;
}

llvm::Expected<MemoryType> ModuleDecoder::readMemoryType(ByteReader &R) {
  MemoryType T;
  uint8_t Allowed = (Enabled.has(Feature::Memory64) ? 0x04 : 0) |
                    (Enabled.has(Feature::CustomPageSizes) ? 0x08 : 0);
  LimitsShape Shape;
  auto L = readLimits(R, Allowed, Shape);
  if (!L)
    return L.takeError();
  T.Lim = *L;
  T.Is64 = Shape.Is64;
  if (Shape.CustomPageSize) {
    uint64_t Offset = R.offset();
    auto Log2 = R.readVarU32();
    if (!Log2)
      return Log2.takeError();
    // The validator allows 0 and 16; anything past 64 is not even a size.
    if (*Log2 > 64)
      return malformed(Offset, "malformed memory page size: 2^" + llvm::Twine(*Log2));
    T.PageSizeLog2 = *Log2;
  }
  return T;
}

llvm::Expected<GlobalType> ModuleDecoder::readGlobalType(ByteReader &R) {
  GlobalType T;
  auto Type = readValType(R);
  if (!Type)
    return Type.takeError();
  T.Type = *Type;
  uint64_t Offset = R.offset();
  auto Mut = R.readByte();
  if (!Mut)
    return Mut.takeError();
  if (*Mut > 1)
    return malformed(Offset, "malformed mutability 0x" + llvm::utohexstr(*Mut));
  T.Mutable = *Mut == 1;
  return T;
}

llvm::Error ModuleDecoder::decodeTypeSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(3);
  if (!Count)
    return Count.takeError();
  if (*Count > limits::MaxTypes)
    return limitError(Offset, "too many types", limits::MaxTypes);
  M.Types.reserve(*Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    uint64_t TypeOffset = R.offset();
    auto Form = R.readByte();
    if (!Form)
      return Form.takeError();
    // The form is an s7 in the spec's grammar: a continuation bit makes the
    // encoding too long rather than an unknown form.
    if (*Form & 0x80)
      return malformed(TypeOffset, "integer representation too long: malformed function "
                                   "type form 0x" + llvm::utohexstr(*Form));
    if (*Form != 0x60)
      return malformed(TypeOffset, "malformed function type form 0x" +
                                       llvm::utohexstr(*Form));
    FuncType T;
    for (auto [Types, Limit, What] :
         {std::tuple{&T.Params, limits::MaxFunctionParams, "too many parameters"},
          std::tuple{&T.Results, limits::MaxFunctionResults, "too many results"}}) {
      uint64_t VecOffset = R.offset();
      auto N = R.readVecLength();
      if (!N)
        return N.takeError();
      if (*N > Limit)
        return limitError(VecOffset, What, Limit);
      Types->reserve(*N);
      for (uint32_t K = 0; K < *N; ++K) {
        auto VT = readValType(R);
        if (!VT)
          return VT.takeError();
        Types->push_back(*VT);
      }
    }
    M.Types.push_back(std::move(T));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeImportSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(4);
  if (!Count)
    return Count.takeError();
  if (*Count > limits::MaxImports)
    return limitError(Offset, "too many imports", limits::MaxImports);
  for (uint32_t I = 0; I < *Count; ++I) {
    Import Imp;
    Imp.Offset = R.offset();
    auto ModName = R.readName();
    if (!ModName)
      return ModName.takeError();
    auto FieldName = R.readName();
    if (!FieldName)
      return FieldName.takeError();
    Imp.ModuleName = std::move(*ModName);
    Imp.FieldName = std::move(*FieldName);
    uint64_t KindOffset = R.offset();
    auto Kind = R.readByte();
    if (!Kind)
      return Kind.takeError();
    switch (*Kind) {
    case 0x00: {
      auto TypeIndex = R.readVarU32();
      if (!TypeIndex)
        return TypeIndex.takeError();
      Function F;
      F.TypeIndex = *TypeIndex;
      F.Imported = true;
      F.Offset = Imp.Offset;
      M.Functions.push_back(std::move(F));
      ++M.NumImportedFuncs;
      break;
    }
    case 0x01: {
      auto T = readTableType(R);
      if (!T)
        return T.takeError();
      M.Tables.push_back({*T, true, Imp.Offset});
      ++M.NumImportedTables;
      break;
    }
    case 0x02: {
      auto T = readMemoryType(R);
      if (!T)
        return T.takeError();
      M.Memories.push_back({*T, true, Imp.Offset});
      ++M.NumImportedMemories;
      break;
    }
    case 0x03: {
      auto T = readGlobalType(R);
      if (!T)
        return T.takeError();
      Global G;
      G.Type = *T;
      G.Imported = true;
      G.Offset = Imp.Offset;
      M.Globals.push_back(std::move(G));
      ++M.NumImportedGlobals;
      break;
    }
    default:
      return malformed(KindOffset, "malformed import kind 0x" + llvm::utohexstr(*Kind));
    }
    Imp.Kind = static_cast<ExternKind>(*Kind);
    M.Imports.push_back(std::move(Imp));
  }
  if (M.Functions.size() > limits::MaxFunctions)
    return limitError(Offset, "too many functions", limits::MaxFunctions);
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeFunctionSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength();
  if (!Count)
    return Count.takeError();
  if (M.Functions.size() + *Count > limits::MaxFunctions)
    return limitError(Offset, "too many functions", limits::MaxFunctions);
  NumDeclaredFunctions = *Count;
  M.Functions.reserve(M.Functions.size() + *Count);
  for (uint32_t I = 0; I < *Count; ++I) {
    Function F;
    F.Offset = R.offset();
    auto TypeIndex = R.readVarU32();
    if (!TypeIndex)
      return TypeIndex.takeError();
    F.TypeIndex = *TypeIndex;
    M.Functions.push_back(std::move(F));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeTableSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(3);
  if (!Count)
    return Count.takeError();
  if (M.Tables.size() + *Count > limits::MaxTables)
    return limitError(Offset, "too many tables", limits::MaxTables);
  for (uint32_t I = 0; I < *Count; ++I) {
    uint32_t TableOffset = R.offset();
    auto T = readTableType(R);
    if (!T)
      return T.takeError();
    M.Tables.push_back({*T, false, TableOffset});
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeMemorySection(ByteReader &R) {
  auto Count = R.readVecLength(2);
  if (!Count)
    return Count.takeError();
  for (uint32_t I = 0; I < *Count; ++I) {
    uint32_t MemOffset = R.offset();
    auto T = readMemoryType(R);
    if (!T)
      return T.takeError();
    M.Memories.push_back({*T, false, MemOffset});
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeGlobalSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(3);
  if (!Count)
    return Count.takeError();
  if (M.Globals.size() + *Count > limits::MaxGlobals)
    return limitError(Offset, "too many globals", limits::MaxGlobals);
  for (uint32_t I = 0; I < *Count; ++I) {
    Global G;
    G.Offset = R.offset();
    auto T = readGlobalType(R);
    if (!T)
      return T.takeError();
    G.Type = *T;
    auto Init = readConstExpr(R);
    if (!Init)
      return Init.takeError();
    G.Init = std::move(*Init);
    M.Globals.push_back(std::move(G));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeExportSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(3);
  if (!Count)
    return Count.takeError();
  if (*Count > limits::MaxExports)
    return limitError(Offset, "too many exports", limits::MaxExports);
  for (uint32_t I = 0; I < *Count; ++I) {
    Export Exp;
    Exp.Offset = R.offset();
    auto Name = R.readName();
    if (!Name)
      return Name.takeError();
    Exp.Name = std::move(*Name);
    uint64_t KindOffset = R.offset();
    auto Kind = R.readByte();
    if (!Kind)
      return Kind.takeError();
    if (*Kind > 3)
      return malformed(KindOffset, "malformed export kind 0x" + llvm::utohexstr(*Kind));
    Exp.Kind = static_cast<ExternKind>(*Kind);
    auto Index = R.readVarU32();
    if (!Index)
      return Index.takeError();
    Exp.Index = *Index;
    M.Exports.push_back(std::move(Exp));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeStartSection(ByteReader &R) {
  M.StartOffset = R.offset();
  auto Index = R.readVarU32();
  if (!Index)
    return Index.takeError();
  M.Start = *Index;
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeDataCountSection(ByteReader &R) {
  auto Count = R.readVarU32();
  if (!Count)
    return Count.takeError();
  M.DataCount = *Count;
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeCodeSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength();
  if (!Count)
    return Count.takeError();
  SawCodeSection = true;
  if (*Count != NumDeclaredFunctions)
    return malformed(Offset, "function and code section have inconsistent lengths: " +
                                 llvm::Twine(NumDeclaredFunctions) + " functions, " +
                                 llvm::Twine(*Count) + " bodies");
  for (uint32_t I = 0; I < *Count; ++I) {
    uint32_t FuncIndex = M.NumImportedFuncs + I;
    if (auto E = readFunctionBody(R, M.Functions[FuncIndex]))
      return withContext(std::move(E), "in function " + llvm::Twine(FuncIndex));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeCustomSection(ByteReader &R) {
  auto Name = R.readName();
  if (!Name)
    return Name.takeError();
  CustomSection S;
  S.Name = std::move(*Name);
  S.Offset = R.offset();
  S.Size = R.remaining();
  auto Payload = R.subReader(R.remaining());
  if (!Payload)
    return Payload.takeError();
  if (S.Name == "name")
    decodeNameSection(*Payload);
  M.CustomSections.push_back(std::move(S));
  return llvm::Error::success();
}

void ModuleDecoder::decodeNameSection(ByteReader R) {
  // The name section is advisory: a malformed one is ignored, as the spec
  // asks, and whatever was decoded before the problem is dropped.
  NameMap Names;
  auto Parse = [&]() -> llvm::Error {
    while (!R.atEnd()) {
      auto Id = R.readByte();
      if (!Id)
        return Id.takeError();
      auto Size = R.readVarU32();
      if (!Size)
        return Size.takeError();
      auto Sub = R.subReader(*Size);
      if (!Sub)
        return Sub.takeError();
      if (*Id == 0) {
        auto Name = Sub->readName();
        if (!Name)
          return Name.takeError();
        Names.ModuleName = std::move(*Name);
      } else if (*Id == 1) {
        auto Count = Sub->readVecLength(2);
        if (!Count)
          return Count.takeError();
        for (uint32_t I = 0; I < *Count; ++I) {
          auto Index = Sub->readVarU32();
          if (!Index)
            return Index.takeError();
          auto Name = Sub->readName();
          if (!Name)
            return Name.takeError();
          Names.FunctionNames[*Index] = std::move(*Name);
        }
      }
    }
    return llvm::Error::success();
  };
  if (auto E = Parse()) {
    llvm::consumeError(std::move(E));
    return;
  }
  M.Names = std::move(Names);
}
