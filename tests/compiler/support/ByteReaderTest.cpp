//===- tests/compiler/support/ByteReaderTest.cpp ---------------------------===//
//
// LEB128 and name decoding as the binary format specifies them (section
// 5.2.2: an N-bit integer takes at most ceil(N/7) bytes, and the unused bits
// of the last byte must be zero, or for signed integers a sign extension).
//
//===----------------------------------------------------------------------===//
#include "../TestHelpers.h"

#include "support/ByteReader.h"

#include <limits>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Reads one value with Read from Bytes; checks that all of Bytes was used.
template <typename Fn> auto readAll(const Bytes &B, Fn Read) {
  ByteReader R(B);
  auto V = Read(R);
  if (!V) {
    FAIL("read failed: " << consumeToString("", V.takeError()));
  }
  CHECK(R.atEnd());
  return *V;
}

template <typename Fn> ErrorFields readError(const Bytes &B, Fn Read, uint64_t Base = 0) {
  ByteReader R(B, Base);
  return takeError(Read(R));
}

auto U32 = [](ByteReader &R) { return R.readVarU32(); };
auto U64 = [](ByteReader &R) { return R.readVarU64(); };
auto S32 = [](ByteReader &R) { return R.readVarS32(); };
auto S33 = [](ByteReader &R) { return R.readVarS33(); };
auto S64 = [](ByteReader &R) { return R.readVarS64(); };
auto Name = [](ByteReader &R) { return R.readName(); };

} // namespace

TEST_CASE("u32 LEB128 values", "[support][leb]") {
  CHECK(readAll({0x00}, U32) == 0u);
  CHECK(readAll({0x7F}, U32) == 127u);
  CHECK(readAll({0x80, 0x01}, U32) == 128u);
  CHECK(readAll({0xE5, 0x8E, 0x26}, U32) == 624485u);
  CHECK(readAll({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, U32) == UINT32_MAX);
  // Overlong encodings are allowed as long as they stay within 5 bytes.
  CHECK(readAll({0x80, 0x00}, U32) == 0u);
  CHECK(readAll({0x80, 0x80, 0x80, 0x80, 0x00}, U32) == 0u);
  CHECK(readAll({0x83, 0x80, 0x80, 0x80, 0x00}, U32) == 3u);
}

TEST_CASE("u32 LEB128 longer than 5 bytes is malformed", "[support][leb]") {
  CHECK_WASM_ERROR(readError({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, U32), ErrorKind::Malformed,
                   "integer representation too long", 0);
  CHECK_WASM_ERROR(readError({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, U32), ErrorKind::Malformed,
                   "integer representation too long", 0);
}

TEST_CASE("u32 LEB128 with unused bits set in the 5th byte is too large", "[support][leb]") {
  for (uint8_t Last : {0x10, 0x1F, 0x70, 0x4F, 0x7F}) {
    INFO("last byte 0x" << std::hex << unsigned(Last));
    CHECK_WASM_ERROR(readError({0xFF, 0xFF, 0xFF, 0xFF, Last}, U32), ErrorKind::Malformed,
                     "integer too large", 0);
  }
}

TEST_CASE("u64 LEB128 takes at most 10 bytes, the last holding one bit", "[support][leb]") {
  Bytes Max(9, 0xFF);
  Max.push_back(0x01);
  CHECK(readAll(Max, U64) == std::numeric_limits<uint64_t>::max());
  Bytes TooLarge(9, 0xFF);
  TooLarge.push_back(0x02);
  CHECK_WASM_ERROR(readError(TooLarge, U64), ErrorKind::Malformed, "integer too large", 0);
  Bytes TooLong(10, 0x80);
  TooLong.push_back(0x00);
  CHECK_WASM_ERROR(readError(TooLong, U64), ErrorKind::Malformed, "integer representation too long",
                   0);
}

TEST_CASE("s32 LEB128 values", "[support][leb]") {
  CHECK(readAll({0x00}, S32) == 0);
  CHECK(readAll({0x3F}, S32) == 63);
  CHECK(readAll({0x40}, S32) == -64);
  CHECK(readAll({0x7F}, S32) == -1);
  CHECK(readAll({0x80, 0x7F}, S32) == -128);
  CHECK(readAll({0xC0, 0xBB, 0x78}, S32) == -123456);
  CHECK(readAll({0xFF, 0xFF, 0xFF, 0xFF, 0x07}, S32) == INT32_MAX);
  CHECK(readAll({0x80, 0x80, 0x80, 0x80, 0x78}, S32) == INT32_MIN);
  // Overlong but in range: padding with 0x80 / 0xFF then a sign-extension byte.
  CHECK(readAll({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, S32) == -1);
  CHECK(readAll({0x80, 0x80, 0x80, 0x80, 0x00}, S32) == 0);
  CHECK(readAll({0xFF, 0x7F}, S32) == -1);
}

TEST_CASE("s32 LEB128: the 5th byte's high bits must extend the sign", "[support][leb]") {
  // Bits 3..6 of the 5th byte hold bit 31 and its extension: 0000 or 1111.
  for (uint8_t Last : {0x08, 0x0F, 0x10, 0x1F, 0x70, 0x77, 0x40}) {
    INFO("last byte 0x" << std::hex << unsigned(Last));
    CHECK_WASM_ERROR(readError({0x80, 0x80, 0x80, 0x80, Last}, S32), ErrorKind::Malformed,
                     "integer too large", 0);
  }
  for (uint8_t Last : {0x00, 0x07, 0x78, 0x7F}) {
    INFO("last byte 0x" << std::hex << unsigned(Last));
    CHECK(readAll({0x80, 0x80, 0x80, 0x80, Last}, S32) == int32_t(uint32_t(Last) << 28));
  }
  CHECK_WASM_ERROR(readError({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, S32), ErrorKind::Malformed,
                   "integer representation too long", 0);
}

TEST_CASE("s33 LEB128 for block type indices", "[support][leb]") {
  CHECK(readAll({0x40}, S33) == -64); // the empty block type's byte
  CHECK(readAll({0x00}, S33) == 0);
  CHECK(readAll({0x80, 0x01}, S33) == 128);
  CHECK(readAll({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, S33) == int64_t(UINT32_MAX));
  CHECK(readAll({0x80, 0x80, 0x80, 0x80, 0x70}, S33) == -(int64_t(1) << 32));
  // Bits 4..6 of the 5th byte must all equal bit 32.
  for (uint8_t Last : {0x10, 0x1F, 0x20, 0x60, 0x6F}) {
    INFO("last byte 0x" << std::hex << unsigned(Last));
    CHECK_WASM_ERROR(readError({0xFF, 0xFF, 0xFF, 0xFF, Last}, S33), ErrorKind::Malformed,
                     "integer too large", 0);
  }
}

TEST_CASE("s64 LEB128 takes at most 10 bytes", "[support][leb]") {
  auto TenBytes = [](uint8_t Fill, uint8_t Last) {
    Bytes B(9, Fill);
    B.push_back(Last);
    return B;
  };
  CHECK(readAll(TenBytes(0xFF, 0x7F), S64) == -1);
  CHECK(readAll(TenBytes(0x80, 0x00), S64) == 0);
  CHECK(readAll(TenBytes(0xFF, 0x00), S64) == std::numeric_limits<int64_t>::max());
  CHECK(readAll(TenBytes(0x80, 0x7F), S64) == std::numeric_limits<int64_t>::min());
  // Only bit 0 of the 10th byte is used; the rest must repeat it.
  for (uint8_t Last : {0x01, 0x7E, 0x02, 0x40}) {
    INFO("last byte 0x" << std::hex << unsigned(Last));
    CHECK_WASM_ERROR(readError(TenBytes(0x80, Last), S64), ErrorKind::Malformed,
                     "integer too large", 0);
  }
  Bytes TooLong(10, 0x80);
  TooLong.push_back(0x00);
  CHECK_WASM_ERROR(readError(TooLong, S64), ErrorKind::Malformed, "integer representation too long",
                   0);
}

TEST_CASE("truncated LEB128 is an unexpected end", "[support][leb]") {
  CHECK_WASM_ERROR(readError({}, U32), ErrorKind::Malformed, "unexpected end", 0);
  CHECK_WASM_ERROR(readError({0x80}, U32), ErrorKind::Malformed, "unexpected end", 1);
  CHECK_WASM_ERROR(readError({0xFF, 0xFF, 0xFF}, S32), ErrorKind::Malformed, "unexpected end", 3);
  CHECK_WASM_ERROR(readError({0x80, 0x80}, S64), ErrorKind::Malformed, "unexpected end", 2);
}

TEST_CASE("errors carry absolute offsets", "[support]") {
  // A reader over bytes that start at offset 0x100 of the module.
  CHECK_WASM_ERROR(readError(
                       {0x01, 0x80, 0x80, 0x80, 0x80, 0x10},
                       [](ByteReader &R) {
                         CHECK(valueOf(R.readByte()) == 1);
                         return R.readVarU32();
                       },
                       0x100),
                   ErrorKind::Malformed, "integer too large", 0x101);
  CHECK_WASM_ERROR(readError({0x80, 0x80}, U32, 0x100), ErrorKind::Malformed, "unexpected end",
                   0x102);

  Bytes B{0x01, 0x02, 0x03, 0x04, 0x05};
  ByteReader R(B, 40);
  CHECK(R.offset() == 40);
  CHECK(valueOf(R.readByte()) == 1);
  auto Sub = R.subReader(3);
  REQUIRE(static_cast<bool>(Sub));
  CHECK(R.offset() == 44); // the outer reader skipped the sub-range
  CHECK(Sub->offset() == 41);
  CHECK(Sub->remaining() == 3);
  CHECK_WASM_ERROR(takeError(Sub->readFixedU32()), ErrorKind::Malformed, "unexpected end", 41 + 3);
  CHECK_WASM_ERROR(takeError(R.subReader(2)), ErrorKind::Malformed, "unexpected end", 44);
}

TEST_CASE("fixed-width reads are little-endian and checked", "[support]") {
  Bytes B{0x01, 0x02, 0x03, 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  ByteReader R(B);
  CHECK(valueOf(R.readFixedU32()) == 0x04030201u);
  CHECK(valueOf(R.readFixedU64()) == 0x8877665544332211ull);
  CHECK(R.atEnd());
  CHECK_WASM_ERROR(takeError(R.readByte()), ErrorKind::Malformed, "unexpected end", 12);

  Bytes ThreeBytes = {0x01, 0x02, 0x03};
  ByteReader Short(ThreeBytes);
  CHECK_WASM_ERROR(takeError(Short.readFixedU32()), ErrorKind::Malformed, "unexpected end", 3);
  Bytes SevenBytes = {1, 2, 3, 4, 5, 6, 7};
  ByteReader Seven(SevenBytes);
  CHECK_WASM_ERROR(takeError(Seven.readFixedU64()), ErrorKind::Malformed, "unexpected end", 7);

  ByteReader Few(ThreeBytes);
  CHECK_WASM_ERROR(takeError(Few.readBytes(4)), ErrorKind::Malformed, "unexpected end", 0);
  auto Three = Few.readBytes(3);
  REQUIRE(static_cast<bool>(Three));
  CHECK(Three->size() == 3);
  CHECK((*Three)[2] == 3);
}

TEST_CASE("names are length-prefixed UTF-8", "[support][utf8]") {
  CHECK(readAll({0x00}, Name).empty());
  CHECK(readAll({0x03, 'a', 'b', 'c'}, Name) == "abc");
  CHECK(readAll({0x03, 0xE2, 0x82, 0xAC}, Name) == "\xE2\x82\xAC"); // U+20AC
  CHECK(readAll({0x04, 0xF0, 0x9F, 0x98, 0x80}, Name) == "\xF0\x9F\x98\x80");
  CHECK(readAll({0x04, 0xF4, 0x8F, 0xBF, 0xBF}, Name) == "\xF4\x8F\xBF\xBF"); // U+10FFFF
  CHECK(readAll({0x02, 0xC2, 0x80}, Name) == "\xC2\x80");                     // U+0080
  CHECK(readAll({0x03, 0xEF, 0xBF, 0xBF}, Name) == "\xEF\xBF\xBF");           // U+FFFF
  CHECK(readAll({0x03, 0xEE, 0x80, 0x80}, Name) == "\xEE\x80\x80");           // U+E000
  CHECK(readAll({0x01, 0x00}, Name) == std::string(1, '\0'));
}

TEST_CASE("names with invalid UTF-8 are malformed", "[support][utf8]") {
  const std::vector<std::pair<const char *, Bytes>> Cases = {
      {"overlong NUL", {0xC0, 0x80}},
      {"overlong 2-byte", {0xC1, 0xBF}},
      {"overlong 3-byte", {0xE0, 0x80, 0x80}},
      {"overlong 3-byte U+07FF", {0xE0, 0x9F, 0xBF}},
      {"overlong 4-byte", {0xF0, 0x80, 0x80, 0x80}},
      {"overlong 4-byte U+FFFF", {0xF0, 0x8F, 0xBF, 0xBF}},
      {"surrogate U+D800", {0xED, 0xA0, 0x80}},
      {"surrogate U+DFFF", {0xED, 0xBF, 0xBF}},
      {"U+110000", {0xF4, 0x90, 0x80, 0x80}},
      {"lead byte 0xF5", {0xF5, 0x80, 0x80, 0x80}},
      {"5-byte form", {0xF8, 0x88, 0x80, 0x80, 0x80}},
      {"lead byte 0xFF", {0xFF}},
      {"lone continuation", {0x80}},
      {"truncated 2-byte", {0xC2}},
      {"truncated 3-byte", {0xE2, 0x82}},
      {"truncated 4-byte", {0xF0, 0x9F, 0x98}},
      {"bad continuation", {0xC2, 0x41}},
      {"ASCII then truncated", {'a', 'b', 0xE2}},
  };
  for (const auto &[What, Utf8] : Cases) {
    INFO(What);
    CHECK_FALSE(isValidUtf8(Utf8));
    // Prefix a byte so that the offset of the name's bytes is not trivially 1.
    Bytes B = cat({{0xAA}, uleb(Utf8.size()), Utf8});
    CHECK_WASM_ERROR(readError(
                         B,
                         [](ByteReader &R) {
                           CHECK(valueOf(R.readByte()) == 0xAA);
                           return R.readName();
                         },
                         0x20),
                     ErrorKind::Malformed, "malformed UTF-8 encoding", 0x22);
  }
}

TEST_CASE("a name longer than the input is rejected", "[support][utf8]") {
  auto E = readError({0x05, 'a', 'b'}, Name);
  CHECK_WASM_ERROR(E, ErrorKind::Malformed, "length out of bounds", 1);
}

TEST_CASE("vector lengths that cannot fit are rejected before allocating", "[support]") {
  Bytes Vec = {0x03, 1, 2, 3};
  ByteReader Fits(Vec);
  CHECK(valueOf(Fits.readVecLength()) == 3u);
  CHECK(Fits.offset() == 1); // only the length was consumed

  CHECK_WASM_ERROR(takeError(ByteReader(Bytes{0x04, 1, 2, 3}).readVecLength()),
                   ErrorKind::Malformed, "length out of bounds", 0);
  // Two entries of at least 2 bytes each need 4 bytes.
  CHECK_WASM_ERROR(takeError(ByteReader(Bytes{0x02, 1, 2, 3}, 7).readVecLength(2)),
                   ErrorKind::Malformed, "length out of bounds", 7);
  CHECK(valueOf(ByteReader(Bytes{0x02, 1, 2, 3, 4}).readVecLength(2)) == 2u);
  // A length claiming 4 billion entries.
  CHECK_WASM_ERROR(takeError(ByteReader(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0}).readVecLength()),
                   ErrorKind::Malformed, "length out of bounds", 0);
  // Zero entries always fit, even with nothing left.
  CHECK(valueOf(ByteReader(Bytes{0x00}).readVecLength(16)) == 0u);
  // The length itself must be a well-formed u32.
  CHECK_WASM_ERROR(takeError(ByteReader(Bytes{0x80, 0x80, 0x80, 0x80, 0x10}).readVecLength()),
                   ErrorKind::Malformed, "integer too large", 0);
}
