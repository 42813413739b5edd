//===- tests/generator/BodySimd.cpp - v128 instructions --------------------===//
//
// The SIMD proposal's instructions (0xFD prefix), by what they take and
// give. Float lane operations that may produce a NaN canonicalize their
// result, since a v128 is bits that integer lane operations can read.
//
//===----------------------------------------------------------------------===//
#include "BodyGenerator.h"

using namespace wasmaot::gen;

namespace {
template <size_t N> uint32_t pick(Entropy &E, const uint32_t (&Table)[N]) {
  return Table[E.below(N)];
}

// v128 v128 -> v128, integer lanes and bitwise (float compares give masks).
constexpr uint32_t Binary[] = {
    35,  36,  37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,
    53,  54,  55,  56,  57,  58,  59,  60,  61,  62,  63,  64,  65,  66,  67,  68,  69,  70,
    71,  72,  73,  74,  75,  76,  78,  79,  80,  81,  101, 102, 110, 111, 112, 113, 114, 115,
    118, 119, 120, 121, 123, 130, 133, 134, 142, 143, 144, 145, 146, 147, 149, 150, 151, 152,
    153, 155, 156, 157, 158, 159, 174, 177, 181, 182, 183, 184, 185, 186, 188, 189, 190, 191,
    206, 209, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 14 /* swizzle */};
// v128 -> v128, integer lanes.
constexpr uint32_t Unary[] = {77,  96,  97,  98,  124, 125, 126, 127, 128, 129, 135, 136, 137,
                              138, 160, 161, 167, 168, 169, 170, 192, 193, 199, 200, 201, 202};
// v128 i32 -> v128.
constexpr uint32_t Shifts[] = {107, 108, 109, 139, 140, 141, 171, 172, 173, 203, 204, 205};
// v128 -> i32.
constexpr uint32_t Tests[] = {83, 99, 100, 131, 132, 163, 164, 195, 196};

struct FloatOp {
  uint32_t Opcode;
  uint8_t Operands;
  ValType Lanes; // of the result; V128 when it needs no canonicalization
};
constexpr FloatOp FloatOps[] = {
    // f32x4: ceil floor trunc nearest sqrt, add .. max, then abs neg pmin pmax
    {103, 1, ValType::F32}, {104, 1, ValType::F32}, {105, 1, ValType::F32},
    {106, 1, ValType::F32}, {227, 1, ValType::F32}, {228, 2, ValType::F32},
    {229, 2, ValType::F32}, {230, 2, ValType::F32}, {231, 2, ValType::F32},
    {232, 2, ValType::F32}, {233, 2, ValType::F32}, {224, 1, ValType::V128},
    {225, 1, ValType::V128}, {234, 2, ValType::V128}, {235, 2, ValType::V128},
    // f64x2, the same
    {116, 1, ValType::F64}, {117, 1, ValType::F64}, {122, 1, ValType::F64},
    {148, 1, ValType::F64}, {239, 1, ValType::F64}, {240, 2, ValType::F64},
    {241, 2, ValType::F64}, {242, 2, ValType::F64}, {243, 2, ValType::F64},
    {244, 2, ValType::F64}, {245, 2, ValType::F64}, {236, 1, ValType::V128},
    {237, 1, ValType::V128}, {246, 2, ValType::V128}, {247, 2, ValType::V128},
    // conversions: to integers (saturating), from integers, demote, promote
    {248, 1, ValType::V128}, {249, 1, ValType::V128}, {250, 1, ValType::V128},
    {251, 1, ValType::V128}, {252, 1, ValType::V128}, {253, 1, ValType::V128},
    {254, 1, ValType::V128}, {255, 1, ValType::V128}, {94, 1, ValType::F32},
    {95, 1, ValType::F64}};

struct LaneOp {
  uint32_t Opcode;
  uint8_t Lanes;
  ValType Scalar;
};
constexpr LaneOp Splats[] = {{15, 16, ValType::I32}, {16, 8, ValType::I32},
                             {17, 4, ValType::I32},  {18, 2, ValType::I64},
                             {19, 4, ValType::F32},  {20, 2, ValType::F64}};
constexpr LaneOp Replaces[] = {{23, 16, ValType::I32}, {26, 8, ValType::I32},
                               {28, 4, ValType::I32},  {30, 2, ValType::I64},
                               {32, 4, ValType::F32},  {34, 2, ValType::F64}};
constexpr LaneOp Extracts[] = {{21, 16, ValType::I32}, {22, 16, ValType::I32},
                               {24, 8, ValType::I32},  {25, 8, ValType::I32},
                               {27, 4, ValType::I32},  {29, 2, ValType::I64},
                               {31, 4, ValType::F32},  {33, 2, ValType::F64}};

/// The scalar operand of a splat or replace_lane: bits, so NaNs are canonical.
bool needsCanonical(ValType T) { return T == ValType::F32 || T == ValType::F64; }
} // namespace

void BodyGenerator::valueV128() {
  switch (E.below(10)) {
  case 0: return constant(ValType::V128);
  case 1: {
    LaneOp L = Splats[E.below(std::size(Splats))];
    value(L.Scalar);
    if (needsCanonical(L.Scalar))
      canonicalize(L.Scalar);
    return simd(L.Opcode);
  }
  case 2: {
    LaneOp L = Replaces[E.below(std::size(Replaces))];
    value(ValType::V128);
    value(L.Scalar);
    if (needsCanonical(L.Scalar))
      canonicalize(L.Scalar);
    simd(L.Opcode);
    return Code.byte(E.below(L.Lanes));
  }
  case 3:
  case 4: return simdArithmetic();
  case 5:
  case 6: return simdFloat();
  case 7: return simdLoad();
  case 8: // shuffle
    value(ValType::V128);
    value(ValType::V128);
    simd(13);
    for (unsigned K = 0; K < 16; ++K)
      Code.byte(E.below(32));
    return;
  default: // bitselect
    value(ValType::V128);
    value(ValType::V128);
    value(ValType::V128);
    return simd(82);
  }
}

void BodyGenerator::simdArithmetic() {
  switch (E.below(4)) {
  case 0:
    value(ValType::V128);
    return simd(pick(E, Unary));
  case 1:
    value(ValType::V128);
    value(ValType::I32);
    return simd(pick(E, Shifts));
  default:
    value(ValType::V128);
    value(ValType::V128);
    return simd(pick(E, Binary));
  }
}

void BodyGenerator::simdFloat() {
  FloatOp F = FloatOps[E.below(std::size(FloatOps))];
  for (unsigned K = 0; K < F.Operands; ++K)
    value(ValType::V128);
  simd(F.Opcode);
  if (F.Lanes != ValType::V128)
    canonicalize(ValType::V128, F.Lanes);
}

void BodyGenerator::simdLoad() {
  struct Form {
    uint32_t Opcode;
    uint8_t Log2;
  };
  static constexpr Form Loads[] = {{0, 4}, {1, 3}, {2, 3},  {3, 3},  {4, 3}, {5, 3},
                                   {6, 3}, {7, 0}, {8, 1},  {9, 2},  {10, 3}, {92, 2},
                                   {93, 3}};
  if (E.chance(20)) { // load8_lane .. load64_lane
    uint32_t Log2 = E.below(4);
    address(1u << Log2);
    value(ValType::V128);
    simd(84 + Log2);
    memarg(Log2);
    return Code.byte(E.below(16 >> Log2));
  }
  Form F = Loads[E.below(std::size(Loads))];
  address(F.Log2 == 4 ? 16 : 1u << F.Log2);
  simd(F.Opcode);
  memarg(F.Log2);
}

void BodyGenerator::simdLane(ValType T) {
  std::vector<LaneOp> Candidates;
  for (const LaneOp &L : Extracts)
    if (L.Scalar == T)
      Candidates.push_back(L);
  LaneOp L = Candidates[E.below(Candidates.size())];
  value(ValType::V128);
  simd(L.Opcode);
  Code.byte(E.below(L.Lanes));
}

void BodyGenerator::simdTest() {
  value(ValType::V128);
  simd(pick(E, Tests));
}

void BodyGenerator::simdStore() {
  if (E.chance(30)) { // store8_lane .. store64_lane
    uint32_t Log2 = E.below(4);
    address(1u << Log2);
    value(ValType::V128);
    simd(88 + Log2);
    memarg(Log2);
    return Code.byte(E.below(16 >> Log2));
  }
  address(16);
  value(ValType::V128);
  simd(11);
  memarg(4);
}
