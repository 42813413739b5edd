//===- tests/generator/Constants.cpp ---------------------------------------===//
#include "Constants.h"

#include <iterator>

using namespace wasmaot::gen;

namespace {
// Values where operators change behaviour: zero, signs, limits, powers of
// two, and (for floats) NaNs, infinities, subnormals and the bounds of
// conversion to integers.
constexpr uint64_t IntEdges[] = {0,
                                 1,
                                 2,
                                 0xFFFFFFFFFFFFFFFFull,
                                 0x7F,
                                 0x80,
                                 0xFF,
                                 0x7FFF,
                                 0x8000,
                                 0xFFFF,
                                 0x7FFFFFFF,
                                 0x80000000,
                                 0xFFFFFFFF,
                                 0x100000000ull,
                                 0x7FFFFFFFFFFFFFFFull,
                                 0x8000000000000000ull,
                                 31,
                                 32,
                                 63,
                                 64};
constexpr uint32_t F32Edges[] = {0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F000000,
                                 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FA00000,
                                 0xFF800001, 0x00000001, 0x807FFFFF, 0x7F7FFFFF, 0x4F000000,
                                 0xCF000000, 0x4F800000, 0x5F000000, 0xDF000000, 0x3FC00000,
                                 0x4B000001, 0xBF000000};
constexpr uint64_t F64Edges[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF0000000000000ull,
    0x3FE0000000000000ull, 0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull,
    0xFFF8000000000000ull, 0x7FF4000000000000ull, 0xFFF0000000000001ull, 0x0000000000000001ull,
    0x800FFFFFFFFFFFFFull, 0x7FEFFFFFFFFFFFFFull, 0x41E0000000000000ull, 0xC1E0000000000000ull,
    0x41F0000000000000ull, 0x43E0000000000000ull, 0xC3E0000000000000ull, 0x41DFFFFFFFC00000ull,
    0x4330000000000001ull, 0xBFE0000000000000ull};
} // namespace

void wasmaot::gen::writeConstant(Entropy &E, WasmWriter &Code, ValType T) {
  bool Edge = E.below(100) < 60;
  switch (T) {
  case ValType::I32:
  case ValType::I64: {
    uint64_t V = Edge           ? IntEdges[E.below(std::size(IntEdges))]
                 : E.chance(50) ? E.below(1000)
                                : E.bits();
    if (E.chance(15))
      V = -V;
    if (T == ValType::I32) {
      Code.byte(0x41);
      return Code.sleb(static_cast<int32_t>(V));
    }
    Code.byte(0x42);
    return Code.sleb(static_cast<int64_t>(V));
  }
  case ValType::F32:
    Code.byte(0x43);
    return Code.fixed(Edge ? F32Edges[E.below(std::size(F32Edges))] : E.bits(), 4);
  case ValType::F64:
    Code.byte(0x44);
    return Code.fixed(Edge ? F64Edges[E.below(std::size(F64Edges))] : E.bits(), 8);
  case ValType::V128:
    Code.byte(0xFD);
    Code.uleb(12);
    for (unsigned Half = 0; Half < 2; ++Half) {
      uint64_t V = E.chance(50) ? E.bits() : IntEdges[E.below(std::size(IntEdges))];
      if (E.chance(20)) // float lanes worth testing
        V = E.chance(50) ? F64Edges[E.below(std::size(F64Edges))]
                         : (uint64_t(F32Edges[E.below(std::size(F32Edges))]) << 32) |
                               F32Edges[E.below(std::size(F32Edges))];
      Code.fixed(V, 8);
    }
    return;
  case ValType::FuncRef:
  case ValType::ExternRef:
    Code.byte(0xD0);
    return Code.byte(static_cast<uint8_t>(T));
  }
}
