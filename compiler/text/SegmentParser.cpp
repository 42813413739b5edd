//===- text/SegmentParser.cpp - Tables, element and data segments ----------===//
//
// Element segments have the most abbreviations of any field: a list of
// function indices or of expressions, with or without `func` or a reference
// type, an offset given as `(offset ...)` or a single folded instruction, a
// table given or implied; and tables may define their elements inline. All
// of them map onto the eight element-segment encodings of the binary format.
//
//===----------------------------------------------------------------------===//
#include "text/ModuleParser.h"

#include "support/Error.h"
#include "text/Literals.h"

using namespace wasmaot;
using namespace wasmaot::text;

namespace {

constexpr uint8_t FuncRef = 0x70;

/// Segment mode bits of the element and data encodings.
enum : uint8_t { Passive = 0x01, ExplicitIndex = 0x02, Declarative = 0x03, Expressions = 0x04 };

} // namespace

llvm::Error ModuleParser::parseAbbreviatedExpr(ByteWriter &Out, llvm::StringRef Keyword) {
  if (!C.peek().is(TokenKind::LParen))
    return C.error("unexpected token, expected `(" + Keyword + "` or an instruction");
  if (C.consumeGroup(Keyword)) {
    if (llvm::Error E = parseConstExpr(Out))
      return E;
    return C.expectRParen();
  }
  FunctionScope Scope;
  if (llvm::Error E = parseFoldedInstruction(Out, Scope))
    return E;
  Out.byte(0x0B);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseElemList(ByteWriter &Kind, ByteWriter &Items, uint32_t &Count,
                                        bool &UsesExpressions, bool &IsFuncref) {
  IsFuncref = true;
  UsesExpressions = false;
  if (C.consumeKeyword("func")) {
    Kind.byte(0x00); // elemkind funcref
  } else if (!atIndex() && !C.peek().is(TokenKind::RParen)) {
    auto Type = parseRefType();
    if (!Type)
      return Type.takeError();
    UsesExpressions = true;
    IsFuncref = *Type == EncodedType{FuncRef};
    Kind.bytes(*Type);
  } else {
    Kind.byte(0x00); // the legacy `(elem (offset) $f $g)`
  }
  return parseElemItems(Items, Count, UsesExpressions);
}

llvm::Error ModuleParser::parseElemItems(ByteWriter &Items, uint32_t &Count,
                                         bool UsesExpressions) {
  for (Count = 0; !C.peek().is(TokenKind::RParen); ++Count) {
    if (UsesExpressions) {
      if (llvm::Error E = parseAbbreviatedExpr(Items, "item"))
        return E;
      continue;
    }
    auto Index = parseIndex(Space::Func);
    if (!Index)
      return Index.takeError();
    Items.uleb(*Index);
  }
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseTable() {
  uint32_t Index;
  auto Imported = parseFieldHead(Space::Table, Index);
  if (!Imported)
    return Imported.takeError();
  bool Is64 = false;
  if (*Imported)
    return parseTableType(ImportSection, Is64);
  ++DefinedTables;
  size_t TypeStart = C.position();
  Is64 = C.consumeKeyword("i64");
  if (!Is64)
    C.consumeKeyword("i32");
  if (C.peek().is(TokenKind::Number)) {
    // A table type, then (Wasm 3.0) an optional initializer expression.
    C.seek(TypeStart);
    ByteWriter Type;
    if (llvm::Error E = parseTableType(Type, Is64))
      return E;
    if (C.peek().is(TokenKind::RParen)) {
      TableSection.bytes(Type.data());
      return llvm::Error::success();
    }
    TableSection.byte(0x40);
    TableSection.byte(0x00);
    TableSection.bytes(Type.data());
    return parseConstExpr(TableSection);
  }

  // reftype (elem ...): a table exactly as large as the active segment at 0.
  auto RefType = parseRefType();
  if (!RefType)
    return RefType.takeError();
  if (!C.consumeGroup("elem"))
    return C.error("unexpected token, expected a table type or `(elem`");
  ByteWriter Items;
  uint32_t Count = 0;
  bool UsesExpressions = !atIndex() && !C.peek().is(TokenKind::RParen);
  if (llvm::Error E = parseElemItems(Items, Count, UsesExpressions))
    return E;
  if (llvm::Error E = C.expectRParen())
    return E;
  TableSection.bytes(*RefType);
  TableSection.byte(Is64 ? 0x05 : 0x01);
  TableSection.uleb(Count);
  TableSection.uleb(Count);

  ++space(Space::Elem).Count;
  ++ElemCount;
  bool Funcref = *RefType == EncodedType{FuncRef};
  uint8_t Flags = UsesExpressions ? Expressions : 0;
  if (Index != 0 || !Funcref)
    Flags |= ExplicitIndex;
  ElemSection.byte(Flags);
  if (Flags & ExplicitIndex)
    ElemSection.uleb(Index);
  ElemSection.byte(Is64 ? 0x42 : 0x41);
  ElemSection.byte(0);
  ElemSection.byte(0x0B);
  if (Flags & ExplicitIndex) {
    if (UsesExpressions)
      ElemSection.bytes(*RefType);
    else
      ElemSection.byte(0x00);
  }
  ElemSection.uleb(Count);
  ElemSection.bytes(Items.data());
  return llvm::Error::success();
}

/// `(offset instr*)`, or a single folded instruction standing for one.
static bool atOffset(const TokenCursor &C) {
  if (!C.peek().is(TokenKind::LParen))
    return false;
  const Token &K = C.peek(1);
  return K.is(TokenKind::Keyword) && K.Text != "item" && K.Text != "ref";
}

llvm::Error ModuleParser::parseElem() {
  ++space(Space::Elem).Count;
  ++ElemCount;
  if (C.peek().is(TokenKind::Id))
    C.next();
  bool Declare = C.consumeKeyword("declare");
  std::optional<uint32_t> Table;
  if (!Declare && C.consumeGroup("table")) {
    auto T = parseIndex(Space::Table);
    if (!T)
      return T.takeError();
    Table = *T;
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  ByteWriter Offset;
  bool Active = false;
  if (!Declare && atOffset(C)) {
    Active = true;
    if (llvm::Error E = parseAbbreviatedExpr(Offset, "offset"))
      return E;
  } else if (Table) {
    return C.error("unexpected token, expected an offset");
  }

  ByteWriter Kind, Items;
  uint32_t Count = 0;
  bool UsesExpressions = false, Funcref = true;
  if (llvm::Error E = parseElemList(Kind, Items, Count, UsesExpressions, Funcref))
    return E;
  uint8_t Flags = UsesExpressions ? Expressions : 0;
  if (Declare)
    Flags |= Declarative;
  else if (!Active)
    Flags |= Passive;
  else if (Table.value_or(0) != 0 || !Funcref)
    Flags |= ExplicitIndex;

  ElemSection.byte(Flags);
  if (Active && (Flags & ExplicitIndex))
    ElemSection.uleb(Table.value_or(0));
  if (Active)
    ElemSection.bytes(Offset.data());
  // Only the segments with an implied funcref table leave out the kind.
  if (!Active || (Flags & ExplicitIndex))
    ElemSection.bytes(Kind.data());
  ElemSection.uleb(Count);
  ElemSection.bytes(Items.data());
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseData() {
  ++space(Space::Data).Count;
  ++DataCount;
  if (C.peek().is(TokenKind::Id))
    C.next();
  std::optional<uint32_t> Memory;
  if (C.consumeGroup("memory")) {
    auto M = parseIndex(Space::Memory);
    if (!M)
      return M.takeError();
    Memory = *M;
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  ByteWriter Offset;
  bool Active = atOffset(C);
  if (Active) {
    if (llvm::Error E = parseAbbreviatedExpr(Offset, "offset"))
      return E;
  } else if (Memory) {
    return C.error("unexpected token, expected an offset");
  }
  auto Bytes = C.strings();
  if (!Bytes)
    return Bytes.takeError();
  if (!Active) {
    DataSection.byte(Passive);
  } else if (Memory.value_or(0) == 0) {
    DataSection.byte(0);
  } else {
    DataSection.byte(ExplicitIndex);
    DataSection.uleb(*Memory);
  }
  DataSection.bytes(Offset.data());
  DataSection.name(*Bytes);
  return llvm::Error::success();
}
