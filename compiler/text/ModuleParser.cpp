//===- text/ModuleParser.cpp - Module fields -------------------------------===//
#include "text/ModuleParser.h"

#include "support/Error.h"
#include "text/Literals.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace wasmaot;
using namespace wasmaot::text;

void TokenCursor::skipGroup() {
  unsigned Depth = 0;
  do {
    const Token &T = next();
    if (T.is(TokenKind::LParen))
      ++Depth;
    else if (T.is(TokenKind::RParen))
      --Depth;
    else if (T.is(TokenKind::Eof))
      return;
  } while (Depth);
}

llvm::Expected<std::string> TokenCursor::strings() {
  std::string Bytes;
  while (peek().is(TokenKind::String)) {
    const Token &T = next();
    auto S = decodeString(T.Text);
    if (!S)
      return errorAt(T, llvm::toString(S.takeError()));
    Bytes += *S;
  }
  return Bytes;
}

llvm::Error TokenCursor::errorAt(const Token &T, const llvm::Twine &Message) const {
  return llvm::Error(WasmError::atText(ErrorKind::Malformed, T.Line, T.Column, Message.str()));
}

llvm::Error TokenCursor::expect(TokenKind K, llvm::StringRef What) {
  if (!peek().is(K))
    return error(peek().is(TokenKind::Eof) ? llvm::Twine("unexpected end of input, expected ") + What
                                           : llvm::Twine("unexpected token, expected ") + What);
  next();
  return llvm::Error::success();
}

llvm::Error TokenCursor::expectKeyword(llvm::StringRef Keyword) {
  if (!peek().isKeyword(Keyword))
    return error("unexpected token, expected `" + Keyword + "`");
  next();
  return llvm::Error::success();
}

namespace {

/// The index space a field keyword (or import/export kind) defines into.
std::optional<Space> spaceOf(llvm::StringRef Keyword) {
  return llvm::StringSwitch<std::optional<Space>>(Keyword)
      .Case("func", Space::Func)
      .Case("table", Space::Table)
      .Case("memory", Space::Memory)
      .Case("global", Space::Global)
      .Case("tag", Space::Tag)
      .Default(std::nullopt);
}

/// Export and import kinds of the binary format.
uint8_t externKind(Space S) {
  switch (S) {
  case Space::Func:
    return 0;
  case Space::Table:
    return 1;
  case Space::Memory:
    return 2;
  case Space::Global:
    return 3;
  default:
    return 4; // tags
  }
}

const char *spaceName(Space S) {
  static const char *Names[] = {"type", "func", "table", "memory", "global", "elem", "data", "tag"};
  return Names[static_cast<unsigned>(S)];
}

void writeSection(ByteWriter &Out, uint8_t Id, uint32_t Count, const ByteWriter &Entries) {
  ByteWriter Payload;
  Payload.uleb(Count);
  Payload.bytes(Entries.data());
  Out.byte(Id);
  Out.sized(Payload);
}

} // namespace

llvm::Error ModuleParser::bind(Space S, const Token &Id) {
  IndexSpace &Sp = space(S);
  uint32_t Index = Sp.Count++;
  if (!Id.is(TokenKind::Id))
    return llvm::Error::success();
  if (!Sp.Names.try_emplace(identifierName(Id), Index).second)
    return C.errorAt(Id, llvm::Twine("duplicate ") + spaceName(S) + " " + Id.Text);
  return llvm::Error::success();
}

llvm::Error ModuleParser::collectNames() {
  size_t Begin = C.position();
  while (C.peek().is(TokenKind::LParen)) {
    size_t FieldStart = C.position();
    const Token &Keyword = C.peek(1);
    if (!Keyword.is(TokenKind::Keyword))
      return C.errorAt(Keyword, "unexpected token, expected a module field");
    C.next();
    C.next();
    llvm::StringRef Kw = Keyword.Text;
    if (Kw == "type") {
      if (llvm::Error E = bind(Space::Type, C.peek()))
        return E;
    } else if (Kw == "rec") {
      while (C.atGroup("type")) {
        size_t TypeStart = C.position();
        C.next();
        C.next();
        if (llvm::Error E = bind(Space::Type, C.peek()))
          return E;
        C.seek(TypeStart);
        C.skipGroup();
      }
    } else if (Kw == "import") {
      // (import "module" "name" (kind $id? ...))
      C.next();
      C.next();
      std::optional<Space> S;
      if (C.peek().is(TokenKind::LParen))
        S = spaceOf(C.peek(1).Text);
      if (!S)
        return C.error("unexpected token, expected an import description");
      if (SeenDefinition)
        return C.errorAt(Keyword, llvm::Twine("import after ") + spaceName(*S) + " definition");
      ++space(*S).Imports;
      if (llvm::Error E = bind(*S, C.peek(2)))
        return E;
    } else if (std::optional<Space> S = spaceOf(Kw)) {
      if (llvm::Error E = bind(*S, C.peek()))
        return E;
      // Inline imports and segments are direct children of the field.
      bool Imported = false;
      while (!C.peek().is(TokenKind::RParen) && !C.peek().is(TokenKind::Eof)) {
        if (!C.peek().is(TokenKind::LParen)) {
          C.next();
          continue;
        }
        llvm::StringRef Child = C.peek(1).Text;
        if (Child == "import") {
          if (SeenDefinition)
            return C.errorAt(Keyword, llvm::Twine("import after ") + spaceName(*S) + " definition");
          Imported = true;
        } else if (Child == "elem" && *S == Space::Table) {
          if (llvm::Error E = bind(Space::Elem, C.peek()))
            return E;
        } else if (Child == "data" && *S == Space::Memory) {
          if (llvm::Error E = bind(Space::Data, C.peek()))
            return E;
        }
        C.skipGroup();
      }
      if (Imported)
        ++space(*S).Imports;
      else
        SeenDefinition = true;
    } else if (Kw == "elem") {
      if (llvm::Error E = bind(Space::Elem, C.peek()))
        return E;
    } else if (Kw == "data") {
      if (llvm::Error E = bind(Space::Data, C.peek()))
        return E;
    } else if (Kw != "export" && Kw != "start") {
      return C.errorAt(Keyword, "unknown module field `" + Kw + "`");
    }
    C.seek(FieldStart);
    C.skipGroup();
  }
  if (!C.peek().is(TokenKind::RParen) && !C.peek().is(TokenKind::Eof))
    return C.error("unexpected token, expected a module field");
  C.seek(Begin);
  return llvm::Error::success();
}

llvm::Expected<std::vector<uint8_t>> ModuleParser::parse() {
  size_t Begin = C.position();
  if (llvm::Error E = collectNames())
    return E;
  if (llvm::Error E = parseTypeDefinitions())
    return E;
  C.seek(Begin);
  for (IndexSpace &S : Spaces)
    S.Count = 0; // pass 3 counts again, to know each field's index
  space(Space::Type).Count = static_cast<uint32_t>(Types.size());
  while (C.peek().is(TokenKind::LParen))
    if (llvm::Error E = parseField())
      return E;

  ByteWriter Out;
  Out.bytes(llvm::StringRef("\0asm\x01\0\0\0", 8));
  if (TypeEntries)
    writeSection(Out, 1, TypeEntries, TypeSection);
  if (ImportCount)
    writeSection(Out, 2, ImportCount, ImportSection);
  if (DefinedFuncs)
    writeSection(Out, 3, DefinedFuncs, FunctionSection);
  if (DefinedTables)
    writeSection(Out, 4, DefinedTables, TableSection);
  if (DefinedMemories)
    writeSection(Out, 5, DefinedMemories, MemorySection);
  if (DefinedTags)
    writeSection(Out, 13, DefinedTags, TagSection);
  if (DefinedGlobals)
    writeSection(Out, 6, DefinedGlobals, GlobalSection);
  if (ExportCount)
    writeSection(Out, 7, ExportCount, ExportSection);
  if (Start) {
    ByteWriter Payload;
    Payload.uleb(*Start);
    Out.byte(8);
    Out.sized(Payload);
  }
  if (ElemCount)
    writeSection(Out, 9, ElemCount, ElemSection);
  if (UsesDataCount) {
    ByteWriter Payload;
    Payload.uleb(DataCount);
    Out.byte(12);
    Out.sized(Payload);
  }
  if (DefinedFuncs)
    writeSection(Out, 10, DefinedFuncs, CodeSection);
  if (DataCount)
    writeSection(Out, 11, DataCount, DataSection);
  writeNameSection(Out);
  return Out.take();
}

void ModuleParser::writeNameSection(ByteWriter &Out) {
  // The functions' `$ids`, so that backtraces and diagnostics can name
  // them (what `wat2wasm --debug-names` does).
  const llvm::StringMap<uint32_t> &Names = space(Space::Func).Names;
  if (Names.empty())
    return;
  std::vector<std::pair<uint32_t, llvm::StringRef>> ByIndex;
  for (const auto &Entry : Names)
    ByIndex.emplace_back(Entry.second, Entry.first());
  llvm::sort(ByIndex);
  ByteWriter Map;
  Map.uleb(ByIndex.size());
  for (const auto &[Index, Name] : ByIndex) {
    Map.uleb(Index);
    Map.name(Name);
  }
  ByteWriter Payload;
  Payload.name("name");
  Payload.byte(1); // function names
  Payload.sized(Map);
  Out.byte(0);
  Out.sized(Payload);
}

llvm::Error ModuleParser::parseField() {
  llvm::StringRef Kw = C.peek(1).Text;
  if (Kw == "type" || Kw == "rec") { // done in pass 2
    C.skipGroup();
    return llvm::Error::success();
  }
  C.next();
  C.next();
  llvm::Error E = llvm::StringSwitch<std::function<llvm::Error()>>(Kw)
                      .Case("import", [&] { return parseImport(); })
                      .Case("func", [&] { return parseFunc(); })
                      .Case("table", [&] { return parseTable(); })
                      .Case("memory", [&] { return parseMemory(); })
                      .Case("global", [&] { return parseGlobal(); })
                      .Case("tag", [&] { return parseTag(); })
                      .Case("export", [&] { return parseExport(); })
                      .Case("start", [&] { return parseStart(); })
                      .Case("elem", [&] { return parseElem(); })
                      .Case("data", [&] { return parseData(); })
                      .Default([&] { // collectNames() refused other fields
                        return C.error("unknown module field `" + Kw + "`");
                      })();
  if (E)
    return E;
  return C.expectRParen();
}

llvm::Expected<std::string> ModuleParser::parseStringBytes() {
  const Token &T = C.peek();
  if (!T.is(TokenKind::String))
    return C.error("unexpected token, expected a string");
  C.next();
  auto Bytes = decodeString(T.Text);
  if (!Bytes)
    return C.errorAt(T, llvm::toString(Bytes.takeError()));
  return Bytes;
}

llvm::Expected<std::string> ModuleParser::parseName() {
  const Token &T = C.peek();
  auto Bytes = parseStringBytes();
  if (!Bytes)
    return Bytes.takeError();
  if (!isValidUtf8(*Bytes))
    return C.errorAt(T, "malformed UTF-8 encoding");
  return Bytes;
}

llvm::Expected<bool> ModuleParser::parseFieldHead(Space S, uint32_t &Index) {
  Index = space(S).Count++;
  if (C.peek().is(TokenKind::Id))
    C.next();
  uint8_t Kind = externKind(S);
  while (C.consumeGroup("export")) {
    auto Name = parseName();
    if (!Name)
      return Name.takeError();
    ExportSection.name(*Name);
    ExportSection.byte(Kind);
    ExportSection.uleb(Index);
    ++ExportCount;
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  if (!C.consumeGroup("import"))
    return false;
  auto Module = parseName();
  if (!Module)
    return Module.takeError();
  auto Name = parseName();
  if (!Name)
    return Name.takeError();
  if (llvm::Error E = C.expectRParen())
    return E;
  // Exports may not follow the import.
  if (C.atGroup("export"))
    return C.error("unexpected token, exports come before the import");
  ImportSection.name(*Module);
  ImportSection.name(*Name);
  ImportSection.byte(Kind);
  ++ImportCount;
  return true;
}

llvm::Error ModuleParser::parseImport() {
  auto Module = parseName();
  if (!Module)
    return Module.takeError();
  auto Name = parseName();
  if (!Name)
    return Name.takeError();
  if (llvm::Error E = C.expect(TokenKind::LParen, "`(`"))
    return E;
  const Token &Kind = C.next();
  Space S = *spaceOf(Kind.Text); // pass 1 checked it
  ImportSection.name(*Module);
  ImportSection.name(*Name);
  ImportSection.byte(externKind(S));
  ++ImportCount;
  ++space(S).Count;
  if (C.peek().is(TokenKind::Id))
    C.next();
  llvm::Error E = llvm::Error::success();
  bool Is64 = false;
  switch (S) {
  case Space::Func: {
    auto Type = parseTypeUse(nullptr);
    if (!Type)
      return Type.takeError();
    ImportSection.uleb(*Type);
    break;
  }
  case Space::Table:
    E = parseTableType(ImportSection, Is64);
    break;
  case Space::Memory:
    E = parseMemoryType(ImportSection);
    break;
  case Space::Global:
    E = parseGlobalType(ImportSection);
    break;
  default: {
    ImportSection.byte(0); // tag attribute: exception
    auto Type = parseTypeUse(nullptr);
    if (!Type)
      return Type.takeError();
    ImportSection.uleb(*Type);
    break;
  }
  }
  if (E)
    return E;
  return C.expectRParen();
}

llvm::Error ModuleParser::parseFunc() {
  uint32_t Index;
  auto Imported = parseFieldHead(Space::Func, Index);
  if (!Imported)
    return Imported.takeError();
  if (*Imported) {
    auto Type = parseTypeUse(nullptr);
    if (!Type)
      return Type.takeError();
    ImportSection.uleb(*Type);
    return llvm::Error::success();
  }
  FunctionScope Scope;
  auto Type = parseTypeUse(&Scope);
  if (!Type)
    return Type.takeError();
  FunctionSection.uleb(*Type);
  ++DefinedFuncs;

  // Locals, in runs of equal types.
  std::vector<std::pair<uint32_t, EncodedType>> Runs;
  while (C.consumeGroup("local")) {
    auto addLocal = [&](EncodedType T) {
      ++Scope.LocalCount;
      if (!Runs.empty() && Runs.back().second == T)
        ++Runs.back().first;
      else
        Runs.emplace_back(1, std::move(T));
    };
    if (C.peek().is(TokenKind::Id)) {
      const Token &Id = C.next();
      if (!Scope.LocalNames.try_emplace(identifierName(Id), Scope.LocalCount).second)
        return C.errorAt(Id, "duplicate local " + Id.Text);
      auto T = parseValType();
      if (!T)
        return T.takeError();
      addLocal(std::move(*T));
    } else {
      while (!C.peek().is(TokenKind::RParen)) {
        auto T = parseValType();
        if (!T)
          return T.takeError();
        addLocal(std::move(*T));
      }
    }
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  ByteWriter Body;
  Body.uleb(Runs.size());
  for (const auto &[Count, T] : Runs) {
    Body.uleb(Count);
    Body.bytes(T);
  }
  if (llvm::Error E = parseInstructions(Body, Scope))
    return E;
  Body.byte(0x0B);
  CodeSection.sized(Body);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseLimits(ByteWriter &Out, uint8_t Flags, bool Is64) {
  // Limits are u64 in the text format whatever the address type: the
  // validator bounds 32-bit ones ("memory size"), not the parser.
  unsigned Bits = 64;
  const Token &MinToken = C.peek();
  if (!MinToken.is(TokenKind::Number))
    return C.error("unexpected token, expected a limit");
  auto Min = parseUnsigned(C.next().Text, Bits);
  if (!Min)
    return C.errorAt(MinToken, llvm::toString(Min.takeError()));
  std::optional<uint64_t> Max;
  if (C.peek().is(TokenKind::Number)) {
    const Token &MaxToken = C.next();
    auto M = parseUnsigned(MaxToken.Text, Bits);
    if (!M)
      return C.errorAt(MaxToken, llvm::toString(M.takeError()));
    Max = *M;
  }
  bool Shared = C.consumeKeyword("shared");
  std::optional<uint64_t> PageSize;
  if (C.consumeGroup("pagesize")) {
    auto Size = parsePageSize();
    if (!Size)
      return Size.takeError();
    PageSize = *Size;
  }
  Flags |= (Max ? 0x01 : 0) | (Shared ? 0x02 : 0) | (Is64 ? 0x04 : 0) | (PageSize ? 0x08 : 0);
  Out.byte(Flags);
  Out.uleb(*Min);
  if (Max)
    Out.uleb(*Max);
  if (PageSize)
    Out.uleb(llvm::Log2_64(*PageSize));
  return llvm::Error::success();
}

llvm::Expected<uint64_t> ModuleParser::parsePageSize() {
  const Token &SizeToken = C.peek();
  auto Size = parseUnsigned(C.next().Text, 64);
  if (!Size)
    return C.errorAt(SizeToken, llvm::toString(Size.takeError()));
  if (!llvm::isPowerOf2_64(*Size))
    return C.errorAt(SizeToken, "invalid custom page size");
  if (llvm::Error E = C.expectRParen())
    return E;
  return *Size;
}

llvm::Error ModuleParser::parseMemoryType(ByteWriter &Out) {
  bool Is64 = C.consumeKeyword("i64");
  if (!Is64)
    C.consumeKeyword("i32");
  return parseLimits(Out, 0, Is64);
}

llvm::Error ModuleParser::parseTableType(ByteWriter &Out, bool &Is64) {
  Is64 = C.consumeKeyword("i64");
  if (!Is64)
    C.consumeKeyword("i32");
  ByteWriter Limits;
  if (llvm::Error E = parseLimits(Limits, 0, Is64))
    return E;
  auto Type = parseRefType();
  if (!Type)
    return Type.takeError();
  Out.bytes(*Type);
  Out.bytes(Limits.data());
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseGlobalType(ByteWriter &Out) {
  bool Mutable = C.consumeGroup("mut");
  auto Type = parseValType();
  if (!Type)
    return Type.takeError();
  Out.bytes(*Type);
  Out.byte(Mutable ? 1 : 0);
  if (Mutable)
    return C.expectRParen();
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseMemory() {
  uint32_t Index;
  auto Imported = parseFieldHead(Space::Memory, Index);
  if (!Imported)
    return Imported.takeError();
  if (*Imported)
    return parseMemoryType(ImportSection);
  ++DefinedMemories;
  size_t TypeStart = C.position();
  bool Is64 = C.consumeKeyword("i64");
  if (!Is64)
    C.consumeKeyword("i32");
  // (memory (pagesize N) (data ...)) gives the page size of the abbreviation.
  std::optional<uint64_t> PageSize;
  if (C.atGroup("pagesize") && C.peek(2).is(TokenKind::Number) &&
      C.peek(3).is(TokenKind::RParen) && C.peek(4).is(TokenKind::LParen) &&
      C.peek(5).isKeyword("data")) {
    C.next();
    C.next();
    auto Size = parsePageSize();
    if (!Size)
      return Size.takeError();
    PageSize = *Size;
  }
  if (!C.atGroup("data")) {
    C.seek(TypeStart);
    return parseMemoryType(MemorySection);
  }
  // (memory (data "bytes"...)): a memory just large enough for an active
  // segment at address 0.
  C.next();
  C.next();
  auto Bytes = C.strings();
  if (!Bytes)
    return Bytes.takeError();
  if (llvm::Error E = C.expectRParen())
    return E;
  uint64_t Page = PageSize.value_or(0x10000);
  uint64_t Pages = (Bytes->size() + Page - 1) / Page;
  MemorySection.byte((Is64 ? 0x05 : 0x01) | (PageSize ? 0x08 : 0));
  MemorySection.uleb(Pages);
  MemorySection.uleb(Pages);
  if (PageSize)
    MemorySection.uleb(llvm::Log2_64(*PageSize));
  ++space(Space::Data).Count;
  ++DataCount;
  if (Index == 0) {
    DataSection.byte(0);
  } else {
    DataSection.byte(2);
    DataSection.uleb(Index);
  }
  DataSection.byte(Is64 ? 0x42 : 0x41); // iNN.const 0
  DataSection.byte(0);
  DataSection.byte(0x0B);
  DataSection.name(*Bytes);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseGlobal() {
  uint32_t Index;
  auto Imported = parseFieldHead(Space::Global, Index);
  if (!Imported)
    return Imported.takeError();
  if (*Imported)
    return parseGlobalType(ImportSection);
  ++DefinedGlobals;
  if (llvm::Error E = parseGlobalType(GlobalSection))
    return E;
  return parseConstExpr(GlobalSection);
}

llvm::Error ModuleParser::parseTag() {
  uint32_t Index;
  auto Imported = parseFieldHead(Space::Tag, Index);
  if (!Imported)
    return Imported.takeError();
  ByteWriter &Out = *Imported ? ImportSection : TagSection;
  if (!*Imported)
    ++DefinedTags;
  auto Type = parseTypeUse(nullptr);
  if (!Type)
    return Type.takeError();
  Out.byte(0); // attribute: exception
  Out.uleb(*Type);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseExport() {
  auto Name = parseName();
  if (!Name)
    return Name.takeError();
  if (llvm::Error E = C.expect(TokenKind::LParen, "`(`"))
    return E;
  const Token &Kind = C.next();
  std::optional<Space> S = spaceOf(Kind.Text);
  if (!S || !Kind.is(TokenKind::Keyword))
    return C.errorAt(Kind, "unexpected token, expected an export description");
  auto Index = parseIndex(*S);
  if (!Index)
    return Index.takeError();
  ExportSection.name(*Name);
  ExportSection.byte(externKind(*S));
  ExportSection.uleb(*Index);
  ++ExportCount;
  return C.expectRParen();
}

llvm::Error ModuleParser::parseStart() {
  const Token &At = C.peek();
  auto Index = parseIndex(Space::Func);
  if (!Index)
    return Index.takeError();
  if (Start)
    return C.errorAt(At, "multiple start sections");
  Start = *Index;
  return llvm::Error::success();
}
