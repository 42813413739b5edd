//===- tests/generator/BodyNumeric.cpp - Constants and scalar operators ----===//
#include "BodyGenerator.h"
#include "Constants.h"

using namespace wasmaot::gen;

namespace {
constexpr uint8_t LocalGet = 0x20, LocalSet = 0x21, Select = 0x1B,
                  F32Const = 0x43, F64Const = 0x44, F32Ne = 0x5C, F64Ne = 0x62,
                  MemorySize = 0x3F, RefIsNull = 0xD1, Misc = 0xFC;
} // namespace

void BodyGenerator::constant(ValType T) {
  ++Emitted;
  writeConstant(E, Code, T);
}

void BodyGenerator::canonicalize(ValType T, ValType Lanes) {
  // NaN ? canonical : x, i.e. select(canonical, x, x != x).
  uint32_t S = scratch(T);
  op(LocalSet), Code.uleb(S);
  switch (T) {
  case ValType::F32:
    op(F32Const), Code.fixed(0x7FC00000, 4);
    break;
  case ValType::F64:
    op(F64Const), Code.fixed(0x7FF8000000000000ull, 8);
    break;
  default:
    simd(12);
    for (unsigned K = 0; K < 2; ++K)
      Code.fixed(Lanes == ValType::F32 ? 0x7FC000007FC00000ull : 0x7FF8000000000000ull, 8);
    break;
  }
  op(LocalGet), Code.uleb(S);
  op(LocalGet), Code.uleb(S);
  op(LocalGet), Code.uleb(S);
  if (T == ValType::V128) {
    simd(Lanes == ValType::F32 ? 66 : 72); // f32x4.ne, f64x2.ne
    simd(82);                              // v128.bitselect
    return;
  }
  op(T == ValType::F32 ? F32Ne : F64Ne);
  op(Select);
}

void BodyGenerator::unaryOrBinaryI32() {
  if (E.chance(30)) { // clz ctz popcnt eqz extend8_s extend16_s
    static constexpr uint8_t Unary[] = {0x67, 0x68, 0x69, 0x45, 0xC0, 0xC1};
    value(ValType::I32);
    return op(Unary[E.below(6)]);
  }
  value(ValType::I32);
  value(ValType::I32);
  op(0x6A + E.below(0x78 - 0x6A + 1)); // add .. rotr
}

void BodyGenerator::unaryOrBinaryI64() {
  if (E.chance(30)) { // clz ctz popcnt extend8_s extend16_s extend32_s
    static constexpr uint8_t Unary[] = {0x79, 0x7A, 0x7B, 0xC2, 0xC3, 0xC4};
    value(ValType::I64);
    return op(Unary[E.below(6)]);
  }
  value(ValType::I64);
  value(ValType::I64);
  op(0x7C + E.below(0x8A - 0x7C + 1)); // add .. rotr
}

/// A comparison of any numeric type: an i32.
void BodyGenerator::compare() {
  switch (E.below(5)) {
  case 0:
    value(ValType::I32), value(ValType::I32);
    return op(0x46 + E.below(10));
  case 1:
    if (E.chance(20))
      return value(ValType::I64), op(0x50); // i64.eqz
    value(ValType::I64), value(ValType::I64);
    return op(0x51 + E.below(10));
  case 2:
    value(ValType::F32), value(ValType::F32);
    return op(0x5B + E.below(6));
  case 3:
    value(ValType::F64), value(ValType::F64);
    return op(0x61 + E.below(6));
  default:
    value(E.chance(50) ? ValType::FuncRef : ValType::ExternRef);
    return op(RefIsNull);
  }
}

void BodyGenerator::floatUnaryOrBinary(ValType T) {
  bool F32 = T == ValType::F32;
  if (E.chance(35)) { // abs neg ceil floor trunc nearest sqrt
    value(T);
    return op((F32 ? 0x8B : 0x99) + E.below(7));
  }
  value(T);
  value(T);
  unsigned Which = E.below(7); // add sub mul div min max copysign
  if (Which == 6)
    canonicalize(T); // copysign would make the sign of a NaN observable
  op((F32 ? 0x92 : 0xA0) + Which);
}

/// A conversion producing T from another numeric type.
void BodyGenerator::conversion(ValType T) {
  struct Form {
    uint8_t Opcode;
    ValType From;
  };
  switch (T) {
  case ValType::I32: {
    static constexpr Form Forms[] = {{0xA7, ValType::I64}, {0xA8, ValType::F32},
                                     {0xA9, ValType::F32}, {0xAA, ValType::F64},
                                     {0xAB, ValType::F64}, {0xBC, ValType::F32}};
    Form F = Forms[E.below(std::size(Forms))];
    if (E.chance(30)) { // i32.trunc_sat_f32_s .. _f64_u
      uint32_t Sat = E.below(4);
      value(Sat < 2 ? ValType::F32 : ValType::F64);
      return prefixed(Misc, Sat);
    }
    value(F.From);
    if (F.Opcode == 0xBC)
      canonicalize(ValType::F32);
    return op(F.Opcode);
  }
  case ValType::I64: {
    static constexpr Form Forms[] = {{0xAC, ValType::I32}, {0xAD, ValType::I32},
                                     {0xAE, ValType::F32}, {0xAF, ValType::F32},
                                     {0xB0, ValType::F64}, {0xB1, ValType::F64},
                                     {0xBD, ValType::F64}};
    Form F = Forms[E.below(std::size(Forms))];
    if (E.chance(30)) { // i64.trunc_sat_f32_s .. _f64_u
      uint32_t Sat = E.below(4);
      value(Sat < 2 ? ValType::F32 : ValType::F64);
      return prefixed(Misc, 4 + Sat);
    }
    value(F.From);
    if (F.Opcode == 0xBD)
      canonicalize(ValType::F64);
    return op(F.Opcode);
  }
  case ValType::F32: {
    static constexpr Form Forms[] = {{0xB2, ValType::I32}, {0xB3, ValType::I32},
                                     {0xB4, ValType::I64}, {0xB5, ValType::I64},
                                     {0xB6, ValType::F64}, {0xBE, ValType::I32}};
    Form F = Forms[E.below(std::size(Forms))];
    value(F.From);
    return op(F.Opcode);
  }
  case ValType::F64: {
    static constexpr Form Forms[] = {{0xB7, ValType::I32}, {0xB8, ValType::I32},
                                     {0xB9, ValType::I64}, {0xBA, ValType::I64},
                                     {0xBB, ValType::F32}, {0xBF, ValType::I64}};
    Form F = Forms[E.below(std::size(Forms))];
    value(F.From);
    return op(F.Opcode);
  }
  default:
    return constant(T);
  }
}

void BodyGenerator::valueI32() {
  switch (E.below(12)) {
  case 0: return constant(ValType::I32);
  case 1:
  case 2:
  case 3: return unaryOrBinaryI32();
  case 4:
  case 5: return compare();
  case 6: return conversion(ValType::I32);
  case 7: return load(ValType::I32);
  case 8:
    if (E.chance(50)) {
      op(MemorySize), Code.byte(0);
      return;
    }
    value(ValType::I32);
    return op(0x40), Code.byte(0); // memory.grow
  case 9:
    if (tableValue(ValType::I32))
      return;
    return constant(ValType::I32);
  case 10:
    if (Options.Simd)
      return simdTest();
    return unaryOrBinaryI32();
  default:
    if (Options.Simd)
      return simdLane(ValType::I32);
    return compare();
  }
}

void BodyGenerator::valueI64() {
  switch (E.below(8)) {
  case 0: return constant(ValType::I64);
  case 1:
  case 2:
  case 3: return unaryOrBinaryI64();
  case 4: return conversion(ValType::I64);
  case 5:
  case 6: return load(ValType::I64);
  default:
    if (Options.Simd)
      return simdLane(ValType::I64);
    return unaryOrBinaryI64();
  }
}

void BodyGenerator::valueF32() {
  switch (E.below(7)) {
  case 0: return constant(ValType::F32);
  case 1:
  case 2:
  case 3: return floatUnaryOrBinary(ValType::F32);
  case 4: return conversion(ValType::F32);
  case 5: return load(ValType::F32);
  default:
    if (Options.Simd)
      return simdLane(ValType::F32);
    return floatUnaryOrBinary(ValType::F32);
  }
}

void BodyGenerator::valueF64() {
  switch (E.below(7)) {
  case 0: return constant(ValType::F64);
  case 1:
  case 2:
  case 3: return floatUnaryOrBinary(ValType::F64);
  case 4: return conversion(ValType::F64);
  case 5: return load(ValType::F64);
  default:
    if (Options.Simd)
      return simdLane(ValType::F64);
    return floatUnaryOrBinary(ValType::F64);
  }
}
