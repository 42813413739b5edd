//===- text/TypeParser.cpp - Value types, type definitions, type uses ------===//
#include "text/ModuleParser.h"

#include "support/Error.h"

#include "llvm/ADT/StringSwitch.h"

using namespace wasmaot;
using namespace wasmaot::text;

namespace {

/// Abstract heap types and their one-byte encodings.
std::optional<uint8_t> abstractHeapType(llvm::StringRef Keyword) {
  return llvm::StringSwitch<std::optional<uint8_t>>(Keyword)
      .Case("func", 0x70)
      .Case("extern", 0x6F)
      .Case("any", 0x6E)
      .Case("eq", 0x6D)
      .Case("i31", 0x6C)
      .Case("struct", 0x6B)
      .Case("array", 0x6A)
      .Case("exn", 0x69)
      .Case("noexn", 0x74)
      .Case("nofunc", 0x73)
      .Case("noextern", 0x72)
      .Case("none", 0x71)
      .Default(std::nullopt);
}

/// Value types written as one keyword: numbers, vectors and the nullable
/// references' shorthands.
std::optional<uint8_t> valTypeKeyword(llvm::StringRef Keyword) {
  return llvm::StringSwitch<std::optional<uint8_t>>(Keyword)
      .Case("i32", 0x7F)
      .Case("i64", 0x7E)
      .Case("f32", 0x7D)
      .Case("f64", 0x7C)
      .Case("v128", 0x7B)
      .Default(std::nullopt);
}

std::optional<uint8_t> refTypeKeyword(llvm::StringRef Keyword) {
  return llvm::StringSwitch<std::optional<uint8_t>>(Keyword)
      .Case("funcref", 0x70)
      .Case("externref", 0x6F)
      .Case("anyref", 0x6E)
      .Case("eqref", 0x6D)
      .Case("i31ref", 0x6C)
      .Case("structref", 0x6B)
      .Case("arrayref", 0x6A)
      .Case("exnref", 0x69)
      .Case("nullexnref", 0x74)
      .Case("nullfuncref", 0x73)
      .Case("nullexternref", 0x72)
      .Case("nullref", 0x71)
      .Default(std::nullopt);
}

void writeTypes(ByteWriter &Out, const std::vector<EncodedType> &Types) {
  Out.uleb(Types.size());
  for (const EncodedType &T : Types)
    Out.bytes(T);
}

} // namespace

bool ModuleParser::atValType() const {
  const Token &T = C.peek();
  if (T.is(TokenKind::Keyword))
    return valTypeKeyword(T.Text) || refTypeKeyword(T.Text);
  return C.atGroup("ref");
}

llvm::Expected<EncodedType> ModuleParser::parseHeapType() {
  const Token &T = C.peek();
  if (T.is(TokenKind::Keyword)) {
    if (std::optional<uint8_t> Code = abstractHeapType(T.Text)) {
      C.next();
      return EncodedType{*Code};
    }
    return C.error("unexpected token, expected a heap type");
  }
  auto Index = parseIndex(Space::Type);
  if (!Index)
    return Index.takeError();
  ByteWriter Out;
  Out.sleb(*Index); // s33
  return Out.take();
}

llvm::Expected<EncodedType> ModuleParser::parseRefType() {
  const Token &T = C.peek();
  if (T.is(TokenKind::Keyword)) {
    if (std::optional<uint8_t> Code = refTypeKeyword(T.Text)) {
      C.next();
      return EncodedType{*Code};
    }
    return C.error("unexpected token, expected a reference type");
  }
  if (!C.consumeGroup("ref"))
    return C.error("unexpected token, expected a reference type");
  bool Nullable = C.consumeKeyword("null");
  auto Heap = parseHeapType();
  if (!Heap)
    return Heap.takeError();
  if (llvm::Error E = C.expectRParen())
    return E;
  // (ref null func) is funcref: the shorthand is the canonical encoding.
  if (Nullable && Heap->size() == 1 && (*Heap)[0] >= 0x69 && (*Heap)[0] <= 0x74)
    return *Heap;
  EncodedType Out{static_cast<uint8_t>(Nullable ? 0x63 : 0x64)};
  Out.insert(Out.end(), Heap->begin(), Heap->end());
  return Out;
}

llvm::Expected<EncodedType> ModuleParser::parseValType() {
  const Token &T = C.peek();
  if (T.is(TokenKind::Keyword)) {
    if (std::optional<uint8_t> Code = valTypeKeyword(T.Text)) {
      C.next();
      return EncodedType{*Code};
    }
  }
  if (T.is(TokenKind::Keyword) || C.atGroup("ref"))
    return parseRefType();
  return C.error("unexpected token, expected a value type");
}

llvm::Expected<EncodedType> ModuleParser::parseStorageType() {
  if (C.consumeKeyword("i8"))
    return EncodedType{0x78};
  if (C.consumeKeyword("i16"))
    return EncodedType{0x77};
  return parseValType();
}

llvm::Error ModuleParser::parseParams(FuncSignature &Sig, FunctionScope *Scope,
                                      bool NamesAllowed) {
  while (C.consumeGroup("param")) {
    if (C.peek().is(TokenKind::Id)) {
      if (!NamesAllowed)
        return C.error("unexpected token, parameters have no names here");
      const Token &Id = C.next();
      if (Scope && !Scope->LocalNames.try_emplace(identifierName(Id), Scope->LocalCount).second)
        return C.errorAt(Id, "duplicate local " + Id.Text);
      auto T = parseValType();
      if (!T)
        return T.takeError();
      Sig.Params.push_back(std::move(*T));
      if (Scope)
        ++Scope->LocalCount;
    } else {
      while (!C.peek().is(TokenKind::RParen)) {
        auto T = parseValType();
        if (!T)
          return T.takeError();
        Sig.Params.push_back(std::move(*T));
        if (Scope)
          ++Scope->LocalCount;
      }
    }
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseResults(FuncSignature &Sig) {
  while (C.consumeGroup("result")) {
    while (!C.peek().is(TokenKind::RParen)) {
      auto T = parseValType();
      if (!T)
        return T.takeError();
      Sig.Results.push_back(std::move(*T));
    }
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  return llvm::Error::success();
}

uint32_t ModuleParser::typeIndexFor(const FuncSignature &Sig) {
  for (size_t I = 0; I < Types.size(); ++I)
    if (Types[I].Plain && Types[I].Func && *Types[I].Func == Sig)
      return static_cast<uint32_t>(I);
  TypeSection.byte(0x60);
  writeTypes(TypeSection, Sig.Params);
  writeTypes(TypeSection, Sig.Results);
  ++TypeEntries;
  TypeInfo Info;
  Info.Func = Sig;
  Info.Plain = true;
  Types.push_back(std::move(Info));
  ++space(Space::Type).Count;
  return static_cast<uint32_t>(Types.size() - 1);
}

llvm::Expected<uint32_t> ModuleParser::parseTypeUse(FunctionScope *Scope, bool NamesAllowed) {
  std::optional<uint32_t> Explicit;
  if (C.consumeGroup("type")) {
    auto Index = parseIndex(Space::Type);
    if (!Index)
      return Index.takeError();
    Explicit = *Index;
    if (llvm::Error E = C.expectRParen())
      return E;
  }
  const Token &InlineStart = C.peek();
  FuncSignature Sig;
  if (llvm::Error E = parseParams(Sig, Scope, NamesAllowed))
    return E;
  if (llvm::Error E = parseResults(Sig))
    return E;
  if (!Explicit)
    return typeIndexFor(Sig);
  bool Inline = !Sig.Params.empty() || !Sig.Results.empty();
  if (*Explicit < Types.size() && Types[*Explicit].Func) {
    const FuncSignature &Declared = *Types[*Explicit].Func;
    if (Inline && !(Sig == Declared))
      return C.errorAt(InlineStart, "inline function type does not match the type use");
    if (!Inline && Scope)
      Scope->LocalCount = static_cast<uint32_t>(Declared.Params.size());
  }
  return *Explicit;
}

llvm::Error ModuleParser::parseTypeField(ByteWriter &Out, bool InRec) {
  // At `(type`.
  C.next();
  C.next();
  if (C.peek().is(TokenKind::Id))
    C.next();
  TypeInfo Info;
  bool Sub = C.consumeGroup("sub");
  if (Sub) {
    bool Final = C.consumeKeyword("final");
    std::vector<uint32_t> Supers;
    while (atIndex()) {
      auto Index = parseIndex(Space::Type);
      if (!Index)
        return Index.takeError();
      Supers.push_back(*Index);
    }
    Out.byte(Final ? 0x4F : 0x50);
    Out.uleb(Supers.size());
    for (uint32_t S : Supers)
      Out.uleb(S);
    Info.Plain = !InRec && Final && Supers.empty();
  } else {
    Info.Plain = !InRec;
  }
  if (C.consumeGroup("func")) {
    FuncSignature Sig;
    if (llvm::Error E = parseParams(Sig, nullptr))
      return E;
    if (llvm::Error E = parseResults(Sig))
      return E;
    Out.byte(0x60);
    writeTypes(Out, Sig.Params);
    writeTypes(Out, Sig.Results);
    Info.Func = std::move(Sig);
  } else if (C.consumeGroup("struct")) {
    Info.Plain = false;
    ByteWriter Fields;
    uint32_t Count = 0;
    while (C.consumeGroup("field")) {
      bool Named = C.peek().is(TokenKind::Id);
      if (Named) {
        const Token &Id = C.next();
        if (!Info.FieldNames.try_emplace(identifierName(Id), Count).second)
          return C.errorAt(Id, "duplicate field " + Id.Text);
      }
      do {
        bool Mutable = C.consumeGroup("mut");
        auto T = parseStorageType();
        if (!T)
          return T.takeError();
        Fields.bytes(*T);
        Fields.byte(Mutable ? 1 : 0);
        if (Mutable)
          if (llvm::Error E = C.expectRParen())
            return E;
        ++Count;
      } while (!Named && !C.peek().is(TokenKind::RParen));
      if (llvm::Error E = C.expectRParen())
        return E;
    }
    Out.byte(0x5F);
    Out.uleb(Count);
    Out.bytes(Fields.data());
  } else if (C.consumeGroup("array")) {
    Info.Plain = false;
    bool Mutable = C.consumeGroup("mut");
    auto T = parseStorageType();
    if (!T)
      return T.takeError();
    if (Mutable)
      if (llvm::Error E = C.expectRParen())
        return E;
    Out.byte(0x5E);
    Out.bytes(*T);
    Out.byte(Mutable ? 1 : 0);
  } else {
    return C.error("unexpected token, expected a composite type");
  }
  if (llvm::Error E = C.expectRParen()) // the composite type
    return E;
  if (Sub)
    if (llvm::Error E = C.expectRParen())
      return E;
  Types.push_back(std::move(Info));
  return C.expectRParen();
}

llvm::Error ModuleParser::parseTypeDefinitions() {
  while (C.peek().is(TokenKind::LParen)) {
    if (C.atGroup("type")) {
      if (llvm::Error E = parseTypeField(TypeSection, /*InRec=*/false))
        return E;
      ++TypeEntries;
      continue;
    }
    if (!C.consumeGroup("rec")) {
      C.skipGroup();
      continue;
    }
    ByteWriter Group;
    uint32_t Count = 0;
    while (C.atGroup("type")) {
      if (llvm::Error E = parseTypeField(Group, /*InRec=*/true))
        return E;
      ++Count;
    }
    if (llvm::Error E = C.expectRParen())
      return E;
    TypeSection.byte(0x4E);
    TypeSection.uleb(Count);
    TypeSection.bytes(Group.data());
    ++TypeEntries;
  }
  return llvm::Error::success();
}
