//===- tests/generator/BodyMemory.cpp - Memory, tables and references -----===//
#include "BodyGenerator.h"

#include <algorithm>

using namespace wasmaot::gen;

namespace {
constexpr uint8_t Drop = 0x1A, TableGet = 0x25, TableSet = 0x26, MemoryGrow = 0x40,
                  LocalGet = 0x20, I32Const = 0x41, I32Add = 0x6A, I32Mul = 0x6C,
                  I32And = 0x71, RefNull = 0xD0, RefFunc = 0xD2,
                  Misc = 0xFC;
constexpr uint32_t MemoryInit = 8, DataDrop = 9, MemoryCopy = 10, MemoryFill = 11,
                   TableInit = 12, ElemDrop = 13, TableCopy = 14, TableGrow = 15,
                   TableSize = 16, TableFill = 17;
} // namespace

void BodyGenerator::memarg(unsigned NaturalLog2) {
  Code.uleb(E.below(NaturalLog2 + 1)); // any alignment up to the natural one
  unsigned Choice = E.below(100);
  uint32_t Offset = Choice < 97 ? E.below(64)
                    : Choice < 99 ? E.below(65536)
                                  : 0xFFFFFFFFu - E.below(16);
  Code.uleb(Offset);
}

void BodyGenerator::address(unsigned AccessSize) {
  uint32_t End = M.MemoryPages * 65536;
  unsigned Choice = E.below(100);
  if (Choice < 60) {
    op(I32Const);
    Code.sleb(static_cast<int32_t>(E.below(256)));
  } else if (Choice < 63) { // at the end: in bounds, straddling, beyond
    op(I32Const);
    Code.sleb(static_cast<int32_t>(End - E.below(2 * AccessSize + 1)));
  } else if (Choice < 83 && !Counting.empty()) {
    // Affine in an enclosing loop's counter, as loop versioning wants them:
    // base + counter * stride, mostly inside memory, sometimes across its
    // end or below zero (where the index wraps).
    static constexpr int32_t Strides[] = {1, 2, 4, 8, 16, -4, -8, 4096};
    op(LocalGet), Code.uleb(Counting[E.below(static_cast<uint32_t>(Counting.size()))]);
    op(I32Const), Code.sleb(Strides[E.below(8)]);
    op(I32Mul);
    op(I32Const);
    Code.sleb(E.chance(80) ? static_cast<int32_t>(64 + E.below(1024))
                           : static_cast<int32_t>(End - E.below(4 * AccessSize + 64)));
    op(I32Add);
  } else if (Choice < 99) { // computed, within the first page
    value(ValType::I32);
    op(I32Const);
    Code.sleb(0xFFFF);
    op(I32And);
  } else { // anything, up to 4 GiB
    value(ValType::I32);
  }
}

void BodyGenerator::load(ValType T) {
  struct Form {
    uint8_t Opcode, Log2;
  };
  static constexpr Form I32[] = {{0x28, 2}, {0x2C, 0}, {0x2D, 0}, {0x2E, 1}, {0x2F, 1}};
  static constexpr Form I64[] = {{0x29, 3}, {0x30, 0}, {0x31, 0}, {0x32, 1},
                                 {0x33, 1}, {0x34, 2}, {0x35, 2}};
  Form F = T == ValType::I32   ? I32[E.below(5)]
           : T == ValType::I64 ? I64[E.below(7)]
           : T == ValType::F32 ? Form{0x2A, 2}
                               : Form{0x2B, 3};
  address(1u << F.Log2);
  op(F.Opcode);
  memarg(F.Log2);
}

void BodyGenerator::store() {
  struct Form {
    uint8_t Opcode, Log2;
    ValType Type;
  };
  static constexpr Form Forms[] = {
      {0x36, 2, ValType::I32}, {0x37, 3, ValType::I64}, {0x38, 2, ValType::F32},
      {0x39, 3, ValType::F64}, {0x3A, 0, ValType::I32}, {0x3B, 1, ValType::I32},
      {0x3C, 0, ValType::I64}, {0x3D, 1, ValType::I64}, {0x3E, 2, ValType::I64}};
  Form F = Forms[E.below(9)];
  address(1u << F.Log2);
  value(F.Type);
  if (F.Type == ValType::F32 || F.Type == ValType::F64)
    canonicalize(F.Type);
  op(F.Opcode);
  memarg(F.Log2);
}

/// A length for a bulk operation: mostly short, sometimes computed.
static void bulkLength(Entropy &E, WasmWriter &Code, uint32_t Limit) {
  Code.sleb(static_cast<int32_t>(E.chance(97) ? E.below(Limit + 1) : E.below(70000)));
}

void BodyGenerator::memoryStatement() {
  switch (E.below(5)) {
  case 0: // memory.fill dst value len
    address(16);
    value(ValType::I32);
    op(I32Const), bulkLength(E, Code, 64);
    prefixed(Misc, MemoryFill), Code.byte(0);
    return;
  case 1: // memory.copy dst src len
    address(16);
    address(16);
    op(I32Const), bulkLength(E, Code, 64);
    prefixed(Misc, MemoryCopy), Code.byte(0), Code.byte(0);
    return;
  case 2:
  case 3: {
    if (M.DataLengths.empty())
      return;
    // Mostly a passive segment: active ones are dropped by instantiation.
    uint32_t Segment = E.below(M.DataLengths.size());
    for (unsigned Try = 0; Try < 3 && M.DataActive[Segment]; ++Try)
      Segment = E.below(M.DataLengths.size());
    if (E.chance(15)) {
      prefixed(Misc, DataDrop), Code.uleb(Segment);
      return;
    }
    address(16);
    uint32_t Length = M.DataLengths[Segment];
    op(I32Const), Code.sleb(E.below(Length + 2));
    op(I32Const), bulkLength(E, Code, Length + 1);
    prefixed(Misc, MemoryInit), Code.uleb(Segment), Code.byte(0);
    return;
  }
  default: // memory.grow, within the maximum or beyond it (-1)
    op(I32Const), Code.sleb(E.below(3));
    op(MemoryGrow), Code.byte(0);
    op(Drop);
    return;
  }
}

/// An index into table Table: mostly in bounds.
static void tableIndex(Entropy &E, WasmWriter &Code, const TableDesc &Table) {
  unsigned Choice = E.below(100);
  Code.sleb(static_cast<int32_t>(Choice < 90   ? E.below(std::max(Table.Min, 1u))
                                 : Choice < 98 ? E.below(Table.Min + 3)
                                               : E.bits() & 0xFFFFFFFF));
}

void BodyGenerator::tableStatement() {
  uint32_t T = E.below(M.Tables.size());
  const TableDesc Table = M.Tables[T];
  switch (E.below(6)) {
  case 0:
    op(I32Const), tableIndex(E, Code, Table);
    value(Table.Elem);
    op(TableSet), Code.uleb(T);
    return;
  case 1:
    op(I32Const), tableIndex(E, Code, Table);
    value(Table.Elem);
    op(I32Const), Code.sleb(E.below(3));
    prefixed(Misc, TableFill), Code.uleb(T);
    return;
  case 2:
    op(I32Const), tableIndex(E, Code, Table);
    op(I32Const), tableIndex(E, Code, Table);
    op(I32Const), Code.sleb(E.below(3));
    prefixed(Misc, TableCopy), Code.uleb(T), Code.uleb(T);
    return;
  case 3:
  case 4: {
    std::vector<uint32_t> Segments;
    for (uint32_t K = 0; K < M.ElemTypes.size(); ++K)
      if (M.ElemTypes[K] == Table.Elem)
        Segments.push_back(K);
    if (Segments.empty())
      return;
    // Mostly a passive segment: the active one (0) is dropped by instantiation.
    uint32_t Segment = Segments[E.below(Segments.size())];
    if (Segment == 0 && Segments.size() > 1 && E.chance(80))
      Segment = Segments[1];
    if (E.chance(15)) {
      prefixed(Misc, ElemDrop), Code.uleb(Segment);
      return;
    }
    op(I32Const), tableIndex(E, Code, Table);
    op(I32Const), Code.sleb(E.below(M.ElemLengths[Segment] + 2));
    op(I32Const), Code.sleb(E.below(M.ElemLengths[Segment] + 2));
    prefixed(Misc, TableInit), Code.uleb(Segment), Code.uleb(T);
    return;
  }
  default:
    value(Table.Elem);
    op(I32Const), Code.sleb(E.below(3));
    prefixed(Misc, TableGrow), Code.uleb(T);
    op(Drop);
    return;
  }
}

bool BodyGenerator::tableValue(ValType T) {
  uint32_t Table = E.below(M.Tables.size());
  if (T == ValType::I32) {
    if (E.chance(50)) {
      prefixed(Misc, TableSize), Code.uleb(Table);
      return true;
    }
    value(M.Tables[Table].Elem);
    op(I32Const), Code.sleb(E.below(3));
    prefixed(Misc, TableGrow), Code.uleb(Table);
    return true;
  }
  if (M.Tables[Table].Elem != T)
    return false;
  op(I32Const), tableIndex(E, Code, M.Tables[Table]);
  op(TableGet), Code.uleb(Table);
  return true;
}

void BodyGenerator::valueRef(ValType T) {
  switch (E.below(3)) {
  case 0:
    if (T == ValType::FuncRef) {
      op(RefFunc), Code.uleb(E.below(M.NumInner));
      return;
    }
    break;
  case 1:
    if (tableValue(T))
      return;
    break;
  default:
    break;
  }
  op(RefNull), Code.byte(static_cast<uint8_t>(T));
}
