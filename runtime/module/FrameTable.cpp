//===- module/FrameTable.cpp -----------------------------------------------===//
#include "module/FrameTable.h"

#include <optional>

namespace wasmaot::runtime {

namespace {

void writeUleb(std::vector<uint8_t> &Out, uint64_t V) {
  do {
    uint8_t Byte = V & 0x7F;
    V >>= 7;
    Out.push_back(Byte | (V ? 0x80 : 0));
  } while (V);
}

void writeSleb(std::vector<uint8_t> &Out, int64_t V) {
  bool More = true;
  while (More) {
    uint8_t Byte = V & 0x7F;
    V >>= 7; // arithmetic: the sign stays
    More = !((V == 0 && !(Byte & 0x40)) || (V == -1 && (Byte & 0x40)));
    Out.push_back(Byte | (More ? 0x80 : 0));
  }
}

/// Whether A and B differ in more than the innermost frame's offset.
bool chainDiffers(std::span<const WasmFrame> A, std::span<const WasmFrame> B) {
  if (A.size() != B.size() || A.empty())
    return true;
  if (A[0].Func != B[0].Func)
    return true;
  return !std::equal(A.begin() + 1, A.end(), B.begin() + 1);
}

/// Reads ULEB128 values from a span; any overrun makes every later read fail.
class Reader {
public:
  explicit Reader(std::span<const uint8_t> Bytes) : Bytes(Bytes) {}

  std::optional<uint64_t> next() { return read(/*Signed=*/false); }
  std::optional<int64_t> nextSigned() {
    std::optional<uint64_t> V = read(/*Signed=*/true);
    return V ? std::optional<int64_t>(int64_t(*V)) : std::nullopt;
  }

  /// How many bytes were read.
  size_t position() const { return Pos; }

private:
  /// LEB128, sign-extended from its last byte when Signed.
  std::optional<uint64_t> read(bool Signed) {
    uint64_t V = 0;
    for (unsigned Shift = 0; Shift < 64; Shift += 7) {
      if (Pos >= Bytes.size())
        return std::nullopt;
      uint8_t Byte = Bytes[Pos++];
      V |= uint64_t(Byte & 0x7F) << Shift;
      if (Byte & 0x80)
        continue;
      if (Signed && Shift + 7 < 64 && (Byte & 0x40))
        V |= ~uint64_t(0) << (Shift + 7);
      return V;
    }
    return std::nullopt;
  }

  std::span<const uint8_t> Bytes;
  size_t Pos = 0;
};

} // namespace

void FrameTableWriter::beginFunction(uint32_t F) {
  flushFunction();
  InFunction = true;
  Func = F;
  LastOffset = 0;
  LastFrames.clear();
}

void FrameTableWriter::addRow(uint64_t CodeOffset, std::span<const WasmFrame> Frames) {
  if (Frames.empty() ||
      (RowCount && std::equal(Frames.begin(), Frames.end(), LastFrames.begin(), LastFrames.end())))
    return;
  bool ChainChanged = chainDiffers(Frames, LastFrames);
  int64_t PreviousOffset = LastFrames.empty() ? 0 : LastFrames[0].Offset;
  writeUleb(Rows, CodeOffset - LastOffset);
  writeSleb(Rows, (int64_t(Frames[0].Offset) - PreviousOffset) * 2 + ChainChanged);
  if (ChainChanged) {
    writeUleb(Rows, Frames.size());
    for (const WasmFrame &F : Frames)
      writeUleb(Rows, F.Func);
    for (size_t K = 1; K < Frames.size(); ++K)
      writeUleb(Rows, Frames[K].Offset);
  }
  ++RowCount;
  LastOffset = CodeOffset;
  LastFrames.assign(Frames.begin(), Frames.end());
}

void FrameTableWriter::flushFunction() {
  if (!InFunction)
    return;
  if (RowCount) {
    writeUleb(Out, Func);
    writeUleb(Out, RowCount);
    Out.insert(Out.end(), Rows.begin(), Rows.end());
    ++Functions;
  }
  Rows.clear();
  RowCount = 0;
  InFunction = false;
}

bool FrameTableWriter::appendTable(std::span<const uint8_t> Table) {
  Reader R(Table);
  std::optional<uint64_t> Count = R.next();
  if (!Count || *Count > UINT32_MAX - Functions)
    return false;
  flushFunction();
  InFunction = false;
  Functions += *Count;
  Out.insert(Out.end(), Table.begin() + R.position(), Table.end());
  return true;
}

std::vector<uint8_t> FrameTableWriter::finish() {
  flushFunction();
  std::vector<uint8_t> Table;
  writeUleb(Table, Functions);
  Table.insert(Table.end(), Out.begin(), Out.end());
  return Table;
}

std::vector<WasmFrame> framesAt(std::span<const uint8_t> Table, uint32_t Func,
                                uint64_t CodeOffset) {
  Reader R(Table);
  std::optional<uint64_t> Count = R.next();
  for (uint64_t F = 0; Count && F < *Count; ++F) {
    std::optional<uint64_t> Index = R.next(), Rows = R.next();
    if (!Index || !Rows)
      return {};
    std::vector<WasmFrame> Frames, Found;
    uint64_t Offset = 0;
    for (uint64_t Row = 0; Row < *Rows; ++Row) {
      std::optional<uint64_t> Delta = R.next();
      std::optional<int64_t> Change = R.nextSigned();
      if (!Delta || !Change)
        return {};
      Offset += *Delta;
      if (*Change & 1) {
        std::optional<uint64_t> Depth = R.next();
        if (!Depth || *Depth == 0 || *Depth > 4096)
          return {};
        uint32_t Innermost = Frames.empty() ? 0 : Frames[0].Offset;
        Frames.assign(*Depth, {});
        Frames[0].Offset = Innermost;
        for (WasmFrame &Frame : Frames) {
          std::optional<uint64_t> Callee = R.next();
          if (!Callee)
            return {};
          Frame.Func = uint32_t(*Callee);
        }
        for (size_t K = 1; K < Frames.size(); ++K) {
          std::optional<uint64_t> At = R.next();
          if (!At)
            return {};
          Frames[K].Offset = uint32_t(*At);
        }
      } else if (Frames.empty()) {
        return {}; // a function's first row must say its chain
      }
      Frames[0].Offset = uint32_t(int64_t(Frames[0].Offset) + (*Change >> 1));
      if (*Index == Func && Offset <= CodeOffset)
        Found = Frames;
    }
    if (*Index == Func)
      return Found;
  }
  return {};
}

} // namespace wasmaot::runtime
