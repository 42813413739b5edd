//===- decoder/InstructionDecoder.cpp - Function bodies, constant exprs ----===//
#include "decoder/ImplementationLimits.h"
#include "decoder/ModuleDecoder.h"

#include "llvm/ADT/StringExtras.h"

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::ir;

llvm::Error ModuleDecoder::readFunctionBody(ByteReader &R, Function &F) {
  uint64_t Offset = R.offset();
  auto Size = R.readVarU32();
  if (!Size)
    return Size.takeError();
  if (*Size > limits::MaxFunctionBodyBytes)
    return malformed(Offset, "function body too large (implementation limit: " +
                                 llvm::Twine(limits::MaxFunctionBodyBytes) + " bytes)");
  auto Body = R.subReader(*Size);
  if (!Body)
    return Body.takeError();
  F.Offset = Offset;
  F.BodySize = *Size;

  auto NumDecls = Body->readVecLength(2);
  if (!NumDecls)
    return NumDecls.takeError();
  uint64_t TotalLocals = 0;
  for (uint32_t I = 0; I < *NumDecls; ++I) {
    uint64_t DeclOffset = Body->offset();
    auto N = Body->readVarU32();
    if (!N)
      return N.takeError();
    TotalLocals += *N;
    if (TotalLocals > limits::MaxFunctionLocals)
      return malformed(DeclOffset, "too many locals (implementation limit: " +
                                       llvm::Twine(limits::MaxFunctionLocals) + ")");
    auto Type = readValType(*Body);
    if (!Type)
      return Type.takeError();
    F.Locals.insert(F.Locals.end(), *N, *Type);
  }

  if (auto E = readInstructions(*Body, F.Body, F.BrTableTargets, /*InBody=*/true))
    return E;
  if (!Body->atEnd())
    return malformed(Body->offset(), "section size mismatch: " + llvm::Twine(Body->remaining()) +
                                         " bytes after the end of the function");
  return llvm::Error::success();
}

llvm::Expected<ConstExpr> ModuleDecoder::readConstExpr(ByteReader &R) {
  ConstExpr E;
  E.Offset = R.offset();
  std::vector<Instruction> Instrs;
  std::vector<uint32_t> Targets;
  if (auto Err = readInstructions(R, Instrs, Targets, /*InBody=*/false))
    return Err;
  Instrs.pop_back(); // the closing `end`
  E.Instrs.assign(Instrs.begin(), Instrs.end());
  return E;
}

llvm::Error ModuleDecoder::readInstructions(ByteReader &R, std::vector<Instruction> &Out,
                                            std::vector<uint32_t> &Targets, bool InBody) {
  uint32_t Depth = 1;
  while (true) {
    uint64_t Offset = R.offset();
    if (R.atEnd())
      return malformed(Offset, InBody ? "END opcode expected"
                                      : "unexpected end of section or function");
    uint8_t Prefix = *R.readByte();
    uint32_t Code = Prefix;
    if (Prefix == 0xFC || Prefix == 0xFD) {
      auto Sub = R.readVarU32();
      if (!Sub)
        return Sub.takeError();
      Code = *Sub;
    } else {
      Prefix = 0;
    }
    auto Op = lookupOpcode(Prefix, Code);
    if (!Op) {
      std::string Encoding =
          Prefix ? "0x" + llvm::utohexstr(Prefix) + " " + std::to_string(Code)
                 : "0x" + llvm::utohexstr(Code);
      return malformed(Offset, "illegal opcode " + Encoding);
    }
    Instruction I(*Op, static_cast<uint32_t>(Offset));
    if (auto E = readImmediates(R, I, Targets))
      return E;
    Out.push_back(I);

    switch (*Op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
      if (++Depth > limits::MaxControlDepth)
        return malformed(Offset, "blocks nested too deeply (implementation limit: " +
                                     llvm::Twine(limits::MaxControlDepth) + ")");
      break;
    case Opcode::End:
      if (--Depth == 0)
        return llvm::Error::success();
      break;
    case Opcode::MemoryInit:
    case Opcode::DataDrop:
      // A binary-format rule: these need the data count section, so that a
      // one-pass compiler knows the number of data segments in advance.
      if (!M.DataCount)
        return malformed(Offset, "data count section required");
      break;
    default:
      break;
    }
  }
}

llvm::Error ModuleDecoder::readZeroByte(ByteReader &R) {
  uint64_t Offset = R.offset();
  auto Byte = R.readByte();
  if (!Byte)
    return Byte.takeError();
  if (*Byte != 0)
    return malformed(Offset, "zero byte expected");
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::readMemoryIndex(ByteReader &R, uint32_t &Index) {
  if (!Enabled.has(Feature::MultiMemory)) {
    Index = 0;
    return readZeroByte(R);
  }
  auto V = R.readVarU32();
  if (!V)
    return V.takeError();
  Index = *V;
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::readMemArg(ByteReader &R, Instruction &I) {
  uint64_t AlignOffset = R.offset();
  auto Align = R.readVarU32();
  if (!Align)
    return Align.takeError();
  // With multi-memory, bit 6 of the alignment field says a memory index
  // follows; alignments of 2^64 and more are not encodable at all.
  uint32_t Memory = 0;
  if (Enabled.has(Feature::MultiMemory)) {
    if (*Align >= 0x80)
      return malformed(AlignOffset, "malformed memop flags 0x" + llvm::utohexstr(*Align));
    if (*Align & 0x40) {
      *Align &= ~0x40u;
      auto Index = R.readVarU32();
      if (!Index)
        return Index.takeError();
      Memory = *Index;
    }
  }
  // Offsets are u64 with memory64; the validator bounds those of 32-bit
  // memories.
  uint64_t Offset = 0;
  if (Enabled.has(Feature::Memory64)) {
    auto V = R.readVarU64();
    if (!V)
      return V.takeError();
    Offset = *V;
  } else {
    auto V = R.readVarU32();
    if (!V)
      return V.takeError();
    Offset = *V;
  }
  I.Mem = {*Align, Memory, Offset};
  return llvm::Error::success();
}

llvm::Error ModuleDecoder::readImmediates(ByteReader &R, Instruction &I,
                                          std::vector<uint32_t> &Targets) {
  // Reads one u32 index into Dest.
  auto ReadU32 = [&R](uint32_t &Dest) -> llvm::Error {
    auto V = R.readVarU32();
    if (!V)
      return V.takeError();
    Dest = *V;
    return llvm::Error::success();
  };

  switch (opcodeInfo(I.Op).Imm) {
  case ImmKind::None:
    return llvm::Error::success();
  case ImmKind::BlockType: {
    uint64_t Offset = R.offset();
    if (R.atEnd())
      return R.unexpectedEnd();
    auto Byte = R.readByte();
    if (*Byte == 0x40) {
      I.Block = {BlockType::Empty, ValType::I32, 0};
      return llvm::Error::success();
    }
    if (auto T = valTypeFromByte(*Byte)) {
      I.Block = {BlockType::Value, *T, 0};
      return llvm::Error::success();
    }
    // Otherwise a type index, encoded as a positive s33.
    ByteReader Index(Bytes.slice(Offset), Offset);
    auto V = Index.readVarS33();
    if (!V)
      return V.takeError();
    // A non-negative s33 always fits a u32 type index.
    if (*V < 0)
      return malformed(Offset, "malformed block type");
    if (auto E = R.readBytes(Index.offset() - Offset - 1).takeError())
      return E;
    I.Block = {BlockType::TypeIndex, ValType::I32, static_cast<uint32_t>(*V)};
    return llvm::Error::success();
  }
  case ImmKind::LabelIdx:
  case ImmKind::FuncIdx:
  case ImmKind::LocalIdx:
  case ImmKind::GlobalIdx:
  case ImmKind::TableIdx:
  case ImmKind::DataIdx:
  case ImmKind::ElemIdx:
    return ReadU32(I.Index);
  case ImmKind::BrTable: {
    uint64_t Offset = R.offset();
    auto N = R.readVecLength();
    if (!N)
      return N.takeError();
    if (*N >= limits::MaxBrTableTargets)
      return malformed(Offset, "br_table has too many targets (implementation limit: " +
                                   llvm::Twine(limits::MaxBrTableTargets) + ")");
    I.Targets = {static_cast<uint32_t>(Targets.size()), *N + 1};
    for (uint32_t K = 0; K <= *N; ++K) {
      uint32_t Label = 0;
      if (auto E = ReadU32(Label))
        return E;
      Targets.push_back(Label);
    }
    return llvm::Error::success();
  }
  case ImmKind::CallIndirect:
  case ImmKind::TableInit:
  case ImmKind::TableCopy:
    if (auto E = ReadU32(I.Pair.A))
      return E;
    return ReadU32(I.Pair.B);
  case ImmKind::MemArg:
    return readMemArg(R, I);
  case ImmKind::MemArgLane: {
    if (auto E = readMemArg(R, I))
      return E;
    auto Lane = R.readByte();
    if (!Lane)
      return Lane.takeError();
    I.Lane = *Lane;
    return llvm::Error::success();
  }
  case ImmKind::MemIdx:
    return readMemoryIndex(R, I.Index);
  case ImmKind::MemoryInit:
    if (auto E = ReadU32(I.Pair.A))
      return E;
    return readMemoryIndex(R, I.Pair.B);
  case ImmKind::MemoryCopy:
    if (auto E = readMemoryIndex(R, I.Pair.A))
      return E;
    return readMemoryIndex(R, I.Pair.B);
  case ImmKind::I32: {
    auto V = R.readVarS32();
    if (!V)
      return V.takeError();
    I.I32 = *V;
    return llvm::Error::success();
  }
  case ImmKind::I64: {
    auto V = R.readVarS64();
    if (!V)
      return V.takeError();
    I.I64 = *V;
    return llvm::Error::success();
  }
  case ImmKind::F32: {
    auto V = R.readFixedU32();
    if (!V)
      return V.takeError();
    I.F32Bits = *V;
    return llvm::Error::success();
  }
  case ImmKind::F64: {
    auto V = R.readFixedU64();
    if (!V)
      return V.takeError();
    I.F64Bits = *V;
    return llvm::Error::success();
  }
  case ImmKind::V128:
  case ImmKind::Shuffle: {
    auto V = R.readBytes(16);
    if (!V)
      return V.takeError();
    std::memcpy(I.V128, V->data(), 16);
    return llvm::Error::success();
  }
  case ImmKind::Lane: {
    auto Lane = R.readByte();
    if (!Lane)
      return Lane.takeError();
    I.Lane = *Lane;
    return llvm::Error::success();
  }
  case ImmKind::SelectT: {
    auto N = R.readVecLength();
    if (!N)
      return N.takeError();
    // Wasm 2.0 allows exactly one type; the validator reports other arities,
    // so keep the count (saturated) and the first type.
    I.Lane = static_cast<uint8_t>(std::min<uint32_t>(*N, UINT8_MAX));
    I.Type = ValType::I32;
    for (uint32_t K = 0; K < *N; ++K) {
      auto T = readValType(R);
      if (!T)
        return T.takeError();
      if (K == 0)
        I.Type = *T;
    }
    return llvm::Error::success();
  }
  case ImmKind::RefType: {
    auto T = readRefType(R);
    if (!T)
      return T.takeError();
    I.Type = *T;
    return llvm::Error::success();
  }
  }
  llvm_unreachable("unknown immediate kind");
}
