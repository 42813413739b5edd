//===- ir/Instruction.h - One decoded instruction --------------------------===//
//
// A compact, fixed-size record (24 bytes): the opcode, the byte offset of the
// instruction in the module, and its immediates. Variable-length immediates
// (br_table targets) live in a side table of the enclosing function.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Opcode.h"
#include "ir/Types.h"

#include <cstdint>

namespace wasmaot::ir {

struct BlockType {
  enum Kind : uint8_t { Empty, Value, TypeIndex };
  Kind K;
  ValType Type;   // K == Value
  uint32_t Index; // K == TypeIndex
};

struct MemArg {
  uint32_t AlignLog2;
  uint32_t Memory;
  uint64_t Offset;
};

/// Two indices of one instruction: see Instruction::Pair.
struct IndexPair {
  uint32_t A, B;
};

/// Where br_table's labels are: Function::BrTableTargets[First, First+Count),
/// the last being the default.
struct BrTableRange {
  uint32_t First, Count;
};

struct Instruction {
  Opcode Op;
  uint8_t Lane = 0; // lane index of lane instructions; select t: the type count
  uint32_t Offset = 0;
  union {
    uint32_t Index; // local, global, func, label, table, elem, data or memory index
    IndexPair Pair; // call_indirect (type, table), table.init (elem, table),
                    // table.copy (dst, src), memory.init (data, mem), memory.copy (dst, src)
    BrTableRange Targets;
    int32_t I32;
    int64_t I64;
    uint32_t F32Bits;
    uint64_t F64Bits;
    uint8_t V128[16]; // v128.const bytes, or i8x16.shuffle lane indices
    MemArg Mem;
    BlockType Block;
    ValType Type; // select t, ref.null
  };

  explicit Instruction(Opcode Op = Opcode::Nop, uint32_t Offset = 0)
      : Op(Op), Offset(Offset), V128{} {}
};

static_assert(sizeof(Instruction) == 24, "keep instructions compact");

} // namespace wasmaot::ir
