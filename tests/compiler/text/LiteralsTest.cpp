//===- tests/compiler/text/LiteralsTest.cpp -------------------------------===//
//
// Number and string tokens of the text format (spec section 6.3.1, "Values"
// of the lexical format). Many cases come from the spec tests const.wast,
// int_literals.wast and float_literals.wast; the rounding cases are ties and
// near-ties whose nearest-even result was worked out bit by bit, including
// ones where rounding through a double first gives a different f32.
//
//===----------------------------------------------------------------------===//
#include "text/Literals.h"

#include "llvm/ADT/ArrayRef.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

using namespace wasmaot::text;
using llvm::StringRef;

namespace {

constexpr const char *OutOfRange = "constant out of range";
constexpr const char *Unknown = "unknown operator";

/// The value V holds, or 0 after failing the check with its error.
template <typename T> T valueOf(StringRef Text, llvm::Expected<T> V) {
  if (!V) {
    FAIL_CHECK("'" << Text.str() << "': unexpected error: " << llvm::toString(V.takeError()));
    return T();
  }
  return *V;
}

/// The message of the error V holds, or "no error".
template <typename T> std::string errorOf(llvm::Expected<T> V) {
  if (V)
    return "no error";
  return llvm::toString(V.takeError());
}

uint64_t i8(StringRef T) { return valueOf(T, parseInteger(T, 8)); }
uint64_t i16(StringRef T) { return valueOf(T, parseInteger(T, 16)); }
uint64_t i32(StringRef T) { return valueOf(T, parseInteger(T, 32)); }
uint64_t i64(StringRef T) { return valueOf(T, parseInteger(T, 64)); }
uint32_t f32(StringRef T) { return valueOf(T, parseF32(T)); }
uint64_t f64(StringRef T) { return valueOf(T, parseF64(T)); }
std::string i32Error(StringRef T) { return errorOf(parseInteger(T, 32)); }
std::string i64Error(StringRef T) { return errorOf(parseInteger(T, 64)); }
std::string f32Error(StringRef T) { return errorOf(parseF32(T)); }
std::string f64Error(StringRef T) { return errorOf(parseF64(T)); }
std::string decoded(StringRef T) { return valueOf(T, decodeString(T)); }
std::string stringError(StringRef T) { return errorOf(decodeString(T)); }

} // namespace

TEST_CASE("i32 literals reach both ends of the range", "[text]") {
  CHECK(i32("0") == 0);
  CHECK(i32("-0") == 0);
  CHECK(i32("+0") == 0);
  CHECK(i32("-0x0") == 0);
  CHECK(i32("010") == 10);
  CHECK(i32("+42") == 42);
  CHECK(i32("-1") == 0xFFFFFFFF);
  CHECK(i32("2147483647") == 0x7FFFFFFF);
  CHECK(i32("4294967295") == 0xFFFFFFFF);
  CHECK(i32("+4294967295") == 0xFFFFFFFF);
  CHECK(i32("0xffffffff") == 0xFFFFFFFF);
  CHECK(i32("-2147483648") == 0x80000000);
  CHECK(i32("-0x80000000") == 0x80000000);
  CHECK(i32("-0x7fffffff") == 0x80000001);
  CHECK(i32("0x0bAdD00D") == 0x0BADD00D);

  CHECK(i32Error("4294967296") == OutOfRange);
  CHECK(i32Error("+4294967296") == OutOfRange);
  CHECK(i32Error("0x100000000") == OutOfRange);
  CHECK(i32Error("-2147483649") == OutOfRange);
  CHECK(i32Error("-0x80000001") == OutOfRange);
  CHECK(i32Error("99999999999999999999999999") == OutOfRange);
}

TEST_CASE("i64 literals reach both ends of the range", "[text]") {
  CHECK(i64("18446744073709551615") == UINT64_MAX);
  CHECK(i64("0xffffffffffffffff") == UINT64_MAX);
  CHECK(i64("-1") == UINT64_MAX);
  CHECK(i64("-9223372036854775808") == 0x8000000000000000);
  CHECK(i64("-0x8000000000000000") == 0x8000000000000000);
  CHECK(i64("-9223372036854775807") == 0x8000000000000001);
  CHECK(i64("0x0CABBA6E0ba66a6e") == 0x0CABBA6E0BA66A6E);
  // Leading zeros do not count against the width.
  CHECK(i64("0x00000000000000000000000001") == 1);

  // Each of these overflows 64 bits while its digits are accumulated.
  CHECK(i64Error("18446744073709551616") == OutOfRange);
  CHECK(i64Error("0x10000000000000000") == OutOfRange);
  CHECK(i64Error("0x1_0000_0000_0000_0000") == OutOfRange);
  CHECK(i64Error("184467440737095516150") == OutOfRange);
  CHECK(i64Error("-9223372036854775809") == OutOfRange);
  CHECK(i64Error("-0x8000000000000001") == OutOfRange);
  CHECK(i64Error("-18446744073709551615") == OutOfRange);
}

TEST_CASE("i8 and i16 literals (v128 lanes)", "[text]") {
  CHECK(i8("255") == 0xFF);
  CHECK(i8("-1") == 0xFF);
  CHECK(i8("-128") == 0x80);
  CHECK(i8("127") == 0x7F);
  CHECK(errorOf(parseInteger("256", 8)) == OutOfRange);
  CHECK(errorOf(parseInteger("-129", 8)) == OutOfRange);
  CHECK(i16("65535") == 0xFFFF);
  CHECK(i16("-32768") == 0x8000);
  CHECK(i16("0xFFFF") == 0xFFFF);
  CHECK(errorOf(parseInteger("65536", 16)) == OutOfRange);
  CHECK(errorOf(parseInteger("-32769", 16)) == OutOfRange);
}

TEST_CASE("integer literals: hex digits and underscores", "[text]") {
  CHECK(i32("0_123_456_789") == 123456789);
  CHECK(i32("0x0_9acf_fBDF") == 0x09ACFFBDF);
  CHECK(i32("1_000_000") == 1000000);
  CHECK(i32("1_0_0_0") == 1000);
  CHECK(i32("0x1_a_A_0_f") == 0x1AA0F);
  CHECK(i32("0xa_0f_00_99") == 0xA0F0099);
  CHECK(i64("0xa_f00f_0000_9999") == 0xAF00F00009999);
  CHECK(i32("-0x8000_0000") == 0x80000000);

  for (const char *Bad :
       {"_100",  "+_100",      "-_100", "99_", "1__000", "_0x100", "0_x100", "0x_100",
        "0x00_", "0xff__ffff", "0x",    "1x",  "0xg",    "0X10",   "",       "+",
        "-",     "--1",        "+-1",   "-+1", " 1",     "1 ",     "1.0",    "1e3",
        "1.",    "0x1p4",      "nan",   "inf", "12a",    "0x1.8"}) {
    INFO("'" << Bad << "'");
    CHECK(i32Error(Bad) == Unknown);
  }
  // The spelling is checked before the value.
  CHECK(i32Error("4294967296x") == Unknown);
  CHECK(i64Error("0x1_0000_0000_0000_0000_") == Unknown);
}

TEST_CASE("unsigned literals take no sign", "[text]") {
  CHECK(valueOf("0", parseUnsigned("0", 32)) == 0);
  CHECK(valueOf("4294967295", parseUnsigned("4294967295", 32)) == 0xFFFFFFFF);
  CHECK(valueOf("0x1_0", parseUnsigned("0x1_0", 32)) == 16);
  CHECK(valueOf("max", parseUnsigned("18446744073709551615", 64)) == UINT64_MAX);
  CHECK(errorOf(parseUnsigned("4294967296", 32)) == OutOfRange);
  CHECK(errorOf(parseUnsigned("18446744073709551616", 64)) == OutOfRange);
  CHECK(errorOf(parseUnsigned("+1", 32)) == Unknown);
  CHECK(errorOf(parseUnsigned("-1", 32)) == Unknown);
  CHECK(errorOf(parseUnsigned("-0", 32)) == Unknown);
  CHECK(errorOf(parseUnsigned("", 32)) == Unknown);
  CHECK(errorOf(parseUnsigned("1_", 32)) == Unknown);
}

TEST_CASE("isUnsignedInteger checks the spelling only", "[text]") {
  for (const char *Good :
       {"0", "123", "007", "1_000", "0x1F", "0xa_b", "0x0", "99999999999999999999999999999"}) {
    INFO("'" << Good << "'");
    CHECK(isUnsignedInteger(Good));
  }
  for (const char *Bad : {"", "+1", "-1", "0x", "0x_1", "1_", "_1", "1__0", "1.0", "1e3", "0X1",
                          "a", "0x1g", "inf", "nan", "$x", "0x1_"}) {
    INFO("'" << Bad << "'");
    CHECK_FALSE(isUnsignedInteger(Bad));
  }
}

TEST_CASE("f32 infinities and NaNs", "[text]") {
  CHECK(f32("inf") == 0x7F800000);
  CHECK(f32("+inf") == 0x7F800000);
  CHECK(f32("-inf") == 0xFF800000);
  CHECK(f32("nan") == 0x7FC00000);
  CHECK(f32("+nan") == 0x7FC00000);
  CHECK(f32("-nan") == 0xFFC00000);
  CHECK(f32("nan:0x400000") == 0x7FC00000);
  CHECK(f32("nan:0x200000") == 0x7FA00000);
  CHECK(f32("-nan:0x7fffff") == 0xFFFFFFFF);
  CHECK(f32("nan:0x012345") == 0x7F812345);
  CHECK(f32("+nan:0x304050") == 0x7FB04050);
  CHECK(f32("-nan:0x2abcde") == 0xFFAABCDE);
  CHECK(f32("nan:0x1") == 0x7F800001);
  CHECK(f32("nan:0x7f_ffff") == 0x7FFFFFFF);

  // A zero payload would be infinity; a payload must fit in 23 bits.
  CHECK(f32Error("nan:0x0") == OutOfRange);
  CHECK(f32Error("nan:0x0_0") == OutOfRange);
  CHECK(f32Error("nan:0x80_0000") == OutOfRange);
  CHECK(f32Error("-nan:0x800000") == OutOfRange);
  CHECK(f32Error("nan:0x1_0000_0000_0000_0000") == OutOfRange);
  for (const char *Bad : {"nan:1", "nan:0x", "nan:0x_1", "nan:0x1_", "nan:", "nan:0X1", "nan:0xg",
                          "NaN", "Inf", "infinity", "inf:0x1", "nan0x1", "--inf", "+-nan"}) {
    INFO("'" << Bad << "'");
    CHECK(f32Error(Bad) == Unknown);
  }
}

TEST_CASE("f64 infinities and NaNs", "[text]") {
  CHECK(f64("inf") == 0x7FF0000000000000);
  CHECK(f64("-inf") == 0xFFF0000000000000);
  CHECK(f64("nan") == 0x7FF8000000000000);
  CHECK(f64("-nan") == 0xFFF8000000000000);
  CHECK(f64("nan:0x8000000000000") == 0x7FF8000000000000);
  CHECK(f64("nan:0x4000000000000") == 0x7FF4000000000000);
  CHECK(f64("-nan:0xfffffffffffff") == 0xFFFFFFFFFFFFFFFF);
  CHECK(f64("nan:0x0123456789abc") == 0x7FF0123456789ABC);
  CHECK(f64("+nan:0x3040506070809") == 0x7FF3040506070809);
  CHECK(f64("nan:0xf_ffff_ffff_ffff") == 0x7FFFFFFFFFFFFFFF);
  CHECK(f64("nan:0x1") == 0x7FF0000000000001);
  CHECK(f64Error("nan:0x0") == OutOfRange);
  CHECK(f64Error("nan:0x10_0000_0000_0000") == OutOfRange);
  CHECK(f64Error("nan:0xffff_ffff_ffff_ffff_f") == OutOfRange);
  CHECK(f64Error("nan:1") == Unknown);
}

TEST_CASE("f32 numbers exactly representable", "[text]") {
  CHECK(f32("0x0.0p0") == 0);
  CHECK(f32("+0x0.0p0") == 0);
  CHECK(f32("-0x0.0p0") == 0x80000000);
  CHECK(f32("0.0e0") == 0);
  CHECK(f32("-0.0") == 0x80000000);
  CHECK(f32("-0") == 0x80000000);
  CHECK(f32("-0x0") == 0x80000000);
  CHECK(f32("1") == 0x3F800000);
  CHECK(f32("1.") == 0x3F800000);
  CHECK(f32("0x1.") == 0x3F800000);
  CHECK(f32("0x1") == 0x3F800000);
  CHECK(f32("1E0") == 0x3F800000);
  CHECK(f32("0x1P4") == 0x41800000);
  CHECK(f32("0x1e1") == f32("481")); // `e` is a hex digit.
  CHECK(f32("0x1.921fb6p+2") == 0x40C90FDB);
  CHECK(f32("0x1p-149") == 1);
  CHECK(f32("0x1p-126") == 0x800000);
  CHECK(f32("0x1.fffffep+127") == 0x7F7FFFFF);
  CHECK(f32("0x1.fffffcp-127") == 0x7FFFFF);
  CHECK(f32("0x1.p10") == 0x44800000);
  CHECK(f32("0x12345") == 0x4791A280);
  CHECK(f32("0x1_0000_0000_0000_0000_0000") == 0x67800000);
  CHECK(f32("-0x8000_0000") == 0xCF000000);
  CHECK(f32("-0x8000_0000_0000_0000") == 0xDF000000);
  CHECK(f32("12345") == 0x4640E400);
  CHECK(f32("-2147483648") == 0xCF000000);
  CHECK(f32("-9223372036854775808") == 0xDF000000);
  // 23 zero hex digits after the point: 16^-23 * 2^92 = 1.
  CHECK(f32("0x0.00000000000000000000001p+92") == 0x3F800000);
  // 1 and 30 zero hex digits: 2^120 * 2^-120 = 1.
  CHECK(f32("0x1000000000000000000000000000000p-120") == 0x3F800000);
}

TEST_CASE("f32 decimal numbers round to nearest", "[text]") {
  CHECK(f32("6.28318548202514648") == 0x40C90FDB);
  CHECK(f32("1.4013e-45") == 1);
  CHECK(f32("1.1754944e-38") == 0x800000);
  CHECK(f32("1.1754942e-38") == 0x7FFFFF);
  CHECK(f32("3.4028234e+38") == 0x7F7FFFFF);
  CHECK(f32("1.e10") == 0x501502F9);
  CHECK(f32("1.000000119") == 0x3F800001);
  CHECK(f32("100_000_000_000_000_000_000") == 0x60AD78EC);
  CHECK(f32("0123456789.0123456789e+019") == f32("123456789.0123456789e19"));

  // 1 + 2^-24 = 1.000000059604644775390625 is the tie between 1 and its
  // successor; ties go to the even 1.
  CHECK(f32("1.000000059604644775390625") == 0x3F800000);
  CHECK(f32("1.000000178813934326171875") == 0x3F800002); // 1 + 3 * 2^-24.
  // Just above the tie, but within half an f64 ulp of it: through a double
  // this would round to the tie and then to even, 0x3F800000.
  CHECK(f32("1.00000005960464477550") == 0x3F800001);
  CHECK(f32("1.000000059604644775390626") == 0x3F800001);
  CHECK(f32("1.000000059604644775390624") == 0x3F800000);
  // From const.wast: either side of the tie above 0x1p-50.
  CHECK(f32("+8.8817847263968443573e-16") == 0x26800000);
  CHECK(f32("-8.8817847263968443573e-16") == 0xA6800000);
  CHECK(f32("+8.8817847263968443574e-16") == 0x26800001);
  CHECK(f32("+8.8817857851880284252e-16") == 0x26800001);
  CHECK(f32("+8.8817857851880284253e-16") == 0x26800002);
}

TEST_CASE("f32 hex numbers round to nearest even", "[text]") {
  // 0x1.000002 is one ulp above 1; 0x1.000001 the tie between them.
  CHECK(f32("0x1.000001p0") == 0x3F800000);
  CHECK(f32("0x1.000003p0") == 0x3F800002);
  CHECK(f32("0x1.0000011p0") == 0x3F800001);
  CHECK(f32("0x1.0000009p0") == 0x3F800000);
  // The 1 past 16 significant hex digits still breaks the tie.
  CHECK(f32("0x1.0000010000000001p0") == 0x3F800001);
  CHECK(f32("0x1.00000100000000000000000000000000000001p0") == 0x3F800001);
  // From const.wast, around 0x1p-50 (0x26800000).
  CHECK(f32("+0x1.00000100000000000p-50") == 0x26800000);
  CHECK(f32("-0x1.00000100000000000p-50") == 0xA6800000);
  CHECK(f32("+0x1.00000100000000001p-50") == 0x26800001);
  CHECK(f32("+0x1.000001fffffffffffp-50") == 0x26800001);
  CHECK(f32("+0x1.00000300000000000p-50") == 0x26800002);
  CHECK(f32("+0x1.00000500000000000p-50") == 0x26800002);
  CHECK(f32("+0x1.00000500000000001p-50") == 0x26800003);
  CHECK(f32("+0x4000.004000000p-64") == 0x26800000);
  CHECK(f32("+0x4000.004000001p-64") == 0x26800001);
  CHECK(f32("+0x4000.00c000000p-64") == 0x26800002);
  CHECK(f32("+0x4000.014000001p-64") == 0x26800003);
  // Rounding up carries into the exponent.
  CHECK(f32("0x1.ffffffp0") == 0x40000000);
  CHECK(f32("0x1.fffffe8p0") == 0x3FFFFFFF);
}

TEST_CASE("f32 subnormals round once, to the subnormal grid", "[text]") {
  CHECK(f32("0x1p-150") == 0);               // The tie between 0 and 2^-149: even 0.
  CHECK(f32("-0x1p-150") == 0x80000000);     // Underflow keeps the sign.
  CHECK(f32("0x1.000001p-150") == 1);        // Just above the tie.
  CHECK(f32("0x1.8p-149") == 2);             // 1.5 ulps: even 2.
  CHECK(f32("0x1.4p-148") == 2);             // 2.5 ulps: even 2.
  CHECK(f32("0x1.400001p-148") == 3);        // Just above 2.5 ulps.
  CHECK(f32("0x1.fffffep-127") == 0x800000); // The tie below 2^-126: even.
  CHECK(f32("0x1p-1000") == 0);
  CHECK(f32("+0x0.00000100000000000p-126") == 0);
  CHECK(f32("+0x0.00000100000000001p-126") == 1);
  CHECK(f32("+0x0.000002fffffffffffp-126") == 1);
  CHECK(f32("+0x0.00000300000000000p-126") == 2);
  CHECK(f32("+0x0.00000500000000001p-126") == 3);
  CHECK(f32("-0x0.00000500000000001p-126") == 0x80000003);
  // Decimal: exactly 2^-150, the tie, and just above it.
  CHECK(f32("1e-46") == 0);
  CHECK(f32("-1e-46") == 0x80000000);
  CHECK(f32("7.006492321624085354618647916449580656401e-46") == 0);
  CHECK(f32("7.006492321624085354618647916449580656401309709382578858785341419448955413429303"
            "00743319094181060791015625e-46") == 0);
  CHECK(f32("7.006492321624085354618647916449580656401309709382578858785341419448955413429303"
            "00743319094181060791015625000001e-46") == 1);
}

TEST_CASE("f32 literals beyond the largest finite value", "[text]") {
  CHECK(f32("0x1p127") == 0x7F000000);
  CHECK(f32("-0x1.fffffep127") == 0xFF7FFFFF);
  // Below the tie with 2^128 (0x1.ffffffp127): they round down.
  CHECK(f32("0x1.fffffe7p127") == 0x7F7FFFFF);
  CHECK(f32("0x1.fffffefp127") == 0x7F7FFFFF);
  CHECK(f32("0x1.fffffefffffff8000000p127") == 0x7F7FFFFF);
  CHECK(f32("-0x1.fffffefffffffffffffp127") == 0xFF7FFFFF);
  CHECK(f32("1e38") == 0x7E967699);
  CHECK(f32("340282356779733623858607532500980858880") == 0x7F7FFFFF);

  CHECK(f32Error("0x1.ffffffp127") == OutOfRange);
  CHECK(f32Error("-0x1.ffffffp127") == OutOfRange);
  CHECK(f32Error("0x1p128") == OutOfRange);
  CHECK(f32Error("-0x1p128") == OutOfRange);
  CHECK(f32Error("1e39") == OutOfRange);
  CHECK(f32Error("-1e39") == OutOfRange);
  CHECK(f32Error("340282356779733661637539395458142568448") == OutOfRange);
  CHECK(f32Error("0x1_0000_0000_0000_0000_0000_0000_0000_0000") == OutOfRange);
}

TEST_CASE("float literals with huge exponents or many digits", "[text]") {
  CHECK(f32Error("1e99999999999999999999") == OutOfRange);
  CHECK(f32Error("0x1p99999999999999999999") == OutOfRange);
  CHECK(f64Error("1e99999999999999999999") == OutOfRange);
  CHECK(f64Error("0x1p+99999999999999999999") == OutOfRange);
  CHECK(f32("1e-99999999999999999999") == 0);
  CHECK(f32("-0x1p-99999999999999999999") == 0x80000000);
  CHECK(f64("1e-99999999999999999999") == 0);
  CHECK(f32("0e99999999999999999999") == 0);
  CHECK(f32("0x0p99999999999999999999") == 0);
  CHECK(f64("0x0.000p+99999999999999999999") == 0);
  // Many digits that cancel a huge exponent.
  std::string Digits = "0x1" + std::string(3000, '0') + "p-12000";
  CHECK(f64(Digits) == 0x3FF0000000000000);
  std::string Decimal = "0." + std::string(2000, '0') + "1e2001";
  CHECK(f32(Decimal) == 0x3F800000);
  CHECK(f64(Decimal) == 0x3FF0000000000000);
}

TEST_CASE("f64 numbers", "[text]") {
  CHECK(f64("0x0.0p0") == 0);
  CHECK(f64("-0x0.0p0") == 0x8000000000000000);
  CHECK(f64("-0.0e0") == 0x8000000000000000);
  CHECK(f64("0x1.921fb54442d18p+2") == 0x401921FB54442D18);
  CHECK(f64("0x0.0000000000001p-1022") == 1);
  CHECK(f64("0x1p-1022") == 0x10000000000000);
  CHECK(f64("0x0.fffffffffffffp-1022") == 0xFFFFFFFFFFFFF);
  CHECK(f64("0x1.fffffffffffffp+1023") == 0x7FEFFFFFFFFFFFFF);
  CHECK(f64("0x1.p100") == 0x4630000000000000);
  CHECK(f64("0x12345") == 0x40F2345000000000);
  CHECK(f64("0x1_0000_0000_0000_0000_0000") == 0x44F0000000000000);
  CHECK(f64("-0x8000_0000_0000_0000") == 0xC3E0000000000000);
  CHECK(f64("6.28318530717958623") == 0x401921FB54442D18);
  CHECK(f64("4.94066e-324") == 1);
  CHECK(f64("2.2250738585072012e-308") == 0x10000000000000);
  CHECK(f64("2.2250738585072011e-308") == 0xFFFFFFFFFFFFF);
  CHECK(f64("1.7976931348623157e+308") == 0x7FEFFFFFFFFFFFFF);
  CHECK(f64("1.e100") == 0x54B249AD2594C37D);
  CHECK(f64("1.000000119") == 0x3FF000001FF19E24);
  CHECK(f64("12345") == 0x40C81C8000000000);
  CHECK(f64("100_000_000_000_000_000_000") == 0x4415AF1D78B58C40);
  CHECK(f64("-9223372036854775808") == 0xC3E0000000000000);
  CHECK(f64("4294967249") == 0x41EFFFFFFA200000);
}

TEST_CASE("f64 rounding, subnormals and range", "[text]") {
  // Ties and near-ties above 1 (one ulp is 0x1p-52).
  CHECK(f64("0x1.00000000000008p0") == 0x3FF0000000000000);
  CHECK(f64("0x1.00000000000018p0") == 0x3FF0000000000002);
  CHECK(f64("0x1.000000000000080000000001p0") == 0x3FF0000000000001);
  CHECK(f64("0x1.0000000000000800000000000000000000000000000001p0") == 0x3FF0000000000001);
  // Subnormals, from const.wast.
  CHECK(f64("0x1p-1075") == 0);
  CHECK(f64("0x1.0000000000001p-1075") == 1);
  CHECK(f64("+0x0.000000000000080000000000p-1022") == 0);
  CHECK(f64("-0x0.000000000000080000000000p-1022") == 0x8000000000000000);
  CHECK(f64("+0x0.000000000000080000000001p-1022") == 1);
  CHECK(f64("+0x0.00000000000017ffffffffffp-1022") == 1);
  CHECK(f64("+0x0.000000000000180000000000p-1022") == 2);
  CHECK(f64("+0x0.000000000000280000000000p-1022") == 2);
  CHECK(f64("+0x1.000000000000280000000001p-1022") == 0x10000000000003);
  // Just under the largest finite value's tie with 2^1024.
  CHECK(f64("0x1.fffffffffffff4p1023") == 0x7FEFFFFFFFFFFFFF);
  CHECK(f64("-0x1.fffffffffffff7ffffffp1023") == 0xFFEFFFFFFFFFFFFF);
  CHECK(f64("1e308") == 0x7FE1CCF385EBC8A0);
  CHECK(f64("17976931348623157081452742373170435679807056752584499659891747680315726078002853"
            "87605895586327668781715404589535143824642343213268894641827684675467035375169860"
            "49910576551282076245490090389328944075868508455133942304583236903222948165808559"
            "332123348274797826204144723168738177180919299881250404026184124858368") ==
        0x7FEFFFFFFFFFFFFF);

  CHECK(f64Error("0x1p1024") == OutOfRange);
  CHECK(f64Error("-0x1p1024") == OutOfRange);
  CHECK(f64Error("0x1.fffffffffffff8p1023") == OutOfRange);
  CHECK(f64Error("1e309") == OutOfRange);
  CHECK(f64Error("-1e309") == OutOfRange);
  CHECK(f64Error("26965397022934735622179113559755653519710585128876749489837621520473589117004280"
                 "81408843379491503172573106884302715736963514819903341962741527013200553062754790"
                 "74865864826923114368235135583993416113802762682700913456874855354834422248712838"
                 "998185022412196739306217084753107265771378949821875606039276187287552") ==
        OutOfRange);
}

TEST_CASE("float literals: spelling", "[text]") {
  // Underscores anywhere between digits, in each digit group.
  CHECK(f32("1_000_000") == f32("1000000"));
  CHECK(f32("100_3.141_592") == f32("1003.141592"));
  CHECK(f32("99e+1_3") == f32("99e+13"));
  CHECK(f32("122_000.11_3_54E0_2_3") == f32("122000.11354e23"));
  CHECK(f32("0xa_0f_00_99") == f32("0xa0f0099"));
  CHECK(f32("0xa0_ff.f141_a59a") == f32("0xa0ff.f141a59a"));
  CHECK(f32("0xf0P+1_3") == f32("0xf0P+13"));
  CHECK(f32("0x2a_f00a.1f_3_eep2_3") == f32("0x2af00a.1f3eep23"));
  CHECK(f64("0_1_2_3_4_5_6_7_8_9.0_1_2_3_4_5_6_7_8_9e0_1_9") == f64("0123456789.0123456789e019"));
  CHECK(f64("0x0_1_2_3_4_5_6_7_8_9_A_B_C_D_E_F_a_b_c_d_e_f.0_1_2_3_4_5_6_7_8_9_A_B_C_D_E_F_a_b_"
            "c_d_e_fp0_1_9") == f64("0x0123456789ABCDEFabcdef.0123456789ABCDEFabcdefp019"));

  for (const char *Bad :
       {"",        "+",        "-",        ".0",       ".0e0",     "0e",        "0e+",
        "0.0e",    "0.0e-",    "0x",       "1x",       "0xg",      "0x.",       "0x0.g",
        "0x0p",    "0x0p+",    "0x0p-",    "0x0.0p",   "0x0.0p+",  "0x0.0p-",   "0x0pA",
        "0X1p0",   "1.0.0",    "1e1e1",    "1e1.0",    "1p1",      "0x1e+1",    "++1",
        "-+1",     "1 ",       "1f",       "0x1p0x1",  "_100",     "+_100",     "-_100",
        "99_",     "1__000",   "_1.0",     "1.0_",     "1_.0",     "1._0",      "_1e1",
        "1e1_",    "1_e1",     "1e_1",     "_1.0e1",   "1.0e1_",   "1.0_e1",    "1.0e_1",
        "1.0e+_1", "1.0e_+1",  "_0x100",   "0_x100",   "0x_100",   "0x00_",     "0xff__ffff",
        "0x_1.0",  "0x1.0_",   "0x1_.0",   "0x1._0",   "0x_1p1",   "0x1p1_",    "0x1_p1",
        "0x1p_1",  "0x_1.0p1", "0x1.0p1_", "0x1.0_p1", "0x1.0p_1", "0x1.0p+_1", "0x1.0p_+1"}) {
    INFO("'" << Bad << "'");
    CHECK(f32Error(Bad) == Unknown);
    CHECK(f64Error(Bad) == Unknown);
  }
}

TEST_CASE("parseNumberBits picks the integer or float parser", "[text]") {
  CHECK(valueOf("-1", parseNumberBits("-1", false, 8)) == 0xFF);
  CHECK(valueOf("-1", parseNumberBits("-1", false, 16)) == 0xFFFF);
  CHECK(valueOf("-1", parseNumberBits("-1", false, 32)) == 0xFFFFFFFF);
  CHECK(valueOf("-1", parseNumberBits("-1", false, 64)) == UINT64_MAX);
  CHECK(valueOf("-1", parseNumberBits("-1", true, 32)) == 0xBF800000);
  CHECK(valueOf("-1", parseNumberBits("-1", true, 64)) == 0xBFF0000000000000);
  CHECK(valueOf("-nan", parseNumberBits("-nan", true, 32)) == 0xFFC00000);
  CHECK(errorOf(parseNumberBits("256", false, 8)) == OutOfRange);
  CHECK(errorOf(parseNumberBits("1.5", false, 32)) == Unknown);
  CHECK(errorOf(parseNumberBits("1e39", true, 32)) == OutOfRange);
  CHECK(valueOf("1e39", parseNumberBits("1e39", true, 64)) == f64("1e39"));
}

TEST_CASE("strings decode their escapes", "[text]") {
  CHECK(decoded(R"("")") == "");
  CHECK(decoded(R"("hello, world")") == "hello, world");
  CHECK(decoded(R"("\t\n\r\"\'\\")") == "\t\n\r\"'\\");
  CHECK(decoded(R"("'")") == "'");
  CHECK(decoded(R"("\00\ff\7F\aB\20")") == std::string("\x00\xFF\x7F\xAB ", 5));
  CHECK(decoded(R"("\41B")") == "AB");
  CHECK(decoded(R"("\u{0}")") == std::string(1, '\0'));
  CHECK(decoded(R"("\u{41}\u{42}")") == "AB");
  CHECK(decoded(R"("\u{000000041}")") == "A");
  CHECK(decoded(R"("\u{7f}")") == "\x7F");
  CHECK(decoded(R"("\u{80}")") == "\xC2\x80");
  CHECK(decoded(R"("\u{7FF}")") == "\xDF\xBF");
  CHECK(decoded(R"("\u{800}")") == "\xE0\xA0\x80");
  CHECK(decoded(R"("\u{D7FF}")") == "\xED\x9F\xBF");
  CHECK(decoded(R"("\u{E000}")") == "\xEE\x80\x80");
  CHECK(decoded(R"("\u{f61a}\u{f4a9}")") == "\xEF\x98\x9A\xEF\x92\xA9");
  CHECK(decoded(R"("\u{FFFF}")") == "\xEF\xBF\xBF");
  CHECK(decoded(R"("\u{10000}")") == "\xF0\x90\x80\x80");
  CHECK(decoded(R"("\u{1_F6_00}")") == "\xF0\x9F\x98\x80");
  CHECK(decoded(R"("\u{10FFFF}")") == "\xF4\x8F\xBF\xBF");
  // Raw characters are kept as they are, multi-byte ones too; their UTF-8
  // is checked only where a name needs it (isValidUtf8).
  CHECK(decoded("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(decoded("\"\xFF\"") == "\xFF");
}

TEST_CASE("strings with bad escapes or characters are malformed", "[text]") {
  // Not scalar values, or not `\u{hexnum}`.
  const char *BadUnicode[] = {
      R"("\u{D800}")", R"("\u{DFFF}")", R"("\u{110000}")", R"("\u{FFFFFFFFFFFFFFFFFFFF}")",
      R"("\u{}")",     R"("\u{_41}")",  R"("\u{41_}")",    R"("\u41")",
      R"("\u{41")",    R"("\u{g}")",    R"("\u")"};
  // Escapes the format does not have, or \h with one hex digit.
  const char *BadEscapes[] = {R"("\U{41}")", R"("\x41")", R"("\a")", R"("\0")", R"("\0g")",
                              R"("\g0")",    R"("\v")",   R"("\?")", R"("\ ")", "\"\\\x01\""};
  // Unterminated or misquoted, and control characters left unescaped.
  const char *BadText[] = {R"("abc\")", R"("a"b")", R"(")",     R"(abc)",   R"("abc)",
                           R"(abc")",   "\"a\tb\"", "\"a\nb\"", "\"\x7F\"", "\"\x1F\""};
  for (const auto &List :
       {llvm::ArrayRef(BadUnicode), llvm::ArrayRef(BadEscapes), llvm::ArrayRef(BadText)}) {
    for (const char *Bad : List) {
      INFO("'" << Bad << "'");
      CHECK_THAT(stringError(Bad), Catch::Matchers::StartsWith("malformed string: "));
    }
  }
  CHECK_THAT(stringError(StringRef("\"\0\"", 3)),
             Catch::Matchers::StartsWith("malformed string: "));
  CHECK(stringError(R"("\q")") == "malformed string: unknown escape \\q");
  CHECK(stringError("\"\t\"") == "malformed string: control character 0x09 must be escaped");
  CHECK(stringError(R"("\u{D800}")") ==
        "malformed string: \\u{D800} is not a Unicode scalar value");
  CHECK(stringError(R"("abc\")") == "malformed string: missing closing quote");
}

TEST_CASE("isValidUtf8 accepts only well-formed UTF-8", "[text]") {
  for (StringRef Good :
       {StringRef(""), StringRef("abc"), StringRef("\0", 1), StringRef("\x7F"),
        StringRef("\xC2\x80"), StringRef("\xDF\xBF"), StringRef("\xE0\xA0\x80"),
        StringRef("\xED\x9F\xBF"), StringRef("\xEE\x80\x80"), StringRef("\xEF\xBF\xBF"),
        StringRef("\xF0\x90\x80\x80"), StringRef("\xF4\x8F\xBF\xBF"),
        StringRef("caf\xC3\xA9 \xF0\x9F\x98\x80!")}) {
    INFO("'" << Good.str() << "'");
    CHECK(isValidUtf8(Good));
  }
  // Overlong forms of U+0000, U+007F, U+0000, U+07FF, U+0000 and U+FFFF.
  const char *Overlong[] = {"\xC0\x80",     "\xC1\xBF",         "\xE0\x80\x80",
                            "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF"};
  // U+D800, U+DFFF, U+110000, and leads that only start code points above
  // U+10FFFF or longer sequences.
  const char *NotScalar[] = {"\xED\xA0\x80",
                             "\xED\xBF\xBF",
                             "\xF4\x90\x80\x80",
                             "\xF5\x80\x80\x80",
                             "\xF7\xBF\xBF\xBF",
                             "\xF8\x88\x80\x80\x80",
                             "\xFE",
                             "\xFF"};
  // Truncated, stray or missing continuation bytes.
  const char *Broken[] = {"\xC2",  "\xE0\xA0", "\xF0\x90\x80",     "abc\xC2",     "\x80",
                          "a\xBF", "\xC2\x41", "\xF0\x90\x80\x7F", "\xE0\xA0\xC0"};
  for (const auto &List :
       {llvm::ArrayRef(Overlong), llvm::ArrayRef(NotScalar), llvm::ArrayRef(Broken)}) {
    for (StringRef Bad : List) {
      INFO("bytes of length " << Bad.size() << ", first " << int(uint8_t(Bad[0])));
      CHECK_FALSE(isValidUtf8(Bad));
    }
  }
}
