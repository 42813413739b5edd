//===- decoder/SegmentDecoder.cpp - Element and data segments --------------===//
#include "decoder/ImplementationLimits.h"
#include "decoder/ModuleDecoder.h"

#include "llvm/ADT/StringExtras.h"

using namespace wasmaot;
using namespace wasmaot::ir;

namespace {

/// The element segment's flags word: bit 0 passive/declarative (with bit 1
/// choosing declarative), bit 1 an explicit table index for active segments,
/// bit 2 expressions instead of function indices.
enum ElemFlags : uint32_t {
  ElemNotActive = 1,
  ElemExplicitTableOrDeclarative = 2,
  ElemExpressions = 4,
};

} // namespace

llvm::Error ModuleDecoder::decodeElemSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(3);
  if (!Count)
    return Count.takeError();
  if (*Count > limits::MaxElemSegments)
    return malformed(Offset, "too many element segments (implementation limit: " +
                                 llvm::Twine(limits::MaxElemSegments) + ")");
  uint64_t TotalEntries = 0;
  for (uint32_t I = 0; I < *Count; ++I) {
    ElemSegment S;
    S.Offset = R.offset();
    auto Flags = R.readVarU32();
    if (!Flags)
      return Flags.takeError();
    if (*Flags > 7)
      return malformed(S.Offset, "malformed elements segment kind " + llvm::Twine(*Flags));
    if (*Flags & ElemNotActive)
      S.Mode = (*Flags & ElemExplicitTableOrDeclarative) ? SegmentMode::Declarative
                                                          : SegmentMode::Passive;
    if (S.Mode == SegmentMode::Active) {
      if (*Flags & ElemExplicitTableOrDeclarative) {
        auto Table = R.readVarU32();
        if (!Table)
          return Table.takeError();
        S.Table = *Table;
      }
      auto TableOffset = readConstExpr(R);
      if (!TableOffset)
        return TableOffset.takeError();
      S.TableOffset = std::move(*TableOffset);
    }
    // Segments of the original format (flags 0 and 4) name neither an element
    // kind nor a type: they are funcref.
    bool HasKindOrType = (*Flags & (ElemNotActive | ElemExplicitTableOrDeclarative)) != 0;
    if (*Flags & ElemExpressions) {
      if (HasKindOrType) {
        auto Type = readRefType(R);
        if (!Type)
          return Type.takeError();
        S.Type = *Type;
      }
    } else if (HasKindOrType) {
      uint64_t KindOffset = R.offset();
      auto Kind = R.readByte();
      if (!Kind)
        return Kind.takeError();
      if (*Kind != 0x00)
        return malformed(KindOffset, "malformed element kind 0x" + llvm::utohexstr(*Kind));
    }

    uint64_t VecOffset = R.offset();
    auto N = R.readVecLength();
    if (!N)
      return N.takeError();
    TotalEntries += *N;
    if (TotalEntries > limits::MaxElemSegmentEntries)
      return malformed(VecOffset, "too many element segment entries (implementation limit: " +
                                      llvm::Twine(limits::MaxElemSegmentEntries) + ")");
    S.Inits.reserve(*N);
    for (uint32_t K = 0; K < *N; ++K) {
      if (*Flags & ElemExpressions) {
        auto Init = readConstExpr(R);
        if (!Init)
          return Init.takeError();
        S.Inits.push_back(std::move(*Init));
        continue;
      }
      ConstExpr Init;
      Init.Offset = R.offset();
      auto Func = R.readVarU32();
      if (!Func)
        return Func.takeError();
      Instruction RefFunc(Opcode::RefFunc, Init.Offset);
      RefFunc.Index = *Func;
      Init.Instrs.push_back(RefFunc);
      S.Inits.push_back(std::move(Init));
    }
    M.Elems.push_back(std::move(S));
  }
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::decodeDataSection(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Count = R.readVecLength(2);
  if (!Count)
    return Count.takeError();
  if (*Count > limits::MaxDataSegments)
    return malformed(Offset, "too many data segments (implementation limit: " +
                                 llvm::Twine(limits::MaxDataSegments) + ")");
  for (uint32_t I = 0; I < *Count; ++I) {
    DataSegment S;
    S.Offset = R.offset();
    auto Flags = R.readVarU32();
    if (!Flags)
      return Flags.takeError();
    switch (*Flags) {
    case 0:
      break;
    case 1:
      S.Mode = SegmentMode::Passive;
      break;
    case 2: {
      auto Memory = R.readVarU32();
      if (!Memory)
        return Memory.takeError();
      S.Memory = *Memory;
      break;
    }
    default:
      return malformed(S.Offset, "malformed data segment kind " + llvm::Twine(*Flags));
    }
    if (S.Mode == SegmentMode::Active) {
      auto MemoryOffset = readConstExpr(R);
      if (!MemoryOffset)
        return MemoryOffset.takeError();
      S.MemoryOffset = std::move(*MemoryOffset);
    }
    auto Size = R.readVarU32();
    if (!Size)
      return Size.takeError();
    auto Bytes = R.readBytes(*Size);
    if (!Bytes)
      return Bytes.takeError();
    S.Bytes.assign(Bytes->begin(), Bytes->end());
    M.Datas.push_back(std::move(S));
  }
  return llvm::Error::success();
}
