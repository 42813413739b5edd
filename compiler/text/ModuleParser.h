//===- text/ModuleParser.h - A text module, parsed into binary sections ----===//
//
// The text format is assembled the way its specification defines it: as an
// abbreviated notation for the binary format. Parsing goes in three passes
// over the module's fields:
//   1. names: every field's identifier is bound in its index space, in text
//      order (implicit segments of inline `(table (elem ...))` and
//      `(memory (data ...))` included), so that any field may refer to any
//      other, before or after it;
//   2. types: type definitions are encoded first, since inline type uses
//      match or extend them;
//   3. everything else, in text order, each field written into its section.
// Instructions are encoded as they are parsed, with names and labels
// resolved on the spot. Nothing is validated beyond what the text format
// itself requires (numbers in range, names bound): a module that is
// well-formed text but invalid assembles, and the validator rejects it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/ByteWriter.h"
#include "text/Lexer.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmaot::text {

/// The tokens of a module's fields and a position among them.
class TokenCursor {
public:
  TokenCursor(llvm::ArrayRef<Token> Tokens, size_t Pos) : Tokens(Tokens), Pos(Pos) {}

  const Token &peek(size_t Ahead = 0) const {
    size_t I = Pos + Ahead;
    return I < Tokens.size() ? Tokens[I] : Tokens.back();
  }
  const Token &next() {
    const Token &T = peek();
    if (Pos < Tokens.size() - 1)
      ++Pos;
    return T;
  }
  /// Whether the next tokens are `(` Keyword.
  bool atGroup(llvm::StringRef Keyword) const {
    return peek().is(TokenKind::LParen) && peek(1).isKeyword(Keyword);
  }
  bool consumeKeyword(llvm::StringRef Keyword) {
    if (!peek().isKeyword(Keyword))
      return false;
    next();
    return true;
  }
  /// Consumes `(` Keyword when they come next.
  bool consumeGroup(llvm::StringRef Keyword) {
    if (!atGroup(Keyword))
      return false;
    Pos += 2;
    return true;
  }
  /// Skips a balanced group starting at `(`.
  void skipGroup();
  /// The bytes of the string tokens that come next (none or more), decoded
  /// and concatenated: data segments, `(module binary ...)`, `(module quote
  /// ...)`.
  llvm::Expected<std::string> strings();

  size_t position() const { return Pos; }
  void seek(size_t P) { Pos = P; }

  llvm::Error errorAt(const Token &T, const llvm::Twine &Message) const;
  llvm::Error error(const llvm::Twine &Message) const { return errorAt(peek(), Message); }
  llvm::Error expect(TokenKind K, llvm::StringRef What);
  llvm::Error expectRParen() { return expect(TokenKind::RParen, "`)`"); }
  llvm::Error expectKeyword(llvm::StringRef Keyword);

private:
  llvm::ArrayRef<Token> Tokens;
  size_t Pos;
};

enum class Space : uint8_t { Type, Func, Table, Memory, Global, Elem, Data, Tag, Count };

/// The binary encoding of a value type (or a field's storage type).
using EncodedType = std::vector<uint8_t>;

struct FuncSignature {
  std::vector<EncodedType> Params, Results;
  bool operator==(const FuncSignature &O) const {
    return Params == O.Params && Results == O.Results;
  }
};

/// A type definition, as far as later fields need to know it.
struct TypeInfo {
  std::optional<FuncSignature> Func; // a function type
  bool Plain = false;                 // `(type (func ...))`: final, no supertype, not in a rec
  llvm::StringMap<uint32_t> FieldNames; // struct types
};

class ModuleParser {
public:
  /// Parses the fields between the cursor and the `)` (or end of input)
  /// that ends the module.
  explicit ModuleParser(TokenCursor &C) : C(C) {}

  /// The binary module. The cursor is left at the closing `)` or Eof.
  llvm::Expected<std::vector<uint8_t>> parse();

private:
  struct IndexSpace {
    llvm::StringMap<uint32_t> Names;
    uint32_t Count = 0;
    uint32_t Imports = 0;
  };

  struct Local {
    EncodedType Type;
  };

  /// Labels and locals of the function (or constant expression) whose
  /// instructions are being parsed.
  struct FunctionScope {
    llvm::StringMap<uint32_t> LocalNames;
    uint32_t LocalCount = 0;
    std::vector<std::optional<std::string>> Labels; // innermost last
  };

  // Pass 1 (ModuleParser.cpp).
  llvm::Error collectNames();
  llvm::Error bind(Space S, const Token &Id);
  void writeNameSection(ByteWriter &Out);
  // Pass 3: the fields (ModuleParser.cpp).
  llvm::Error parseField();
  llvm::Error parseImport();
  llvm::Error parseFunc();
  llvm::Error parseTable();
  llvm::Error parseMemory();
  llvm::Error parseGlobal();
  llvm::Error parseTag();
  llvm::Error parseExport();
  llvm::Error parseStart();
  llvm::Error parseElem();
  llvm::Error parseData();
  /// The start of a func, table, memory, global or tag field: its `$id`,
  /// its index in S (into Index), `(export "name")*`, then `(import "m"
  /// "n")` if present. Returns whether the field is an import (whose entry
  /// it has begun: the caller adds the type).
  llvm::Expected<bool> parseFieldHead(Space S, uint32_t &Index);
  llvm::Expected<std::string> parseName();
  llvm::Expected<std::string> parseStringBytes();
  llvm::Error parseLimits(ByteWriter &Out, uint8_t Flags, bool Is64);
  /// The N of `(pagesize N)`, a power of two; the cursor is past `(pagesize`
  /// and ends past the `)`.
  llvm::Expected<uint64_t> parsePageSize();
  llvm::Error parseMemoryType(ByteWriter &Out);
  llvm::Error parseTableType(ByteWriter &Out, bool &Is64);
  llvm::Error parseGlobalType(ByteWriter &Out);
  /// A constant expression written `(Keyword instr*)` or, abbreviated, as
  /// one folded instruction: segment offsets (`offset`) and element
  /// expressions (`item`).
  llvm::Error parseAbbreviatedExpr(ByteWriter &Out, llvm::StringRef Keyword);
  /// Element expressions or function indices up to `)`, counted.
  llvm::Error parseElemItems(ByteWriter &Items, uint32_t &Count, bool UsesExpressions);
  /// An element list of a segment (after its mode), writing the encoding's
  /// element kind/type and items; sets UsesExpressions and FuncrefOnly.
  llvm::Error parseElemList(ByteWriter &Kind, ByteWriter &Items, uint32_t &Count,
                            bool &UsesExpressions, bool &IsFuncref);

  // Types (TypeParser.cpp).
  llvm::Error parseTypeDefinitions();
  llvm::Error parseTypeField(ByteWriter &Out, bool InRec);
  llvm::Expected<EncodedType> parseValType();
  llvm::Expected<EncodedType> parseRefType();
  llvm::Expected<EncodedType> parseHeapType();
  llvm::Expected<EncodedType> parseStorageType();
  bool atValType() const;
  /// `(param ...)*`: types, and names into Scope when given. Names are
  /// refused where the text format has no use for them (NamesAllowed false).
  llvm::Error parseParams(FuncSignature &Sig, FunctionScope *Scope, bool NamesAllowed = true);
  llvm::Error parseResults(FuncSignature &Sig);
  /// A type use: `(type x)?` `(param ...)*` `(result ...)*`, giving the type
  /// index (matching or adding a type when no `(type x)` is given).
  llvm::Expected<uint32_t> parseTypeUse(FunctionScope *Scope, bool NamesAllowed = true);
  uint32_t typeIndexFor(const FuncSignature &Sig);

  // Instructions (InstructionParser.cpp).
  llvm::Error parseInstructions(ByteWriter &Out, FunctionScope &Scope);
  llvm::Error parseFoldedInstruction(ByteWriter &Out, FunctionScope &Scope);
  llvm::Error parsePlainInstruction(ByteWriter &Out, FunctionScope &Scope, bool Folded);
  llvm::Error parseBlockInstruction(ByteWriter &Out, FunctionScope &Scope, const Token &Op);
  llvm::Error parseBlockType(ByteWriter &Out);
  llvm::Error parseLabelAfterEnd(FunctionScope &Scope, const Token &At);
  /// A constant expression (global initializers, offsets, element items),
  /// ended with `end`.
  llvm::Error parseConstExpr(ByteWriter &Out);
  llvm::Expected<uint32_t> parseIndex(Space S);
  llvm::Expected<std::optional<uint32_t>> parseOptionalIndex(Space S);
  llvm::Expected<uint32_t> parseLabel(FunctionScope &Scope);
  llvm::Expected<uint32_t> parseLocal(FunctionScope &Scope);
  llvm::Error parseMemArg(ByteWriter &Out, unsigned NaturalSize, bool AllowMemory);
  llvm::Error parseV128Const(ByteWriter &Out);
  bool atIndex() const;

  IndexSpace &space(Space S) { return Spaces[static_cast<unsigned>(S)]; }

  TokenCursor &C;
  IndexSpace Spaces[static_cast<unsigned>(Space::Count)];
  std::vector<TypeInfo> Types;
  bool SeenDefinition = false; // a func, table, memory, global or tag that is no import
  bool UsesDataCount = false;  // memory.init or data.drop appear
  std::optional<uint32_t> Start;

  ByteWriter TypeSection, ImportSection, FunctionSection, TableSection, MemorySection,
      GlobalSection, ExportSection, ElemSection, CodeSection, DataSection, TagSection;
  uint32_t TypeEntries = 0, ImportCount = 0, DefinedFuncs = 0, DefinedTables = 0,
           DefinedMemories = 0, DefinedGlobals = 0, ExportCount = 0, ElemCount = 0,
           DataCount = 0, DefinedTags = 0;
  llvm::StringMap<bool> ExportNames;
};

} // namespace wasmaot::text
