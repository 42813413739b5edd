//===- text/Literals.h - Numbers and strings of the text format ------------===//
//
// The values of number and string tokens, exactly as the WebAssembly text
// format defines them: integers with optional sign, hex and `_` separators;
// floats in decimal or hex (rounded to nearest-even directly to the target
// width, never through a wider type), `inf`, `nan` and `nan:0x...`; strings
// with their escapes. Errors are plain messages in the reference
// interpreter's wording; the parser adds the token's line:column.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace wasmaot::text {

/// An integer of Bits bits (8, 16, 32 or 64) given with or without a sign:
/// unsigned values up to 2^Bits-1, signed ones down to -2^(Bits-1). Returns
/// the two's-complement bits, zero-extended. Errors: "constant out of
/// range", "unknown operator" when the text is not an integer at all.
llvm::Expected<uint64_t> parseInteger(llvm::StringRef Text, unsigned Bits);

/// An unsigned integer without sign (indices, offsets, alignments, limits)
/// of at most Bits bits. Errors as parseInteger.
llvm::Expected<uint64_t> parseUnsigned(llvm::StringRef Text, unsigned Bits);

/// Whether Text is spelled as an unsigned integer (digits or 0x hex digits,
/// single `_` between digits), whatever its value.
bool isUnsignedInteger(llvm::StringRef Text);

/// The bits of an f32 / f64 written as Text: a float or integer literal
/// (decimal or hex, with sign), `inf`, `nan`, `nan:0xN` (N a non-zero
/// payload that fits the significand). Errors: "constant out of range"
/// (finite literal rounding to infinity, bad payload), "unknown operator".
llvm::Expected<uint32_t> parseF32(llvm::StringRef Text);
llvm::Expected<uint64_t> parseF64(llvm::StringRef Text);

/// The bits of a number of an integer (Float false) or float type of Bits
/// bits (32 or 64; integers also 8 and 16): parseInteger, parseF32 or
/// parseF64.
llvm::Expected<uint64_t> parseNumberBits(llvm::StringRef Text, bool Float, unsigned Bits);

/// The bytes of a string token, Quoted including its double quotes, with
/// the escapes \t \n \r \" \' \\ \hh and \u{hex} (a Unicode scalar value,
/// encoded as UTF-8). Errors: "malformed string" (with what is wrong).
llvm::Expected<std::string> decodeString(llvm::StringRef Quoted);

/// Whether Bytes are well-formed UTF-8 (no overlongs, surrogates, or code
/// points above U+10FFFF), as names must be.
bool isValidUtf8(llvm::StringRef Bytes);

} // namespace wasmaot::text
