//===- decoder/ModuleDecoder.h - Section-by-section decoding ---------------===//
#pragma once

#include "ir/Features.h"
#include "ir/Module.h"
#include "support/ByteReader.h"

namespace wasmaot {

/// Decodes one module. Sections are handled by the methods below, split over
/// ModuleDecoder.cpp (header, section order, entity sections),
/// SegmentDecoder.cpp (element and data segments) and InstructionDecoder.cpp
/// (function bodies and constant expressions).
class ModuleDecoder {
public:
  ModuleDecoder(llvm::ArrayRef<uint8_t> Bytes, const ir::Features &Enabled)
      : Bytes(Bytes), Enabled(Enabled) {}

  llvm::Expected<ir::Module> decode();

private:
  llvm::Error decodeSection(uint8_t Id, ByteReader &R);
  llvm::Error decodeTypeSection(ByteReader &R);
  llvm::Error decodeImportSection(ByteReader &R);
  llvm::Error decodeFunctionSection(ByteReader &R);
  llvm::Error decodeTableSection(ByteReader &R);
  llvm::Error decodeMemorySection(ByteReader &R);
  llvm::Error decodeGlobalSection(ByteReader &R);
  llvm::Error decodeExportSection(ByteReader &R);
  llvm::Error decodeStartSection(ByteReader &R);
  llvm::Error decodeElemSection(ByteReader &R);
  llvm::Error decodeDataCountSection(ByteReader &R);
  llvm::Error decodeCodeSection(ByteReader &R);
  llvm::Error decodeDataSection(ByteReader &R);
  llvm::Error decodeCustomSection(ByteReader &R);
  void decodeNameSection(ByteReader R);

  llvm::Expected<ir::ValType> readValType(ByteReader &R);
  llvm::Expected<ir::ValType> readRefType(ByteReader &R);
  /// What a limits flags byte says besides whether there is a maximum.
  struct LimitsShape {
    bool Is64 = false;
    bool CustomPageSize = false;
  };
  /// Reads limits whose flags may have the bits of Allowed (besides 0x01,
  /// a maximum): 0x04 for 64-bit limits, 0x08 for a page size after them.
  llvm::Expected<ir::Limits> readLimits(ByteReader &R, uint8_t Allowed, LimitsShape &Shape);
  llvm::Expected<ir::TableType> readTableType(ByteReader &R);
  llvm::Expected<ir::MemoryType> readMemoryType(ByteReader &R);
  llvm::Expected<ir::GlobalType> readGlobalType(ByteReader &R);

  llvm::Error readFunctionBody(ByteReader &R, ir::Function &F);
  llvm::Expected<ir::ConstExpr> readConstExpr(ByteReader &R);
  /// Reads instructions up to and including the `end` that closes the
  /// enclosing block; Targets receives br_table label vectors. InBody says
  /// whether R holds exactly one function body (whose end must be marked).
  llvm::Error readInstructions(ByteReader &R, std::vector<ir::Instruction> &Out,
                               std::vector<uint32_t> &Targets, bool InBody);
  llvm::Error readImmediates(ByteReader &R, ir::Instruction &I,
                             std::vector<uint32_t> &Targets);
  llvm::Error readMemArg(ByteReader &R, ir::Instruction &I);
  llvm::Error readZeroByte(ByteReader &R);
  /// A memory index: any u32 with multi-memory, else the zero byte.
  llvm::Error readMemoryIndex(ByteReader &R, uint32_t &Index);

  llvm::ArrayRef<uint8_t> Bytes;
  const ir::Features &Enabled;
  ir::Module M;
  uint32_t NumDeclaredFunctions = 0; // from the function section
  bool SawCodeSection = false;
};

} // namespace wasmaot
