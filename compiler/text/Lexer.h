//===- text/Lexer.h - Tokens of the WebAssembly text format ----------------===//
//
// The text format is a sequence of parentheses, atoms (keywords, numbers,
// `$ids`, reserved sequences) and strings, with line and block comments and
// annotations `(@name ...)` in between. The lexer drops comments and
// annotations and classifies each atom by its first character, leaving the
// values to Literals.h: whether `0x1p3` is an integer, a float or nothing
// depends on where it appears.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::text {

enum class TokenKind : uint8_t {
  LParen,
  RParen,
  Keyword,  // starts with a lowercase letter: `module`, `i32.add`, `offset=4`, `nan:0x1`
  Number,   // starts with a digit, or a sign then a digit, `inf` or `nan`
  Id,       // `$name` or `$"name"`; Text is the whole token
  String,   // Text includes the quotes
  Reserved, // any other run of id characters and strings: never valid
  Eof,
};

struct Token {
  TokenKind Kind = TokenKind::Eof;
  llvm::StringRef Text;
  uint32_t Line = 0, Column = 0; // both from 1

  bool is(TokenKind K) const { return Kind == K; }
  bool isKeyword(llvm::StringRef K) const { return Kind == TokenKind::Keyword && Text == K; }
};

/// The name an Id token binds or refers to: `$abc` and `$"abc"` are one.
std::string identifierName(const Token &Id);

/// The tokens of Source, ending with an Eof token. Errors (malformed, at a
/// line:column): an unterminated string, block comment or annotation, or a
/// character that cannot start a token.
llvm::Expected<std::vector<Token>> tokenize(llvm::StringRef Source);

} // namespace wasmaot::text
