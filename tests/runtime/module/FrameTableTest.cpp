//===- tests/runtime/module/FrameTableTest.cpp -----------------------------===//
#include "module/FrameTable.h"

#include <catch2/catch.hpp>

using namespace wasmaot::runtime;

TEST_CASE("frame tables give the frames of the last row at or before an offset") {
  FrameTableWriter W;
  W.beginFunction(3);
  const WasmFrame Own[] = {{3, 0x50}};
  const WasmFrame Inlined[] = {{0, 0x3c}, {1, 0x42}, {3, 0x56}};
  W.addRow(0, Own);
  W.addRow(0x20, Inlined);
  W.addRow(0x28, Inlined); // the same frames again: dropped
  W.addRow(0x30, Own);
  W.beginFunction(7); // no rows: not in the table
  W.beginFunction(9);
  const WasmFrame Nine[] = {{9, 0x100000}};
  W.addRow(4, Nine);
  std::vector<uint8_t> Table = W.finish();

  CHECK(framesAt(Table, 3, 0) == std::vector<WasmFrame>{{3, 0x50}});
  CHECK(framesAt(Table, 3, 0x1f) == std::vector<WasmFrame>{{3, 0x50}});
  CHECK(framesAt(Table, 3, 0x20) == std::vector<WasmFrame>(std::begin(Inlined), std::end(Inlined)));
  CHECK(framesAt(Table, 3, 0x2f) == std::vector<WasmFrame>(std::begin(Inlined), std::end(Inlined)));
  CHECK(framesAt(Table, 3, 0x1000) == std::vector<WasmFrame>{{3, 0x50}});
  CHECK(framesAt(Table, 9, 3).empty()); // before its first row
  CHECK(framesAt(Table, 9, 4) == std::vector<WasmFrame>{{9, 0x100000}});
  CHECK(framesAt(Table, 7, 0).empty());
  CHECK(framesAt({}, 3, 0).empty());
}

TEST_CASE("a damaged frame table gives no frames, never a crash") {
  FrameTableWriter W;
  W.beginFunction(1);
  const WasmFrame Frames[] = {{0, 10}, {1, 20}};
  W.addRow(8, Frames);
  std::vector<uint8_t> Table = W.finish();
  for (size_t Cut = 0; Cut < Table.size(); ++Cut) {
    std::vector<uint8_t> Short(Table.begin(), Table.begin() + long(Cut));
    CHECK(framesAt(Short, 1, 8).empty());
  }
  std::vector<uint8_t> Endless(64, 0xFF); // a LEB128 number that never ends
  CHECK(framesAt(Endless, 1, 8).empty());
}
