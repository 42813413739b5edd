//===- codegen/FrameRecorder.h - Wasm frames of code, read as it is emitted -===//
//
// A trap's backtrace names every wasm frame a native frame stands for,
// inlined ones included (runtime/module/FrameTable.h). Lowering gives each
// instruction a debug location whose line is the wasm instruction's byte
// offset, whose scope is a subprogram named by its function index, and whose
// inlinedAt chain is the calls it was inlined through
// (lowering/DebugLocations.h). LLVM carries these locations through
// optimization and instruction selection onto the machine instructions.
//
// recordFrames makes the AsmPrinter read them there, as it emits each wasm
// function: where the location changes, it places a label and records the
// location's chain of frames. A label's offset from its function's start is
// known only once the assembler has laid the code out, so the labels' offsets
// are emitted too, as 32-bit differences the assembler resolves, into a
// section of their own (FrameRowsSection, SHF_EXCLUDE: no link keeps it), and
// buildFrameTable (codegen/FrameTable.h) reads them back from the object.
//
// No DWARF is involved: the compile unit is NoDebug. Emitting DWARF line
// tables and inlining trees, and reading them back, took 30% of an -O0
// compile.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "module/FrameTable.h"

#include <cstdint>
#include <vector>

namespace llvm {
class AsmPrinter;
} // namespace llvm

namespace wasmaot {

/// What an AsmPrinter recorded: one row where the location changes, in the
/// order of the code.
struct FrameRows {
  struct Row {
    uint32_t Func;       // the wasm function whose code holds the row
    uint32_t FirstFrame; // its frames: Frames[FirstFrame, FirstFrame + Depth),
    uint32_t Depth;      // innermost first
  };
  std::vector<Row> Rows;
  std::vector<runtime::WasmFrame> Frames;
};

/// The section holding each row's code offset from its function's start, as
/// a 32-bit integer of the target's byte order, in the order of Rows.
inline constexpr const char *FrameRowsSection = ".wasmaot.rows";

/// Makes Printer record the wasm frames of the code it emits into Rows (which
/// must outlive the printer's run) and emit their offsets (FrameRowsSection).
void recordFrames(llvm::AsmPrinter &Printer, FrameRows &Rows);

/// Makes Printer, emitting assembly text, comment each change of wasm frames
/// on its first instruction: `# wasm: 0x96 in func[3], inlined at 0x40 in
/// func[7]`.
void commentFrames(llvm::AsmPrinter &Printer);

} // namespace wasmaot
