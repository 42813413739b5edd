//===- module/FrameTable.h - Which wasm frames a code address stands for ---===//
//
// After inlining, one native frame may hold several wasm frames. An artifact
// carries, as the symbol wasmaot_frame_table, what its code addresses stand
// for: per defined function, rows of (code offset from the function's start,
// the wasm frames there, innermost first, each a function index and the byte
// offset of the instruction in the module). codegen/FrameTable builds it from
// what codegen/FrameRecorder recorded as the code was emitted; the runtime
// reads it only to symbolize a trap's backtrace. Most rows differ from the
// one before only in the innermost frame's offset, and by a little, so that
// is what a row holds; the rest of the chain only when it changes. Encoding
// (ULEB128, or SLEB128 where it says signed):
//
//   table    := count function*
//   function := func-index row-count row*
//   row      := code-offset-delta signed(offset-delta * 2 + chain-changed)
//               [depth func-index^depth outer-offset^(depth-1)]
//
// where the bracket is there when chain-changed is 1: the functions of the
// frames, innermost first, and the offsets of all but the innermost (the
// calls that were inlined); offset-delta is the change of the innermost
// frame's offset from the previous row's (from 0 for a function's first
// row). Rows of a function are in increasing code offset; a row holds until
// the next. A wasm offset of 0 means unknown (a location LLVM merged away).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace wasmaot::runtime {

struct WasmFrame {
  uint32_t Func = 0;
  uint32_t Offset = 0; // byte offset of the instruction in the module; 0: unknown
  friend bool operator==(const WasmFrame &, const WasmFrame &) = default;
};

/// Builds the encoding above.
class FrameTableWriter {
public:
  /// Starts the rows of function Func.
  void beginFunction(uint32_t Func);
  /// Adds a row at CodeOffset (not below the previous row's) of the current
  /// function; repeats of the previous row's frames are dropped.
  void addRow(uint64_t CodeOffset, std::span<const WasmFrame> Frames);
  /// Adds the functions of Table, a finished table of other functions (the
  /// table of another object linked into the same artifact). False, adding
  /// nothing, if Table is damaged.
  bool appendTable(std::span<const uint8_t> Table);
  std::vector<uint8_t> finish();

private:
  void flushFunction();

  std::vector<uint8_t> Out;
  uint32_t Functions = 0;
  bool InFunction = false;
  uint32_t Func = 0;
  uint64_t LastOffset = 0; // code offset of the previous row
  std::vector<WasmFrame> LastFrames;
  std::vector<uint8_t> Rows;
  uint32_t RowCount = 0;
};

/// The wasm frames at CodeOffset in function Func, innermost first, from
/// Table; empty if the table says nothing (or is damaged).
std::vector<WasmFrame> framesAt(std::span<const uint8_t> Table, uint32_t Func,
                                uint64_t CodeOffset);

} // namespace wasmaot::runtime
