//===- text/Lexer.cpp ------------------------------------------------------===//
#include "text/Lexer.h"

#include "support/Error.h"
#include "text/Literals.h"

using namespace wasmaot;
using namespace wasmaot::text;

namespace {

bool isIdChar(char C) {
  if ((C >= '0' && C <= '9') || (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z'))
    return true;
  return llvm::StringRef("!#$%&'*+-./:<=>?@\\^_`|~").contains(C);
}

/// Characters that make a token reserved (Wasm 3.0's `reserved`): no
/// construct uses them, but annotations may hold them.
bool isReservedChar(char C) { return llvm::StringRef(",;[]{}").contains(C); }

class Lexer {
public:
  explicit Lexer(llvm::StringRef Source) : Source(Source) {}

  llvm::Expected<std::vector<Token>> run() {
    std::vector<Token> Tokens;
    while (true) {
      if (llvm::Error E = skipSpace())
        return E;
      Token T;
      T.Line = Line;
      T.Column = column();
      if (Pos == Source.size()) {
        Tokens.push_back(T);
        return Tokens;
      }
      char C = Source[Pos];
      // `(@name`, where the name may be a string too: an annotation.
      if (C == '(' && peek(1) == '@' && Pos + 2 < Source.size() &&
          (isIdChar(Source[Pos + 2]) || Source[Pos + 2] == '"')) {
        if (llvm::Error E = skipAnnotation())
          return E;
        continue;
      }
      if (C == '(' || C == ')') {
        T.Kind = C == '(' ? TokenKind::LParen : TokenKind::RParen;
        T.Text = Source.substr(Pos, 1);
        ++Pos;
        Tokens.push_back(T);
        continue;
      }
      if (C != '"' && !isIdChar(C) && !isReservedChar(C))
        return error(T.Line, T.Column, "unexpected character");
      size_t Start = Pos;
      unsigned Strings = 0;
      bool IdChars = false, HasReservedChars = false;
      while (Pos < Source.size()) {
        if (Source[Pos] == '"') {
          if (llvm::Error E = skipString())
            return E;
          ++Strings;
          continue;
        }
        // `;;` starts a comment even right after a token.
        bool Reserved = isReservedChar(Source[Pos]) && !(Source[Pos] == ';' && peek(1) == ';');
        if (!isIdChar(Source[Pos]) && !Reserved)
          break;
        IdChars = true;
        HasReservedChars |= Reserved;
        ++Pos;
      }
      T.Text = Source.slice(Start, Pos);
      T.Kind = HasReservedChars ? TokenKind::Reserved : classify(T.Text, Strings, IdChars);
      if (T.Kind == TokenKind::Id && T.Text[1] == '"')
        if (llvm::Error E = checkQuotedId(T))
          return E;
      Tokens.push_back(T);
    }
  }

private:
  static TokenKind classify(llvm::StringRef Text, unsigned Strings, bool IdChars) {
    if (Strings == 1 && !IdChars)
      return TokenKind::String;
    if (Text.size() > 1 && Text[0] == '$') {
      // `$name`, or `$"name"`: one string right after the `$`.
      if (Strings == 0 || (Strings == 1 && Text[1] == '"' && Text.back() == '"'))
        return TokenKind::Id;
      return TokenKind::Reserved;
    }
    if (Strings != 0)
      return TokenKind::Reserved;
    llvm::StringRef Unsigned = Text;
    if (Unsigned[0] == '+' || Unsigned[0] == '-')
      Unsigned = Unsigned.drop_front();
    if (!Unsigned.empty() && ((Unsigned[0] >= '0' && Unsigned[0] <= '9') ||
                              (Unsigned != Text && (Unsigned.starts_with("inf") ||
                                                    Unsigned.starts_with("nan")))))
      return TokenKind::Number;
    if (Text[0] >= 'a' && Text[0] <= 'z')
      return TokenKind::Keyword;
    return TokenKind::Reserved;
  }

  /// `$"name"`: its string must be a non-empty, well-formed UTF-8 name.
  static llvm::Error checkQuotedId(const Token &T) {
    auto Name = decodeString(T.Text.drop_front());
    if (!Name)
      return llvm::Error(WasmError::atText(ErrorKind::Malformed, T.Line, T.Column,
                                           llvm::toString(Name.takeError())));
    if (Name->empty())
      return error(T.Line, T.Column, "empty identifier");
    if (!isValidUtf8(*Name))
      return error(T.Line, T.Column, "malformed UTF-8 encoding");
    return llvm::Error::success();
  }

  char peek(size_t Ahead) const {
    return Pos + Ahead < Source.size() ? Source[Pos + Ahead] : '\0';
  }
  uint32_t column() const { return static_cast<uint32_t>(Pos - LineStart + 1); }

  void advance() {
    if (Source[Pos] == '\n') {
      ++Line;
      LineStart = Pos + 1;
    }
    ++Pos;
  }

  llvm::Error skipSpace() {
    while (Pos < Source.size()) {
      char C = Source[Pos];
      if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
        advance();
        continue;
      }
      if (C == ';' && peek(1) == ';') {
        // A line comment ends at a line feed or a carriage return.
        while (Pos < Source.size() && Source[Pos] != '\n' && Source[Pos] != '\r')
          ++Pos;
        continue;
      }
      if (C == '(' && peek(1) == ';') {
        if (llvm::Error E = skipBlockComment())
          return E;
        continue;
      }
      break;
    }
    return llvm::Error::success();
  }

  llvm::Error skipBlockComment() {
    uint32_t StartLine = Line, StartColumn = column();
    unsigned Depth = 0;
    while (Pos < Source.size()) {
      if (Source[Pos] == '(' && peek(1) == ';') {
        ++Depth;
        Pos += 2;
        continue;
      }
      if (Source[Pos] == ';' && peek(1) == ')') {
        Pos += 2;
        if (--Depth == 0)
          return llvm::Error::success();
        continue;
      }
      advance();
    }
    return error(StartLine, StartColumn, "unclosed comment");
  }

  /// A string from its opening quote: raw, escapes are checked by
  /// decodeString. Strings may not span lines.
  llvm::Error skipString() {
    uint32_t StartColumn = column();
    ++Pos;
    while (Pos < Source.size() && Source[Pos] != '"' && Source[Pos] != '\n') {
      if (Source[Pos] == '\\' && Pos + 1 < Source.size() && Source[Pos + 1] != '\n')
        ++Pos;
      ++Pos;
    }
    if (Pos == Source.size() || Source[Pos] != '"')
      return error(Line, StartColumn, "unclosed string");
    ++Pos;
    return llvm::Error::success();
  }

  /// `(@name ...)` up to its matching parenthesis. Annotations carry no
  /// meaning for compilation, custom-section annotations included.
  llvm::Error skipAnnotation() {
    uint32_t StartLine = Line, StartColumn = column();
    if (Source[Pos + 2] == '"') {
      // `(@"name"`: the name must be a non-empty, well-formed UTF-8 string.
      size_t NameStart = Pos + 2;
      Pos = NameStart;
      if (llvm::Error E = skipString())
        return E;
      auto Name = decodeString(Source.slice(NameStart, Pos));
      if (!Name)
        return llvm::Error(WasmError::atText(ErrorKind::Malformed, StartLine, StartColumn,
                                             llvm::toString(Name.takeError())));
      if (Name->empty())
        return error(StartLine, StartColumn, "empty annotation id");
      if (!isValidUtf8(*Name))
        return error(StartLine, StartColumn, "malformed UTF-8 encoding");
      Pos = NameStart - 2;
    }
    unsigned Depth = 0;
    while (true) {
      if (llvm::Error E = skipSpace())
        return E;
      if (Pos == Source.size())
        return error(StartLine, StartColumn, "unclosed annotation");
      char C = Source[Pos];
      if (C == '"') {
        if (llvm::Error E = skipString())
          return E;
        continue;
      }
      if (C == '(') {
        ++Depth;
      } else if (C == ')') {
        if (--Depth == 0) {
          ++Pos;
          return llvm::Error::success();
        }
      } else if (!isIdChar(C) && !isReservedChar(C)) {
        return error(Line, column(), "unexpected character");
      }
      ++Pos;
    }
  }

  static llvm::Error error(uint32_t Line, uint32_t Column, const char *Message) {
    return llvm::Error(WasmError::atText(ErrorKind::Malformed, Line, Column, Message));
  }

  llvm::StringRef Source;
  size_t Pos = 0;
  size_t LineStart = 0;
  uint32_t Line = 1;
};

} // namespace

std::string wasmaot::text::identifierName(const Token &Id) {
  llvm::StringRef Name = Id.Text.drop_front();
  if (!Name.starts_with("\""))
    return Name.str();
  auto Decoded = decodeString(Name);
  if (!Decoded) { // tokenize() checked it
    llvm::consumeError(Decoded.takeError());
    return Name.str();
  }
  return *Decoded;
}

llvm::Expected<std::vector<Token>> wasmaot::text::tokenize(llvm::StringRef Source) {
  return Lexer(Source).run();
}
