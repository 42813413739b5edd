//===- ir/Opcode.h - The instruction set as data ---------------------------===//
//
// Every opcode of Opcodes.def with its encoding, text name, immediate layout
// and (for simple instructions) its type signature.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Types.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace wasmaot::ir {

enum class Opcode : uint16_t {
#define WASM_OPCODE(Enum, Prefix, Code, Text, Imm, Aux, Sig) Enum,
#include "ir/Opcodes.def"
};

/// How an instruction's immediates are laid out in the binary format.
enum class ImmKind : uint8_t {
  None,
  BlockType,
  LabelIdx,
  BrTable,
  FuncIdx,
  CallIndirect, // typeidx tableidx
  LocalIdx,
  GlobalIdx,
  TableIdx,
  MemArg,      // align offset
  MemArgLane,  // align offset lane
  MemIdx,      // a memory index byte (memory.size/grow/fill)
  I32,
  I64,
  F32,
  F64,
  V128,
  Shuffle,     // 16 lane indices
  Lane,
  SelectT,     // vec(valtype)
  RefType,
  DataIdx,
  ElemIdx,
  MemoryInit,  // dataidx memidx
  MemoryCopy,  // memidx memidx
  TableInit,   // elemidx tableidx
  TableCopy,   // tableidx tableidx
};

/// Type signatures of the instructions the validator types from the table.
enum class Signature : uint8_t {
  Special,
#define WASM_SIGNATURE(Name) Name,
#include "ir/Signatures.def"
};

struct OpcodeInfo {
  llvm::StringRef Name;
  uint8_t Prefix;
  uint32_t Code;
  ImmKind Imm;
  uint8_t Aux;
  Signature Sig;
};

const OpcodeInfo &opcodeInfo(Opcode Op);
inline llvm::StringRef opcodeName(Opcode Op) { return opcodeInfo(Op).Name; }

/// Looks up an opcode by its encoding (Prefix is 0 for one-byte opcodes).
std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code);

/// Whether Op is one of relaxed SIMD's (feature relaxed-simd).
inline bool isRelaxedSimd(Opcode Op) {
  return Op >= Opcode::I8x16RelaxedSwizzle && Op <= Opcode::I32x4RelaxedDotI8x16I7x16AddS;
}

/// The operand and result types of a signature other than Special.
struct SignatureTypes {
  llvm::ArrayRef<ValType> Params;
  llvm::ArrayRef<ValType> Results;
};
SignatureTypes signatureTypes(Signature Sig);

} // namespace wasmaot::ir
