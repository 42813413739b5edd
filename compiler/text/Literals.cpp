//===- text/Literals.cpp - Numbers and strings of the text format ---------===//
//
// Spelling is checked here, digit group by digit group, so that every `_`
// rule of the grammar holds; values are then computed from the digits with
// the `_` removed. Decimal floats go to the C library: glibc's strtof and
// strtod round correctly straight to their own width, also for long digit
// strings and huge exponents. Hex floats are rounded here, exactly: glibc
// 2.36's strtof loses the bits beyond the rounding bit of hex subnormals
// ("0x1.000001p-150" gives 0, not the nearest 0x1p-149).
//
//===----------------------------------------------------------------------===//
#include "text/Literals.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <locale.h>
#include <optional>
#include <stdlib.h>

using namespace wasmaot;
using llvm::StringRef;

namespace {

llvm::Error error(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Error unknownOperator() { return error("unknown operator"); }
llvm::Error outOfRange() { return error("constant out of range"); }

bool isDigitOf(char C, unsigned Base) {
  return Base == 16 ? llvm::isHexDigit(C) : llvm::isDigit(C);
}

/// Splits off the front of S its digit group of Base: digits with single
/// `_` between them. None if S does not start with a digit, or if a `_` is
/// not followed by a digit (trailing, doubled, or before `.`, `e` or `p`):
/// no token of the grammar goes on after such a `_`.
std::optional<StringRef> takeDigits(StringRef &S, unsigned Base) {
  if (S.empty() || !isDigitOf(S[0], Base))
    return std::nullopt;
  size_t I = 1;
  while (I < S.size()) {
    if (isDigitOf(S[I], Base)) {
      ++I;
      continue;
    }
    if (S[I] != '_')
      break;
    if (I + 1 == S.size() || !isDigitOf(S[I + 1], Base))
      return std::nullopt;
    I += 2;
  }
  StringRef Group = S.take_front(I);
  S = S.drop_front(I);
  return Group;
}

/// The value of a digit group, or none if it does not fit in 64 bits.
std::optional<uint64_t> valueOf(StringRef Group, unsigned Base) {
  uint64_t Value = 0;
  for (char C : Group) {
    if (C == '_')
      continue;
    uint64_t Digit = llvm::hexDigitValue(C);
    if (Value > (UINT64_MAX - Digit) / Base)
      return std::nullopt;
    Value = Value * Base + Digit;
  }
  return Value;
}

std::string withoutUnderscores(StringRef Group) {
  std::string Digits = Group.str();
  llvm::erase_value(Digits, '_');
  return Digits;
}

/// The digits of an unsigned integer (`num` or `0x hexnum`, all of Text).
std::optional<StringRef> integerDigits(StringRef Text, unsigned &Base) {
  Base = Text.consume_front("0x") ? 16 : 10;
  std::optional<StringRef> Digits = takeDigits(Text, Base);
  if (!Digits || !Text.empty())
    return std::nullopt;
  return Digits;
}

llvm::Expected<uint64_t> parseAnyInteger(StringRef Text, unsigned Bits, bool AllowSign) {
  assert(Bits >= 1 && Bits <= 64 && "no such integer type");
  bool Negative = false;
  if (AllowSign) {
    Negative = Text.consume_front("-");
    if (!Negative)
      Text.consume_front("+");
  }
  unsigned Base;
  std::optional<StringRef> Digits = integerDigits(Text, Base);
  if (!Digits)
    return unknownOperator();
  std::optional<uint64_t> Magnitude = valueOf(*Digits, Base);
  uint64_t Max = Bits == 64 ? UINT64_MAX : (uint64_t(1) << Bits) - 1;
  // `+N` has the range of an unsigned N, as in the reference interpreter;
  // only `-` restricts to the signed range.
  uint64_t Limit = Negative ? uint64_t(1) << (Bits - 1) : Max;
  if (!Magnitude || *Magnitude > Limit)
    return outOfRange();
  return (Negative ? 0 - *Magnitude : *Magnitude) & Max;
}

/// An IEEE 754 binary format: Precision counts the implicit leading bit.
struct FloatFormat {
  unsigned Width;
  unsigned Precision;
  int MinExponent;
  int MaxExponent;
};
constexpr FloatFormat F32{32, 24, -126, 127};
constexpr FloatFormat F64{64, 53, -1022, 1023};

/// Exponents are saturated here: with any beyond it the value is zero or
/// overflows whatever the digits, as long as there are fewer than 2^37.
constexpr int64_t ExponentLimit = int64_t(1) << 40;

/// Rounds 0x Digits p Exponent, with the binary point FractionLength digits
/// from the end of Digits (no `_`), to nearest-even in Format; none if that
/// overflows. Only the first 16 significant digits are kept as such: later
/// ones can only break a tie, as a sticky bit.
std::optional<uint64_t> roundHex(StringRef Digits, size_t FractionLength, int64_t Exponent,
                                 const FloatFormat &Format) {
  size_t First = Digits.find_first_not_of('0');
  if (First == StringRef::npos)
    return 0;
  size_t Kept = std::min<size_t>(Digits.size() - First, 16);
  uint64_t Mantissa = 0;
  for (size_t I = First; I < First + Kept; ++I)
    Mantissa = Mantissa << 4 | llvm::hexDigitValue(Digits[I]);
  bool Sticky = Digits.find_first_not_of('0', First + Kept) != StringRef::npos;
  size_t Dropped = Digits.size() - First - Kept;
  // The value is (Mantissa + a sticky part below 1) * 2^Scale.
  int64_t Scale = Exponent + 4 * int64_t(Dropped) - 4 * int64_t(FractionLength);
  int64_t Top = 63 - std::countl_zero(Mantissa) + Scale;
  int64_t P = Format.Precision;
  // The weight of the result's last bit: subnormals keep fewer bits.
  int64_t Quantum = std::max<int64_t>(Top, Format.MinExponent) - (P - 1);
  int64_t Shift = Quantum - Scale;
  uint64_t Significand;
  if (Shift <= 0) {
    Significand = Mantissa << -Shift;
  } else {
    Significand = Shift >= 64 ? 0 : Mantissa >> Shift;
    bool Half = Shift <= 64 && (Mantissa >> (Shift - 1) & 1);
    uint64_t Below = Shift > 64 ? Mantissa : Mantissa & ((uint64_t(1) << (Shift - 1)) - 1);
    Sticky |= Below != 0;
    if (Half && (Sticky || (Significand & 1)))
      ++Significand;
  }
  if (Significand >> P) { // Rounding carried into a new leading bit.
    Significand >>= 1;
    ++Quantum;
  }
  if (!(Significand >> (P - 1)))
    return Significand; // Subnormal or zero: biased exponent 0.
  int64_t Biased = Quantum + (P - 1) + Format.MaxExponent;
  if (Biased > 2 * Format.MaxExponent)
    return std::nullopt;
  return uint64_t(Biased) << (P - 1) | (Significand & ((uint64_t(1) << (P - 1)) - 1));
}

/// strtof_l and strtod_l with the C locale read `.` as the decimal point
/// even if the program (or a library in it) calls setlocale.
locale_t cLocale() {
  static locale_t Locale = newlocale(LC_ALL_MASK, "C", locale_t(0));
  assert(Locale && "the C locale always exists");
  return Locale;
}

/// Rounds a decimal literal spelled for strtod to Format; none if it
/// overflows. Underflow is no error (strtod's ERANGE says either).
std::optional<uint64_t> roundDecimal(const std::string &Number, const FloatFormat &Format) {
  if (Format.Width == 32) {
    float Value = strtof_l(Number.c_str(), nullptr, cLocale());
    if (std::isinf(Value))
      return std::nullopt;
    return std::bit_cast<uint32_t>(Value);
  }
  double Value = strtod_l(Number.c_str(), nullptr, cLocale());
  if (std::isinf(Value))
    return std::nullopt;
  return std::bit_cast<uint64_t>(Value);
}

/// The bits of a finite number literal (Text without its sign), or an error.
llvm::Expected<uint64_t> parseNumber(StringRef Text, const FloatFormat &Format) {
  bool Hex = Text.consume_front("0x");
  unsigned Base = Hex ? 16 : 10;
  std::optional<StringRef> Whole = takeDigits(Text, Base);
  if (!Whole)
    return unknownOperator();
  std::optional<StringRef> Fraction = StringRef();
  // The fraction may be empty ("1." and "0x1." are numbers).
  if (Text.consume_front(".") && !Text.empty() && isDigitOf(Text[0], Base))
    Fraction = takeDigits(Text, Base);
  std::optional<StringRef> Exponent = StringRef("0");
  bool NegativeExponent = false;
  if (Text.consume_front(Hex ? "p" : "e") || Text.consume_front(Hex ? "P" : "E")) {
    NegativeExponent = Text.consume_front("-");
    if (!NegativeExponent)
      Text.consume_front("+");
    Exponent = takeDigits(Text, 10);
  }
  if (!Fraction || !Exponent || !Text.empty())
    return unknownOperator();

  std::string WholeDigits = withoutUnderscores(*Whole);
  std::string FractionDigits = withoutUnderscores(*Fraction);
  std::string ExponentDigits = withoutUnderscores(*Exponent);
  std::optional<uint64_t> Bits;
  if (Hex) {
    int64_t Value = 0;
    for (char C : ExponentDigits)
      Value = std::min(Value * 10 + (C - '0'), ExponentLimit);
    Bits = roundHex(WholeDigits + FractionDigits, FractionDigits.size(),
                    NegativeExponent ? -Value : Value, Format);
  } else {
    Bits = roundDecimal(WholeDigits + "." + FractionDigits + (NegativeExponent ? "e-" : "e") +
                            ExponentDigits,
                        Format);
  }
  if (!Bits)
    return outOfRange();
  return *Bits;
}

llvm::Expected<uint64_t> parseFloat(StringRef Text, const FloatFormat &Format) {
  bool Negative = Text.consume_front("-");
  if (!Negative)
    Text.consume_front("+");
  unsigned FractionBits = Format.Precision - 1;
  uint64_t Infinity = uint64_t(2 * Format.MaxExponent + 1) << FractionBits;
  uint64_t Magnitude;
  if (Text == "inf") {
    Magnitude = Infinity;
  } else if (Text == "nan") {
    // The canonical NaN: only the top bit of the payload set.
    Magnitude = Infinity | uint64_t(1) << (FractionBits - 1);
  } else if (Text.consume_front("nan:0x")) {
    std::optional<StringRef> Digits = takeDigits(Text, 16);
    if (!Digits || !Text.empty())
      return unknownOperator();
    std::optional<uint64_t> Payload = valueOf(*Digits, 16);
    // A zero payload would spell infinity.
    if (!Payload || *Payload == 0 || *Payload >> FractionBits)
      return outOfRange();
    Magnitude = Infinity | *Payload;
  } else {
    llvm::Expected<uint64_t> Bits = parseNumber(Text, Format);
    if (!Bits)
      return Bits.takeError();
    Magnitude = *Bits;
  }
  // Rounding to nearest is symmetric, so the sign is only the top bit.
  return Magnitude | (Negative ? uint64_t(1) << (Format.Width - 1) : 0);
}

/// Reads the two hex digits of an escape \hh from the front of S.
std::optional<uint8_t> takeHexByte(StringRef &S, char First) {
  if (!llvm::isHexDigit(First) || S.empty() || !llvm::isHexDigit(S[0]))
    return std::nullopt;
  uint8_t Byte = llvm::hexDigitValue(First) << 4 | llvm::hexDigitValue(S[0]);
  S = S.drop_front();
  return Byte;
}

/// How a byte reads in a message: itself if printable ASCII, else its code.
std::string describe(char C) {
  if (C > ' ' && C < 0x7F)
    return std::string(1, C);
  return "0x" + llvm::utohexstr(uint8_t(C), /*LowerCase=*/false, /*Width=*/2);
}

llvm::Error malformed(const llvm::Twine &What) { return error("malformed string: " + What); }

} // namespace

llvm::Expected<uint64_t> text::parseInteger(StringRef Text, unsigned Bits) {
  return parseAnyInteger(Text, Bits, /*AllowSign=*/true);
}

llvm::Expected<uint64_t> text::parseUnsigned(StringRef Text, unsigned Bits) {
  return parseAnyInteger(Text, Bits, /*AllowSign=*/false);
}

bool text::isUnsignedInteger(StringRef Text) {
  unsigned Base;
  return integerDigits(Text, Base).has_value();
}

llvm::Expected<uint32_t> text::parseF32(StringRef Text) {
  llvm::Expected<uint64_t> Bits = parseFloat(Text, F32);
  if (!Bits)
    return Bits.takeError();
  return uint32_t(*Bits);
}

llvm::Expected<uint64_t> text::parseF64(StringRef Text) { return parseFloat(Text, F64); }

llvm::Expected<uint64_t> text::parseNumberBits(StringRef Text, bool Float, unsigned Bits) {
  if (!Float)
    return parseAnyInteger(Text, Bits, /*AllowSign=*/true);
  assert((Bits == 32 || Bits == 64) && "no such float type");
  return parseFloat(Text, Bits == 32 ? F32 : F64);
}

llvm::Expected<std::string> text::decodeString(StringRef Quoted) {
  if (Quoted.size() < 2 || !Quoted.starts_with("\"") || !Quoted.ends_with("\""))
    return malformed("not enclosed in double quotes");
  StringRef S = Quoted.drop_front().drop_back();
  std::string Out;
  Out.reserve(S.size());
  while (!S.empty()) {
    char C = S.front();
    S = S.drop_front();
    if (uint8_t(C) < 0x20 || C == 0x7F)
      return malformed("control character " + describe(C) + " must be escaped");
    if (C == '"')
      return malformed("unescaped \" inside the string");
    if (C != '\\') {
      Out += C;
      continue;
    }
    // A `\` just before the closing quote escapes it: the string never ends.
    if (S.empty())
      return malformed("missing closing quote");
    char Escape = S.front();
    S = S.drop_front();
    switch (Escape) {
    case 't':
      Out += '\t';
      continue;
    case 'n':
      Out += '\n';
      continue;
    case 'r':
      Out += '\r';
      continue;
    case '"':
    case '\'':
    case '\\':
      Out += Escape;
      continue;
    case 'u': {
      std::optional<StringRef> Digits;
      if (S.consume_front("{"))
        Digits = takeDigits(S, 16);
      if (!Digits || !S.consume_front("}"))
        return malformed("\\u needs {hex digits}");
      std::optional<uint64_t> CodePoint = valueOf(*Digits, 16);
      if (!CodePoint || (*CodePoint >= 0xD800 && *CodePoint < 0xE000) || *CodePoint > 0x10FFFF)
        return malformed("\\u{" + *Digits + "} is not a Unicode scalar value");
      char Utf8[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
      char *End = Utf8;
      llvm::ConvertCodePointToUTF8(unsigned(*CodePoint), End);
      Out.append(Utf8, End);
      continue;
    }
    default:
      if (std::optional<uint8_t> Byte = takeHexByte(S, Escape)) {
        Out += char(*Byte);
        continue;
      }
      return malformed("unknown escape \\" + describe(Escape));
    }
  }
  return Out;
}

// LLVM's check follows Unicode's table of well-formed byte sequences, which
// is the UTF-8 of the WebAssembly spec: no overlong forms, no surrogates,
// nothing above U+10FFFF, no truncated sequence or stray continuation byte.
bool text::isValidUtf8(StringRef Bytes) {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Bytes.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Bytes.end());
  return llvm::isLegalUTF8String(&Begin, End);
}
