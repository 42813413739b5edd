//===- tests/e2e/SimdTest.cpp - Fixed-width SIMD compiled and run ----------===//
//
// Every family of SIMD instructions through the whole pipeline
// (E2eSupport.h), under both bounds-check strategies and at -O0 and -O2.
// Most exports are generated: one function per instruction, exported under
// the instruction's name, so that a test calls "i8x16.add" with lanes and
// checks the lanes it gets back. The cases are the ones where the spec's
// semantics differ from a plain reading or from the hardware: NaN and signed
// zeros, saturation, wrap-around, out-of-range indices and shift counts,
// and out-of-bounds lane accesses.
//
//===----------------------------------------------------------------------===//
#include "E2eSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

using namespace wasmaot;
using wasmaot::test::WatModule;

namespace {

using V128 = std::array<uint8_t, 16>;
using I8x16 = std::array<int8_t, 16>;
using U8x16 = std::array<uint8_t, 16>;
using I16x8 = std::array<int16_t, 8>;
using U16x8 = std::array<uint16_t, 8>;
using I32x4 = std::array<int32_t, 4>;
using U32x4 = std::array<uint32_t, 4>;
using I64x2 = std::array<int64_t, 2>;
using U64x2 = std::array<uint64_t, 2>;
using F32x4 = std::array<float, 4>;
using F64x2 = std::array<double, 2>;

/// The bytes of any 16-byte lane array (or of a scalar, zero-extended).
template <typename T> V128 pack(const T &Value) {
  static_assert(sizeof(T) <= 16);
  V128 Bytes{};
  std::memcpy(Bytes.data(), &Value, sizeof(T));
  return Bytes;
}

template <typename T> T unpack(const V128 &Bytes) {
  T Value;
  std::memcpy(&Value, Bytes.data(), sizeof(T));
  return Value;
}

constexpr float NaN32 = std::numeric_limits<float>::quiet_NaN();
constexpr double NaN64 = std::numeric_limits<double>::quiet_NaN();
constexpr float Inf32 = std::numeric_limits<float>::infinity();

// Instructions exported under their own name with generated functions.
constexpr const char *Unary[] = {
    "v128.not", "i8x16.abs", "i8x16.neg", "i8x16.popcnt", "i16x8.abs", "i32x4.neg",
    "i64x2.abs", "i64x2.neg", "f32x4.abs", "f32x4.neg", "f64x2.abs", "f64x2.neg",
    "f32x4.sqrt", "f32x4.ceil", "f32x4.floor", "f32x4.trunc", "f32x4.nearest",
    "f64x2.nearest", "f64x2.floor",
    "i16x8.extend_low_i8x16_s", "i16x8.extend_high_i8x16_u", "i32x4.extend_high_i16x8_s",
    "i64x2.extend_low_i32x4_u", "i64x2.extend_high_i32x4_s",
    "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u",
    "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u",
    "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "i32x4.trunc_sat_f64x2_s_zero",
    "i32x4.trunc_sat_f64x2_u_zero", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u",
    "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u", "f32x4.demote_f64x2_zero",
    "f64x2.promote_low_f32x4"};
constexpr const char *Binary[] = {
    "v128.and", "v128.or", "v128.xor", "v128.andnot", "i8x16.swizzle",
    "i8x16.add", "i8x16.sub", "i8x16.add_sat_s", "i8x16.add_sat_u", "i8x16.sub_sat_s",
    "i8x16.sub_sat_u", "i8x16.min_s", "i8x16.min_u", "i8x16.max_u", "i8x16.avgr_u",
    "i16x8.mul", "i16x8.add_sat_s", "i16x8.q15mulr_sat_s", "i16x8.avgr_u", "i32x4.mul",
    "i32x4.max_s", "i64x2.mul", "i64x2.sub",
    "i8x16.eq", "i8x16.lt_s", "i8x16.lt_u", "i16x8.ge_u", "i32x4.gt_s", "i64x2.gt_s",
    "i64x2.le_s", "f32x4.eq", "f32x4.ne", "f32x4.lt", "f64x2.ge",
    "f32x4.add", "f32x4.div", "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax",
    "f64x2.min", "f64x2.max", "f64x2.pmin", "f64x2.mul",
    "i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u", "i16x8.narrow_i32x4_s",
    "i16x8.narrow_i32x4_u", "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_u",
    "i32x4.extmul_high_i16x8_s", "i64x2.extmul_low_i32x4_u", "i64x2.extmul_high_i32x4_s",
    "i32x4.dot_i16x8_s"};
constexpr const char *Reductions[] = {
    "v128.any_true", "i8x16.all_true", "i16x8.all_true", "i32x4.all_true", "i64x2.all_true",
    "i8x16.bitmask", "i16x8.bitmask", "i32x4.bitmask", "i64x2.bitmask"};
constexpr const char *Shifts[] = {
    "i8x16.shl", "i8x16.shr_s", "i8x16.shr_u", "i16x8.shl", "i16x8.shr_s", "i16x8.shr_u",
    "i32x4.shl", "i32x4.shr_s", "i32x4.shr_u", "i64x2.shl", "i64x2.shr_s", "i64x2.shr_u"};

constexpr const char *HandWritten = R"(
  (memory 1)
  (func (export "bitselect") (param v128 v128 v128) (result v128)
    (v128.bitselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "const") (result v128)
    (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 0xFF))
  ;; Operations that LLVM folds to their operand, which must still quiet a
  ;; signaling NaN.
  (func (export "mul_by_one") (param v128) (result v128)
    (f32x4.mul (local.get 0) (v128.const f32x4 1 1 1 1)))
  (func (export "sub_zero") (param v128) (result v128)
    (f64x2.sub (local.get 0) (v128.const f64x2 0 0)))
  (func (export "demote_promoted") (param v128) (result v128)
    (f32x4.demote_f64x2_zero (f64x2.promote_low_f32x4 (local.get 0))))
  (func (export "shuffle") (param v128 v128) (result v128)
    (i8x16.shuffle 31 0 30 1 29 2 28 3 16 15 17 14 18 13 19 12 (local.get 0) (local.get 1)))
  (func (export "i8x16.splat") (param i32) (result v128) (i8x16.splat (local.get 0)))
  (func (export "i16x8.splat") (param i32) (result v128) (i16x8.splat (local.get 0)))
  (func (export "i64x2.splat") (param i64) (result v128) (i64x2.splat (local.get 0)))
  (func (export "f32x4.splat") (param f32) (result v128) (f32x4.splat (local.get 0)))
  (func (export "i8x16.extract_lane_s") (param v128) (result i32)
    (i8x16.extract_lane_s 15 (local.get 0)))
  (func (export "i8x16.extract_lane_u") (param v128) (result i32)
    (i8x16.extract_lane_u 15 (local.get 0)))
  (func (export "i16x8.extract_lane_s") (param v128) (result i32)
    (i16x8.extract_lane_s 7 (local.get 0)))
  (func (export "i16x8.extract_lane_u") (param v128) (result i32)
    (i16x8.extract_lane_u 7 (local.get 0)))
  (func (export "i64x2.extract_lane") (param v128) (result i64)
    (i64x2.extract_lane 1 (local.get 0)))
  (func (export "f64x2.extract_lane") (param v128) (result f64)
    (f64x2.extract_lane 1 (local.get 0)))
  (func (export "i8x16.replace_lane") (param v128 i32) (result v128)
    (i8x16.replace_lane 3 (local.get 0) (local.get 1)))
  (func (export "f32x4.replace_lane") (param v128 f32) (result v128)
    (f32x4.replace_lane 2 (local.get 0) (local.get 1)))
  (func (export "v128.store") (param i32 v128) (v128.store offset=1 (local.get 0) (local.get 1)))
  (func (export "v128.load") (param i32) (result v128) (v128.load offset=1 (local.get 0)))
  ;; The loaded value is dropped: the access must trap all the same.
  (func (export "probe") (param i32) (drop (v128.load (local.get 0))))
  (func (export "v128.load8x8_s") (param i32) (result v128) (v128.load8x8_s (local.get 0)))
  (func (export "v128.load16x4_u") (param i32) (result v128) (v128.load16x4_u (local.get 0)))
  (func (export "v128.load32x2_s") (param i32) (result v128) (v128.load32x2_s (local.get 0)))
  (func (export "v128.load8_splat") (param i32) (result v128) (v128.load8_splat (local.get 0)))
  (func (export "v128.load64_splat") (param i32) (result v128)
    (v128.load64_splat (local.get 0)))
  (func (export "v128.load32_zero") (param i32) (result v128) (v128.load32_zero (local.get 0)))
  (func (export "v128.load64_zero") (param i32) (result v128) (v128.load64_zero (local.get 0)))
  (func (export "v128.load16_lane") (param i32 v128) (result v128)
    (v128.load16_lane 6 (local.get 0) (local.get 1)))
  (func (export "v128.load32_lane") (param i32 v128) (result v128)
    (v128.load32_lane offset=2 1 (local.get 0) (local.get 1)))
  (func (export "v128.store8_lane") (param i32 v128)
    (v128.store8_lane 13 (local.get 0) (local.get 1)))
  (func (export "v128.store64_lane") (param i32 v128)
    (v128.store64_lane 1 (local.get 0) (local.get 1)))
)
)";

std::string simdModule() {
  std::string Wat = "(module\n";
  auto Export = [&](const char *Op, const char *Params, const char *Result, const char *Args) {
    Wat += std::string("  (func (export \"") + Op + "\") (param " + Params + ") (result " +
           Result + ") (" + Op + Args + "))\n";
  };
  for (const char *Op : Unary)
    Export(Op, "v128", "v128", " (local.get 0)");
  for (const char *Op : Binary)
    Export(Op, "v128 v128", "v128", " (local.get 0) (local.get 1)");
  for (const char *Op : Reductions)
    Export(Op, "v128", "i32", " (local.get 0)");
  for (const char *Op : Shifts)
    Export(Op, "v128 i32", "v128", " (local.get 0) (local.get 1)");
  return Wat + HandWritten;
}

/// Calls Name with each argument (scalars packed too) in its own slot;
/// returns the trap kind and the first result slot.
std::pair<wasmaot_trap_kind, V128> invoke(WatModule &M, const std::string &Name,
                                          std::initializer_list<V128> Args) {
  std::array<uint64_t, 8> Slots{};
  size_t K = 0;
  for (const V128 &A : Args)
    std::memcpy(&Slots[2 * K++], A.data(), 16);
  wasmaot_trap_kind Trap = M.call(Name, Slots);
  return {Trap, pack(std::array<uint64_t, 2>{Slots[0], Slots[1]})};
}

wasmaot_trap_kind trap(WatModule &M, const std::string &Name,
                       std::initializer_list<V128> Args) {
  return invoke(M, Name, Args).first;
}

/// The first result of a call that must not trap.
V128 run(WatModule &M, const std::string &Name, std::initializer_list<V128> Args) {
  auto [Trap, Result] = invoke(M, Name, Args);
  INFO(Name);
  REQUIRE(Trap == WASMAOT_TRAP_NONE);
  return Result;
}

template <typename T> T bitsOf(float F) {
  T Bits;
  std::memcpy(&Bits, &F, sizeof F);
  return Bits;
}

/// Constants, splats and lanes.
void checkLanes(WatModule &M) {
  V128 C = run(M, "const", {});
  CHECK(C == V128{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xFF});
  CHECK(unpack<int32_t>(run(M, "i8x16.extract_lane_s", {C})) == -1);
  CHECK(unpack<int32_t>(run(M, "i8x16.extract_lane_u", {C})) == 255);
  V128 H = pack(I16x8{0, 0, 0, 0, 0, 0, 0, -2});
  CHECK(unpack<int32_t>(run(M, "i16x8.extract_lane_s", {H})) == -2);
  CHECK(unpack<int32_t>(run(M, "i16x8.extract_lane_u", {H})) == 0xFFFE);
  CHECK(unpack<int64_t>(run(M, "i64x2.extract_lane", {pack(I64x2{1, -5})})) == -5);
  CHECK(unpack<double>(run(M, "f64x2.extract_lane", {pack(F64x2{1.0, -2.5})})) == -2.5);

  // Splats of i8 and i16 take the low bits of their i32 operand.
  CHECK(unpack<U8x16>(run(M, "i8x16.splat", {pack(0x1234u)})) == pack(I8x16{
      0x34, 0x34, 0x34, 0x34, 0x34, 0x34, 0x34, 0x34,
      0x34, 0x34, 0x34, 0x34, 0x34, 0x34, 0x34, 0x34}));
  CHECK(unpack<I16x8>(run(M, "i16x8.splat", {pack(0x12348765u)})) ==
        I16x8{-30875, -30875, -30875, -30875, -30875, -30875, -30875, -30875});
  CHECK(unpack<I64x2>(run(M, "i64x2.splat", {pack(int64_t(-3))})) == I64x2{-3, -3});
  CHECK(unpack<F32x4>(run(M, "f32x4.splat", {pack(1.5f)})) == F32x4{1.5f, 1.5f, 1.5f, 1.5f});

  CHECK(unpack<U8x16>(run(M, "i8x16.replace_lane", {C, pack(0x1FFu)})) ==
        U8x16{0, 1, 2, 0xFF, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xFF});
  CHECK(unpack<F32x4>(run(M, "f32x4.replace_lane", {pack(F32x4{1, 2, 3, 4}), pack(-0.5f)})) ==
        F32x4{1, 2, -0.5f, 4});
}

/// Shuffle and swizzle.
void checkShuffles(WatModule &M) {
  V128 A = pack(U8x16{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  V128 B = pack(U8x16{16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
  CHECK(run(M, "shuffle", {A, B}) ==
        V128{31, 0, 30, 1, 29, 2, 28, 3, 16, 15, 17, 14, 18, 13, 19, 12});
  // Indices of 16 and above select zero, even when they are 0x80 or 0xFF.
  V128 Indices = pack(U8x16{15, 16, 0, 0x80, 0xFF, 17, 1, 31, 32, 2, 0x70, 3, 4, 5, 6, 7});
  CHECK(run(M, "i8x16.swizzle", {B, Indices}) ==
        V128{31, 0, 16, 0, 0, 0, 17, 0, 0, 18, 0, 19, 20, 21, 22, 23});
}

/// Bitwise operations.
void checkBitwise(WatModule &M) {
  V128 A = pack(U64x2{0xFF00FF00F0F0F0F0ull, 0x0123456789ABCDEFull});
  V128 B = pack(U64x2{0x0FF00FF0FFFF0000ull, 0xFFFFFFFF00000000ull});
  CHECK(unpack<U64x2>(run(M, "v128.and", {A, B})) ==
        U64x2{0x0F000F00F0F00000ull, 0x0123456700000000ull});
  CHECK(unpack<U64x2>(run(M, "v128.or", {A, B})) ==
        U64x2{0xFFF0FFF0FFFFF0F0ull, 0xFFFFFFFF89ABCDEFull});
  CHECK(unpack<U64x2>(run(M, "v128.xor", {A, B})) ==
        U64x2{0xF0F0F0F00F0FF0F0ull, 0xFEDCBA9889ABCDEFull});
  CHECK(unpack<U64x2>(run(M, "v128.andnot", {A, B})) ==
        U64x2{0xF000F0000000F0F0ull, 0x0000000089ABCDEFull});
  CHECK(unpack<U64x2>(run(M, "v128.not", {A})) ==
        U64x2{0x00FF00FF0F0F0F0Full, 0xFEDCBA9876543210ull});
  // Bits of the first operand where the mask is set, else of the second.
  CHECK(unpack<U64x2>(run(M, "bitselect", {A, B, pack(U64x2{~0ull, 0xFFFF0000FFFF0000ull})})) ==
        U64x2{0xFF00FF00F0F0F0F0ull, 0x0123FFFF89AB0000ull});

  CHECK(unpack<int32_t>(run(M, "v128.any_true", {pack(U64x2{0, 1ull << 63})})) == 1);
  CHECK(unpack<int32_t>(run(M, "v128.any_true", {pack(U64x2{0, 0})})) == 0);
}

/// Reductions.
void checkReductions(WatModule &M) {
  V128 NoZeroLane = pack(I8x16{1, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -128});
  CHECK(unpack<int32_t>(run(M, "i8x16.all_true", {NoZeroLane})) == 1);
  CHECK(unpack<int32_t>(run(M, "i16x8.all_true", {NoZeroLane})) == 1);
  V128 OneZeroByte = pack(I8x16{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1});
  CHECK(unpack<int32_t>(run(M, "i8x16.all_true", {OneZeroByte})) == 0);
  CHECK(unpack<int32_t>(run(M, "i16x8.all_true", {OneZeroByte})) == 1);
  CHECK(unpack<int32_t>(run(M, "i32x4.all_true", {pack(I32x4{1, 2, 0, 4})})) == 0);
  CHECK(unpack<int32_t>(run(M, "i64x2.all_true", {pack(I64x2{1ll << 40, -1})})) == 1);

  CHECK(unpack<int32_t>(run(M, "i8x16.bitmask", {NoZeroLane})) == 0x8002);
  CHECK(unpack<int32_t>(run(M, "i16x8.bitmask", {NoZeroLane})) == 0x81);
  CHECK(unpack<int32_t>(run(M, "i32x4.bitmask", {pack(I32x4{-1, 0, INT32_MIN, 5})})) == 0x5);
  CHECK(unpack<int32_t>(run(M, "i64x2.bitmask", {pack(I64x2{1, -1})})) == 0x2);
}

/// Integer arithmetic.
void checkIntegerArithmetic(WatModule &M) {
  V128 A = pack(I8x16{127, -128, 100, -100, 0, 1, -1, 50, 127, -128, 5, 6, 7, 8, 9, 10});
  V128 B = pack(I8x16{1, -1, 100, -100, 0, -1, 1, -50, -128, 127, 5, 6, 7, 8, 9, 10});
  CHECK(unpack<I8x16>(run(M, "i8x16.add", {A, B})) ==
        I8x16{-128, 127, -56, 56, 0, 0, 0, 0, -1, -1, 10, 12, 14, 16, 18, 20});
  CHECK(unpack<I8x16>(run(M, "i8x16.sub", {A, B})) ==
        I8x16{126, -127, 0, 0, 0, 2, -2, 100, -1, 1, 0, 0, 0, 0, 0, 0});
  CHECK(unpack<I8x16>(run(M, "i8x16.add_sat_s", {A, B})) ==
        I8x16{127, -128, 127, -128, 0, 0, 0, 0, -1, -1, 10, 12, 14, 16, 18, 20});
  CHECK(unpack<I8x16>(run(M, "i8x16.sub_sat_s", {A, B})) ==
        I8x16{126, -127, 0, 0, 0, 2, -2, 100, 127, -128, 0, 0, 0, 0, 0, 0});
  V128 UA = pack(U8x16{255, 200, 0, 1, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  V128 UB = pack(U8x16{1, 100, 1, 2, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  CHECK(unpack<U8x16>(run(M, "i8x16.add_sat_u", {UA, UB})) ==
        U8x16{255, 255, 1, 3, 255, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  CHECK(unpack<U8x16>(run(M, "i8x16.sub_sat_u", {UA, UB})) ==
        U8x16{254, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  // The rounding average of unsigned lanes, without overflow.
  CHECK(unpack<U8x16>(run(M, "i8x16.avgr_u", {UA, UB})) ==
        U8x16{128, 150, 1, 2, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  CHECK(unpack<U16x8>(run(M, "i16x8.avgr_u", {pack(U16x8{65535, 0, 1, 2}),
                                              pack(U16x8{65535, 1, 1, 5})})) ==
        U16x8{65535, 1, 1, 4, 0, 0, 0, 0});
  CHECK(unpack<I8x16>(run(M, "i8x16.min_s", {A, B})) ==
        I8x16{1, -128, 100, -100, 0, -1, -1, -50, -128, -128, 5, 6, 7, 8, 9, 10});
  CHECK(unpack<U8x16>(run(M, "i8x16.min_u", {UA, UB})) ==
        U8x16{1, 100, 0, 1, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  CHECK(unpack<U8x16>(run(M, "i8x16.max_u", {UA, UB})) ==
        U8x16{255, 200, 1, 2, 128, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255});
  CHECK(unpack<I32x4>(run(M, "i32x4.max_s", {pack(I32x4{-1, 5, INT32_MIN, 0}),
                                             pack(I32x4{1, -5, INT32_MAX, 0})})) ==
        I32x4{1, 5, INT32_MAX, 0});

  // abs and neg of the minimum wrap to the minimum.
  CHECK(unpack<I8x16>(run(M, "i8x16.abs", {A})) ==
        I8x16{127, -128, 100, 100, 0, 1, 1, 50, 127, -128, 5, 6, 7, 8, 9, 10});
  CHECK(unpack<I8x16>(run(M, "i8x16.neg", {A})) ==
        I8x16{-127, -128, -100, 100, 0, -1, 1, -50, -127, -128, -5, -6, -7, -8, -9, -10});
  CHECK(unpack<I16x8>(run(M, "i16x8.abs", {pack(I16x8{INT16_MIN, -7, 7})})) ==
        I16x8{INT16_MIN, 7, 7, 0, 0, 0, 0, 0});
  CHECK(unpack<I32x4>(run(M, "i32x4.neg", {pack(I32x4{INT32_MIN, -7, 7, 0})})) ==
        I32x4{INT32_MIN, 7, -7, 0});
  CHECK(unpack<I64x2>(run(M, "i64x2.abs", {pack(I64x2{INT64_MIN, -7})})) ==
        I64x2{INT64_MIN, 7});
  CHECK(unpack<I64x2>(run(M, "i64x2.neg", {pack(I64x2{INT64_MIN, -7})})) ==
        I64x2{INT64_MIN, 7});
  CHECK(unpack<U8x16>(run(M, "i8x16.popcnt", {UA})) ==
        U8x16{8, 3, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8});

  CHECK(unpack<I16x8>(run(M, "i16x8.mul", {pack(I16x8{300, -2, INT16_MIN}),
                                           pack(I16x8{300, 3, -1})})) ==
        I16x8{int16_t(90000), -6, INT16_MIN, 0, 0, 0, 0, 0});
  CHECK(unpack<I16x8>(run(M, "i16x8.add_sat_s", {pack(I16x8{32000, -32000, 5}),
                                                 pack(I16x8{1000, -1000, -6})})) ==
        I16x8{INT16_MAX, INT16_MIN, -1, 0, 0, 0, 0, 0});
  CHECK(unpack<I32x4>(run(M, "i32x4.mul", {pack(I32x4{65536, -3, INT32_MAX, 7}),
                                           pack(I32x4{65536, 5, 2, -1})})) ==
        I32x4{0, -15, -2, -7});
  CHECK(unpack<I64x2>(run(M, "i64x2.mul", {pack(I64x2{1ll << 32, -3}),
                                           pack(I64x2{(1ll << 32) + 3, 0x100000001ll})})) ==
        I64x2{3ll << 32, -0x300000003ll});
  CHECK(unpack<I64x2>(run(M, "i64x2.sub", {pack(I64x2{INT64_MIN, 0}), pack(I64x2{1, 1})})) ==
        I64x2{INT64_MAX, -1});

  // Q15 rounding multiplication saturates only -1 * -1.
  CHECK(unpack<I16x8>(run(M, "i16x8.q15mulr_sat_s",
                          {pack(I16x8{INT16_MIN, 16384, -16384, 1, INT16_MAX, 3, -1, 0}),
                           pack(I16x8{INT16_MIN, 16384, 16384, 16384, INT16_MIN, -16384, 1,
                                      0})})) ==
        I16x8{INT16_MAX, 8192, -8192, 1, -32767, -1, 0, 0});
}

/// Shifts take the count modulo the lane width.
void checkShifts(WatModule &M) {
  V128 Bytes = pack(I8x16{-128, 64, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3});
  CHECK(unpack<I8x16>(run(M, "i8x16.shl", {Bytes, pack(9u)})) ==
        I8x16{0, -128, 2, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6});
  CHECK(unpack<I8x16>(run(M, "i8x16.shr_s", {Bytes, pack(0xFFFFFFFFu)})) ==
        I8x16{-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(unpack<U8x16>(run(M, "i8x16.shr_u", {Bytes, pack(7u)})) ==
        U8x16{1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  V128 Halves = pack(I16x8{INT16_MIN, 3, -3, 1});
  CHECK(unpack<I16x8>(run(M, "i16x8.shl", {Halves, pack(17u)})) ==
        I16x8{0, 6, -6, 2, 0, 0, 0, 0});
  CHECK(unpack<I16x8>(run(M, "i16x8.shr_s", {Halves, pack(15u)})) ==
        I16x8{-1, 0, -1, 0, 0, 0, 0, 0});
  CHECK(unpack<U16x8>(run(M, "i16x8.shr_u", {Halves, pack(16u)})) ==
        U16x8{32768, 3, 65533, 1, 0, 0, 0, 0});
  V128 Words = pack(I32x4{INT32_MIN, 8, -8, 1});
  CHECK(unpack<I32x4>(run(M, "i32x4.shl", {Words, pack(32u)})) == I32x4{INT32_MIN, 8, -8, 1});
  CHECK(unpack<I32x4>(run(M, "i32x4.shr_s", {Words, pack(33u)})) ==
        I32x4{INT32_MIN / 2, 4, -4, 0});
  CHECK(unpack<U32x4>(run(M, "i32x4.shr_u", {Words, pack(31u)})) == U32x4{1, 0, 1, 0});
  V128 Longs = pack(I64x2{INT64_MIN, -2});
  CHECK(unpack<I64x2>(run(M, "i64x2.shl", {Longs, pack(65u)})) == I64x2{0, -4});
  CHECK(unpack<I64x2>(run(M, "i64x2.shr_s", {Longs, pack(63u)})) == I64x2{-1, -1});
  CHECK(unpack<U64x2>(run(M, "i64x2.shr_u", {Longs, pack(64u + 60)})) == U64x2{8, 15});
}

/// Comparisons give all-ones lanes.
void checkComparisons(WatModule &M) {
  V128 A = pack(I8x16{-128, 127, 0, 5});
  V128 B = pack(I8x16{127, -128, 0, 6});
  CHECK(unpack<I8x16>(run(M, "i8x16.eq", {A, B})) ==
        I8x16{0, 0, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
  CHECK(unpack<I8x16>(run(M, "i8x16.lt_s", {A, B})) ==
        I8x16{-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(unpack<I8x16>(run(M, "i8x16.lt_u", {A, B})) ==
        I8x16{0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(unpack<I16x8>(run(M, "i16x8.ge_u", {pack(I16x8{-1, 0, 5}), pack(I16x8{1, 1, 5})})) ==
        I16x8{-1, 0, -1, -1, -1, -1, -1, -1});
  CHECK(unpack<I32x4>(run(M, "i32x4.gt_s", {pack(I32x4{-1, 1, 0, INT32_MAX}),
                                            pack(I32x4{1, -1, 0, INT32_MIN})})) ==
        I32x4{0, -1, 0, -1});
  CHECK(unpack<I64x2>(run(M, "i64x2.gt_s", {pack(I64x2{-1, INT64_MAX}),
                                            pack(I64x2{1, INT64_MIN})})) == I64x2{0, -1});
  CHECK(unpack<I64x2>(run(M, "i64x2.le_s", {pack(I64x2{-1, 3}), pack(I64x2{-1, 2})})) ==
        I64x2{-1, 0});
  // Comparisons with NaN are false except `ne`; -0 equals +0.
  V128 F = pack(F32x4{NaN32, -0.0f, 1.0f, -Inf32});
  V128 G = pack(F32x4{NaN32, 0.0f, 2.0f, -Inf32});
  CHECK(unpack<I32x4>(run(M, "f32x4.eq", {F, G})) == I32x4{0, -1, 0, -1});
  CHECK(unpack<I32x4>(run(M, "f32x4.ne", {F, G})) == I32x4{-1, 0, -1, 0});
  CHECK(unpack<I32x4>(run(M, "f32x4.lt", {F, G})) == I32x4{0, 0, -1, 0});
  CHECK(unpack<I64x2>(run(M, "f64x2.ge", {pack(F64x2{NaN64, 1.0}), pack(F64x2{1.0, 1.0})})) ==
        I64x2{0, -1});
}

/// Float arithmetic.
void checkFloatArithmetic(WatModule &M) {
  CHECK(unpack<F32x4>(run(M, "f32x4.add", {pack(F32x4{1.5f, -1, 1e38f, 0}),
                                           pack(F32x4{2.25f, 1, 1e38f, -0.0f})})) ==
        F32x4{3.75f, 0, 2e38f, 0});
  V128 Quotients = run(M, "f32x4.div", {pack(F32x4{1, -1, 0, 6}), pack(F32x4{0, 0, 0, 4})});
  F32x4 Q = unpack<F32x4>(Quotients);
  CHECK(Q[0] == Inf32);
  CHECK(Q[1] == -Inf32);
  CHECK(std::isnan(Q[2]));
  CHECK(Q[3] == 1.5f);
  CHECK(unpack<F64x2>(run(M, "f64x2.mul", {pack(F64x2{3, -0.5}), pack(F64x2{0.5, 4})})) ==
        F64x2{1.5, -2});

  // min and max propagate NaN and order -0 below +0, in either order.
  V128 A = pack(F32x4{NaN32, -0.0f, 0.0f, 1.0f});
  V128 B = pack(F32x4{1.0f, 0.0f, -0.0f, NaN32});
  for (const char *Op : {"f32x4.min", "f32x4.max"}) {
    CAPTURE(Op);
    bool IsMin = std::string(Op) == "f32x4.min";
    for (auto [L, R] : {std::pair{A, B}, std::pair{B, A}}) {
      U32x4 Bits = unpack<U32x4>(run(M, Op, {L, R}));
      CHECK((Bits[0] & 0x7FC00000u) == 0x7FC00000u);
      CHECK(Bits[1] == (IsMin ? 0x80000000u : 0u));
      CHECK(Bits[2] == (IsMin ? 0x80000000u : 0u));
      CHECK((Bits[3] & 0x7FC00000u) == 0x7FC00000u);
    }
  }
  CHECK(unpack<F32x4>(run(M, "f32x4.min", {pack(F32x4{1, -2, Inf32, 3}),
                                           pack(F32x4{2, -3, 5, -Inf32})})) ==
        F32x4{1, -3, 5, -Inf32});
  U64x2 D = unpack<U64x2>(run(M, "f64x2.max", {pack(F64x2{-0.0, NaN64}), pack(F64x2{0.0, 1})}));
  CHECK(D[0] == 0);
  CHECK((D[1] & 0x7FF8000000000000ull) == 0x7FF8000000000000ull);
  CHECK(unpack<U64x2>(run(M, "f64x2.min", {pack(F64x2{0.0, 7}), pack(F64x2{-0.0, -7})}))[0] ==
        0x8000000000000000ull);

  // pmin/pmax return the first operand unless the comparison holds: NaN
  // and zeros of either sign included.
  V128 P = pack(F32x4{NaN32, 1.0f, -0.0f, 2.0f});
  V128 Q2 = pack(F32x4{1.0f, NaN32, 0.0f, 1.0f});
  U32x4 PMin = unpack<U32x4>(run(M, "f32x4.pmin", {P, Q2}));
  CHECK(std::isnan(unpack<F32x4>(pack(PMin))[0]));
  CHECK(PMin[1] == bitsOf<uint32_t>(1.0f));
  CHECK(PMin[2] == 0x80000000u);
  CHECK(PMin[3] == bitsOf<uint32_t>(1.0f));
  U32x4 PMax = unpack<U32x4>(run(M, "f32x4.pmax", {P, Q2}));
  CHECK(std::isnan(unpack<F32x4>(pack(PMax))[0]));
  CHECK(PMax[1] == bitsOf<uint32_t>(1.0f));
  CHECK(PMax[2] == 0x80000000u);
  CHECK(PMax[3] == bitsOf<uint32_t>(2.0f));
  CHECK(unpack<F64x2>(run(M, "f64x2.pmin", {pack(F64x2{0.0, 3}), pack(F64x2{-0.0, 2})})) ==
        F64x2{0.0, 2});

  // A signaling NaN comes out quiet even where LLVM folds the operation.
  V128 Signaling = pack(U32x4{0x7FA00000u, 0xFF800001u, 0x7F800001u, 0x3F800000u});
  for (const char *Op : {"mul_by_one", "demote_promoted"}) {
    CAPTURE(Op);
    U32x4 Bits = unpack<U32x4>(run(M, Op, {Signaling}));
    CHECK(Bits[0] == 0x7FE00000u);
    CHECK((Bits[1] & 0x7FC00000u) == 0x7FC00000u);
  }
  U64x2 Quieted = unpack<U64x2>(run(M, "sub_zero", {pack(U64x2{0x7FF0000000000001ull, 0})}));
  CHECK(Quieted[0] == 0x7FF8000000000001ull);

  // abs and neg only touch the sign bit, NaN payloads included.
  V128 Nans = pack(U32x4{0xFFC00001u, 0x7F800001u, 0x80000000u, bitsOf<uint32_t>(-2.0f)});
  CHECK(unpack<U32x4>(run(M, "f32x4.abs", {Nans})) ==
        U32x4{0x7FC00001u, 0x7F800001u, 0, bitsOf<uint32_t>(2.0f)});
  CHECK(unpack<U32x4>(run(M, "f32x4.neg", {Nans})) ==
        U32x4{0x7FC00001u, 0xFF800001u, 0, bitsOf<uint32_t>(2.0f)});
  V128 DNans = pack(U64x2{0xFFF0000000000001ull, 0x7FF8000000000002ull});
  CHECK(unpack<U64x2>(run(M, "f64x2.abs", {DNans})) ==
        U64x2{0x7FF0000000000001ull, 0x7FF8000000000002ull});
  CHECK(unpack<U64x2>(run(M, "f64x2.neg", {DNans})) ==
        U64x2{0x7FF0000000000001ull, 0xFFF8000000000002ull});

  CHECK(unpack<F32x4>(run(M, "f32x4.sqrt", {pack(F32x4{4, 2.25f, 0, Inf32})})) ==
        F32x4{2, 1.5f, 0, Inf32});
  V128 R = pack(F32x4{2.5f, -0.5f, 3.5f, -1.5f});
  CHECK(unpack<F32x4>(run(M, "f32x4.ceil", {R})) == F32x4{3, -0.0f, 4, -1});
  CHECK(unpack<F32x4>(run(M, "f32x4.floor", {R})) == F32x4{2, -1, 3, -2});
  CHECK(unpack<F32x4>(run(M, "f32x4.trunc", {R})) == F32x4{2, -0.0f, 3, -1});
  // nearest rounds ties to even and keeps the sign of zero.
  U32x4 Nearest = unpack<U32x4>(run(M, "f32x4.nearest", {R}));
  CHECK(Nearest == U32x4{bitsOf<uint32_t>(2.0f), 0x80000000u, bitsOf<uint32_t>(4.0f),
                         bitsOf<uint32_t>(-2.0f)});
  CHECK(unpack<F64x2>(run(M, "f64x2.nearest", {pack(F64x2{0.5, 4503599627370495.5})})) ==
        F64x2{0, 4503599627370496.0});
  CHECK(unpack<F64x2>(run(M, "f64x2.floor", {pack(F64x2{-0.5, 1e300})})) == F64x2{-1, 1e300});
}

/// Narrowing saturates, widening extends.
void checkNarrowAndExtend(WatModule &M) {
  V128 A = pack(I16x8{-129, -128, 127, 128, 255, 256, -1, 0});
  V128 B = pack(I16x8{INT16_MIN, INT16_MAX, 1, 2, 3, 4, 5, 6});
  CHECK(unpack<I8x16>(run(M, "i8x16.narrow_i16x8_s", {A, B})) ==
        I8x16{-128, -128, 127, 127, 127, 127, -1, 0, -128, 127, 1, 2, 3, 4, 5, 6});
  CHECK(unpack<U8x16>(run(M, "i8x16.narrow_i16x8_u", {A, B})) ==
        U8x16{0, 0, 127, 128, 255, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6});
  V128 W = pack(I32x4{-32769, 32768, 65535, 65536});
  V128 X = pack(I32x4{-1, 1, INT32_MIN, INT32_MAX});
  CHECK(unpack<I16x8>(run(M, "i16x8.narrow_i32x4_s", {W, X})) ==
        I16x8{INT16_MIN, INT16_MAX, INT16_MAX, INT16_MAX, -1, 1, INT16_MIN, INT16_MAX});
  CHECK(unpack<U16x8>(run(M, "i16x8.narrow_i32x4_u", {W, X})) ==
        U16x8{0, 32768, 65535, 65535, 0, 1, 0, 65535});

  V128 Bytes = pack(I8x16{-1, 2, -3, 4, 5, 6, 7, 8, -128, 127, -1, 0, 1, 2, 3, 4});
  CHECK(unpack<I16x8>(run(M, "i16x8.extend_low_i8x16_s", {Bytes})) ==
        I16x8{-1, 2, -3, 4, 5, 6, 7, 8});
  CHECK(unpack<I16x8>(run(M, "i16x8.extend_high_i8x16_u", {Bytes})) ==
        I16x8{128, 127, 255, 0, 1, 2, 3, 4});
  CHECK(unpack<I32x4>(run(M, "i32x4.extend_high_i16x8_s", {pack(I16x8{0, 0, 0, 0, -1, 2, -3,
                                                                      INT16_MIN})})) ==
        I32x4{-1, 2, -3, INT16_MIN});
  CHECK(unpack<I64x2>(run(M, "i64x2.extend_low_i32x4_u", {pack(I32x4{-1, 2, 3, 4})})) ==
        I64x2{0xFFFFFFFFll, 2});
  CHECK(unpack<I64x2>(run(M, "i64x2.extend_high_i32x4_s", {pack(I32x4{0, 0, -1, INT32_MIN})})) ==
        I64x2{-1, INT32_MIN});

  CHECK(unpack<I16x8>(run(M, "i16x8.extadd_pairwise_i8x16_s", {Bytes})) ==
        I16x8{1, 1, 11, 15, -1, -1, 3, 7});
  CHECK(unpack<I16x8>(run(M, "i16x8.extadd_pairwise_i8x16_u", {Bytes})) ==
        I16x8{257, 257, 11, 15, 255, 255, 3, 7});
  V128 Halves = pack(I16x8{INT16_MIN, INT16_MIN, INT16_MAX, INT16_MAX, -1, 1, -1, -1});
  CHECK(unpack<I32x4>(run(M, "i32x4.extadd_pairwise_i16x8_s", {Halves})) ==
        I32x4{-65536, 65534, 0, -2});
  CHECK(unpack<I32x4>(run(M, "i32x4.extadd_pairwise_i16x8_u", {Halves})) ==
        I32x4{65536, 65534, 65536, 131070});

  CHECK(unpack<I16x8>(run(M, "i16x8.extmul_low_i8x16_s", {Bytes, Bytes})) ==
        I16x8{1, 4, 9, 16, 25, 36, 49, 64});
  CHECK(unpack<U16x8>(run(M, "i16x8.extmul_high_i8x16_u", {Bytes, Bytes})) ==
        U16x8{16384, 16129, 65025, 0, 1, 4, 9, 16});
  CHECK(unpack<I32x4>(run(M, "i32x4.extmul_high_i16x8_s", {Halves, Halves})) ==
        I32x4{1, 1, 1, 1});
  CHECK(unpack<U64x2>(run(M, "i64x2.extmul_low_i32x4_u", {pack(I32x4{-1, 2}),
                                                          pack(I32x4{-1, 3})})) ==
        U64x2{0xFFFFFFFE00000001ull, 6});
  CHECK(unpack<I64x2>(run(M, "i64x2.extmul_high_i32x4_s", {pack(I32x4{0, 0, INT32_MIN, -2}),
                                                           pack(I32x4{0, 0, INT32_MIN, 3})})) ==
        I64x2{1ll << 62, -6});

  // The one overflowing dot product wraps.
  CHECK(unpack<I32x4>(run(M, "i32x4.dot_i16x8_s", {Halves, Halves})) ==
        I32x4{INT32_MIN, 2 * 32767 * 32767, 2, 2});
}

/// Float conversions.
void checkFloatConversions(WatModule &M) {
  V128 F = pack(F32x4{NaN32, -3e9f, 3e9f, -1.9f});
  CHECK(unpack<I32x4>(run(M, "i32x4.trunc_sat_f32x4_s", {F})) ==
        I32x4{0, INT32_MIN, INT32_MAX, -1});
  CHECK(unpack<U32x4>(run(M, "i32x4.trunc_sat_f32x4_u", {F})) == U32x4{0, 0, 3000000000u, 0});
  CHECK(unpack<U32x4>(run(M, "i32x4.trunc_sat_f32x4_u", {pack(F32x4{5e9f, 4294967040.0f,
                                                                    Inf32, 0.99f})})) ==
        U32x4{UINT32_MAX, 4294967040u, UINT32_MAX, 0});
  V128 D = pack(F64x2{-2147483648.9, 4294967295.9});
  CHECK(unpack<I32x4>(run(M, "i32x4.trunc_sat_f64x2_s_zero", {D})) ==
        I32x4{INT32_MIN, INT32_MAX, 0, 0});
  CHECK(unpack<U32x4>(run(M, "i32x4.trunc_sat_f64x2_u_zero", {D})) ==
        U32x4{0, UINT32_MAX, 0, 0});
  CHECK(unpack<U32x4>(run(M, "i32x4.trunc_sat_f64x2_u_zero", {pack(F64x2{NaN64, 1e10})})) ==
        U32x4{0, UINT32_MAX, 0, 0});

  V128 I = pack(I32x4{-1, INT32_MIN, 16777217, 3});
  CHECK(unpack<F32x4>(run(M, "f32x4.convert_i32x4_s", {I})) ==
        F32x4{-1, -2147483648.0f, 16777216.0f, 3});
  CHECK(unpack<F32x4>(run(M, "f32x4.convert_i32x4_u", {I})) ==
        F32x4{4294967296.0f, 2147483648.0f, 16777216.0f, 3});
  CHECK(unpack<F64x2>(run(M, "f64x2.convert_low_i32x4_s", {I})) ==
        F64x2{-1, -2147483648.0});
  CHECK(unpack<F64x2>(run(M, "f64x2.convert_low_i32x4_u", {I})) ==
        F64x2{4294967295.0, 2147483648.0});

  CHECK(unpack<F32x4>(run(M, "f32x4.demote_f64x2_zero", {pack(F64x2{1e300, 0.1})})) ==
        F32x4{Inf32, 0.1f, 0, 0});
  CHECK(unpack<F64x2>(run(M, "f64x2.promote_low_f32x4", {pack(F32x4{0.1f, -Inf32, 7, 8})})) ==
        F64x2{double(0.1f), -std::numeric_limits<double>::infinity()});
  F64x2 Promoted = unpack<F64x2>(run(M, "f64x2.promote_low_f32x4", {pack(F32x4{NaN32})}));
  CHECK(std::isnan(Promoted[0]));
}

/// Memory accesses.
void checkMemory(WatModule &M) {
  V128 Data = pack(U8x16{0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xFF});
  // Offset 1 on top: the last 16 bytes of the page.
  REQUIRE(trap(M, "v128.store", {pack(65519u), Data}) == WASMAOT_TRAP_NONE);
  CHECK(run(M, "v128.load", {pack(65519u)}) == Data);
  CHECK(trap(M, "v128.load", {pack(65520u)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.store", {pack(65520u), Data}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load", {pack(0xFFFFFFFFu)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "probe", {pack(65521u)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "probe", {pack(65520u)}) == WASMAOT_TRAP_NONE);

  CHECK(trap(M, "v128.store", {pack(0xFFFFFFFFu), Data}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  // A trapping store writes nothing, not even its in-bounds bytes.
  CHECK(run(M, "v128.load", {pack(65519u)}) == Data);

  REQUIRE(trap(M, "v128.store", {pack(99u), Data}) == WASMAOT_TRAP_NONE); // bytes 100..115
  CHECK(unpack<I16x8>(run(M, "v128.load8x8_s", {pack(100u)})) ==
        I16x8{-128, 1, 2, 3, 4, 5, 6, 7});
  CHECK(unpack<U32x4>(run(M, "v128.load16x4_u", {pack(114u)})) ==
        U32x4{0xFF0Eu, 0, 0, 0});
  CHECK(unpack<I64x2>(run(M, "v128.load32x2_s", {pack(112u)})) ==
        I64x2{0xFF0E0D0C - (1ll << 32), 0});
  CHECK(unpack<U8x16>(run(M, "v128.load8_splat", {pack(115u)})) ==
        U8x16{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255});
  CHECK(unpack<U64x2>(run(M, "v128.load64_splat", {pack(108u)})) ==
        U64x2{0xFF0E0D0C0B0A0908ull, 0xFF0E0D0C0B0A0908ull});
  CHECK(unpack<U32x4>(run(M, "v128.load32_zero", {pack(101u)})) == U32x4{0x04030201u, 0, 0, 0});
  CHECK(unpack<U64x2>(run(M, "v128.load64_zero", {pack(100u)})) ==
        U64x2{0x0706050403020180ull, 0});
  CHECK(trap(M, "v128.load8_splat", {pack(65536u)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load64_zero", {pack(65529u)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load8x8_s", {pack(65529u)}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load8x8_s", {pack(65528u)}) == WASMAOT_TRAP_NONE);

  // Lane loads replace one lane and keep the others.
  V128 Ones = pack(I16x8{-1, -1, -1, -1, -1, -1, -1, -1});
  CHECK(unpack<U16x8>(run(M, "v128.load16_lane", {pack(100u), Ones})) ==
        U16x8{0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0x0180, 0xFFFF});
  CHECK(unpack<U32x4>(run(M, "v128.load32_lane", {pack(100u), Ones})) ==
        U32x4{UINT32_MAX, 0x05040302u, UINT32_MAX, UINT32_MAX});
  CHECK(trap(M, "v128.load16_lane", {pack(65535u), Ones}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load32_lane", {pack(65531u), Ones}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(trap(M, "v128.load32_lane", {pack(65530u), Ones}) == WASMAOT_TRAP_NONE);

  // Lane stores write just their lane.
  REQUIRE(trap(M, "v128.store8_lane", {pack(65535u), Data}) == WASMAOT_TRAP_NONE);
  CHECK(unpack<U8x16>(run(M, "v128.load8_splat", {pack(65535u)}))[0] == 13);
  CHECK(trap(M, "v128.store8_lane", {pack(65536u), Data}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  REQUIRE(trap(M, "v128.store64_lane", {pack(200u), Data}) == WASMAOT_TRAP_NONE);
  CHECK(unpack<U64x2>(run(M, "v128.load64_zero", {pack(200u)})) ==
        U64x2{0xFF0E0D0C0B0A0908ull, 0});
  CHECK(unpack<U64x2>(run(M, "v128.load64_zero", {pack(208u)})) == U64x2{0, 0});
  CHECK(trap(M, "v128.store64_lane", {pack(65529u), Data}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
}

} // namespace

TEST_CASE("SIMD instructions compute the spec's results", "[e2e][simd]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  unsigned OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  WatModule M(simdModule(), Bounds, OptLevel);
  checkLanes(M);
  checkShuffles(M);
  checkBitwise(M);
  checkReductions(M);
  checkIntegerArithmetic(M);
  checkShifts(M);
  checkComparisons(M);
  checkFloatArithmetic(M);
  checkNarrowAndExtend(M);
  checkFloatConversions(M);
  checkMemory(M);
}
