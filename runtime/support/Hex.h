//===- support/Hex.h - Bytes as lower-case hex digits ----------------------===//
//
// How bytes travel as words of text between wasmaot's programs: the `wasmaot`
// command and the compiler program (an executable's configuration), the spec
// runner and its agent (names, values).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace wasmaot::runtime {

inline std::string toHex(std::span<const uint8_t> Bytes) {
  constexpr char Digits[] = "0123456789abcdef";
  std::string Hex;
  Hex.reserve(2 * Bytes.size());
  for (uint8_t B : Bytes) {
    Hex += Digits[B >> 4];
    Hex += Digits[B & 15];
  }
  return Hex;
}

/// Decodes Hex into Out, which holds Hex.size() / 2 bytes; false if Hex is
/// not an even number of lower-case hex digits.
inline bool fromHex(std::string_view Hex, uint8_t *Out) {
  auto Value = [](char C) {
    return C >= '0' && C <= '9' ? C - '0' : C >= 'a' && C <= 'f' ? C - 'a' + 10 : -1;
  };
  if (Hex.size() % 2)
    return false;
  for (size_t K = 0; K < Hex.size(); K += 2) {
    int High = Value(Hex[K]), Low = Value(Hex[K + 1]);
    if (High < 0 || Low < 0)
      return false;
    Out[K / 2] = uint8_t(High << 4 | Low);
  }
  return true;
}

} // namespace wasmaot::runtime
