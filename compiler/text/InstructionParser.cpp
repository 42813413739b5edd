//===- text/InstructionParser.cpp - Instructions, flat and folded ----------===//
//
// Plain instructions come from the opcode table (ir/Opcodes.def): their
// text name gives the encoding and the immediate layout, so the text front
// end knows exactly the instructions the rest of the compiler knows.
// Structured instructions and folded expressions are handled here; folded
// operands are emitted before their instruction, as the text format defines.
//
//===----------------------------------------------------------------------===//
#include "text/ModuleParser.h"

#include "ir/Opcode.h"
#include "support/Error.h"
#include "text/Literals.h"

#include "llvm/ADT/StringSwitch.h"

using namespace wasmaot;
using namespace wasmaot::text;
using ir::ImmKind;

namespace {

const llvm::StringMap<ir::Opcode> &opcodesByName() {
  static const llvm::StringMap<ir::Opcode> Map = [] {
    llvm::StringMap<ir::Opcode> M;
    // The first of two opcodes with one name wins: `select` is Select, and
    // becomes SelectT when a result type follows.
#define WASM_OPCODE(Enum, Prefix, Code, Text, Imm, Aux, Sig) M.try_emplace(Text, ir::Opcode::Enum);
#include "ir/Opcodes.def"
    return M;
  }();
  return Map;
}

void writeOpcode(ByteWriter &Out, const ir::OpcodeInfo &Info) {
  if (Info.Prefix) {
    Out.byte(Info.Prefix);
    Out.uleb(Info.Code);
    return;
  }
  Out.byte(static_cast<uint8_t>(Info.Code));
}

/// Keywords that end an instruction sequence; the enclosing construct
/// decides whether they are in place.
bool endsSequence(const Token &T) {
  return T.isKeyword("end") || T.isKeyword("else") || T.isKeyword("catch") ||
         T.isKeyword("catch_all") || T.isKeyword("delegate");
}

std::optional<uint8_t> blockOpcode(llvm::StringRef Keyword) {
  return llvm::StringSwitch<std::optional<uint8_t>>(Keyword)
      .Case("block", 0x02)
      .Case("loop", 0x03)
      .Case("if", 0x04)
      .Default(std::nullopt);
}

} // namespace

bool ModuleParser::atIndex() const {
  const Token &T = C.peek();
  return T.is(TokenKind::Id) || (T.is(TokenKind::Number) && isUnsignedInteger(T.Text));
}

llvm::Expected<uint32_t> ModuleParser::parseIndex(Space S) {
  const Token &T = C.peek();
  if (T.is(TokenKind::Id)) {
    C.next();
    IndexSpace &Sp = space(S);
    auto It = Sp.Names.find(identifierName(T));
    if (It == Sp.Names.end()) {
      static const char *Names[] = {"type",   "function", "table", "memory",
                                    "global", "elem",     "data",  "tag"};
      return C.errorAt(T, llvm::Twine("unknown ") + Names[static_cast<unsigned>(S)] + " " +
                              T.Text);
    }
    return It->second;
  }
  if (!T.is(TokenKind::Number))
    return C.error("unexpected token, expected an index");
  C.next();
  auto V = parseUnsigned(T.Text, 32);
  if (!V)
    return C.errorAt(T, llvm::toString(V.takeError()));
  return static_cast<uint32_t>(*V);
}

llvm::Expected<std::optional<uint32_t>> ModuleParser::parseOptionalIndex(Space S) {
  if (!atIndex())
    return std::nullopt;
  auto Index = parseIndex(S);
  if (!Index)
    return Index.takeError();
  return *Index;
}

llvm::Expected<uint32_t> ModuleParser::parseLabel(FunctionScope &Scope) {
  const Token &T = C.peek();
  if (!T.is(TokenKind::Id)) {
    if (!T.is(TokenKind::Number))
      return C.error("unexpected token, expected a label");
    C.next();
    auto V = parseUnsigned(T.Text, 32);
    if (!V)
      return C.errorAt(T, llvm::toString(V.takeError()));
    return static_cast<uint32_t>(*V);
  }
  C.next();
  for (size_t I = Scope.Labels.size(); I-- > 0;)
    if (Scope.Labels[I] && *Scope.Labels[I] == identifierName(T))
      return static_cast<uint32_t>(Scope.Labels.size() - 1 - I);
  return C.errorAt(T, "unknown label " + T.Text);
}

llvm::Expected<uint32_t> ModuleParser::parseLocal(FunctionScope &Scope) {
  const Token &T = C.peek();
  if (!T.is(TokenKind::Id))
    return parseIndex(Space::Type); // a number: no space's names are used
  C.next();
  auto It = Scope.LocalNames.find(identifierName(T));
  if (It == Scope.LocalNames.end())
    return C.errorAt(T, "unknown local " + T.Text);
  return It->second;
}

llvm::Error ModuleParser::parseMemArg(ByteWriter &Out, unsigned NaturalSize, bool AllowMemory) {
  uint32_t Memory = 0;
  if (AllowMemory && atIndex()) {
    auto M = parseIndex(Space::Memory);
    if (!M)
      return M.takeError();
    Memory = *M;
  }
  // Offsets are u64 in the text format; the validator bounds those of
  // 32-bit memories.
  uint64_t Offset = 0;
  const Token &OffsetToken = C.peek();
  if (OffsetToken.is(TokenKind::Keyword) && OffsetToken.Text.starts_with("offset=")) {
    C.next();
    auto V = parseUnsigned(OffsetToken.Text.drop_front(7), 64);
    if (!V)
      return C.errorAt(OffsetToken, llvm::toString(V.takeError()));
    Offset = *V;
  }
  uint64_t Align = NaturalSize;
  const Token &AlignToken = C.peek();
  if (AlignToken.is(TokenKind::Keyword) && AlignToken.Text.starts_with("align=")) {
    C.next();
    auto V = parseUnsigned(AlignToken.Text.drop_front(6), 64);
    if (!V)
      return C.errorAt(AlignToken, llvm::toString(V.takeError()));
    if (!llvm::isPowerOf2_64(*V))
      return C.errorAt(AlignToken, "alignment must be a power of two");
    Align = *V;
  }
  uint32_t Flags = llvm::Log2_64(Align) | (Memory ? 0x40 : 0);
  Out.uleb(Flags);
  if (Memory)
    Out.uleb(Memory);
  Out.uleb(Offset);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseV128Const(ByteWriter &Out) {
  const Token &Shape = C.next();
  struct ShapeInfo {
    unsigned Lanes, Bits;
    bool Float;
  };
  auto Info = llvm::StringSwitch<std::optional<ShapeInfo>>(Shape.Text)
                  .Case("i8x16", ShapeInfo{16, 8, false})
                  .Case("i16x8", ShapeInfo{8, 16, false})
                  .Case("i32x4", ShapeInfo{4, 32, false})
                  .Case("i64x2", ShapeInfo{2, 64, false})
                  .Case("f32x4", ShapeInfo{4, 32, true})
                  .Case("f64x2", ShapeInfo{2, 64, true})
                  .Default(std::nullopt);
  if (!Shape.is(TokenKind::Keyword) || !Info)
    return C.errorAt(Shape, "unexpected token, expected a vector shape");
  for (unsigned I = 0; I < Info->Lanes; ++I) {
    const Token &Lane = C.peek();
    if (!Lane.is(TokenKind::Number) && !(Info->Float && Lane.is(TokenKind::Keyword)))
      return C.error("wrong number of lane literals");
    C.next();
    auto Bits = parseNumberBits(Lane.Text, Info->Float, Info->Bits);
    if (!Bits)
      return C.errorAt(Lane, llvm::toString(Bits.takeError()));
    Out.fixed(*Bits, Info->Bits / 8);
  }
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseBlockType(ByteWriter &Out) {
  if (C.atGroup("type")) {
    auto Index = parseTypeUse(nullptr, /*NamesAllowed=*/false);
    if (!Index)
      return Index.takeError();
    Out.sleb(*Index);
    return llvm::Error::success();
  }
  FuncSignature Sig;
  if (llvm::Error E = parseParams(Sig, nullptr, /*NamesAllowed=*/false))
    return E;
  if (llvm::Error E = parseResults(Sig))
    return E;
  if (Sig.Params.empty() && Sig.Results.empty()) {
    Out.byte(0x40);
    return llvm::Error::success();
  }
  if (Sig.Params.empty() && Sig.Results.size() == 1) {
    Out.bytes(Sig.Results[0]);
    return llvm::Error::success();
  }
  Out.sleb(typeIndexFor(Sig));
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseLabelAfterEnd(FunctionScope &Scope, const Token &At) {
  if (!C.peek().is(TokenKind::Id))
    return llvm::Error::success();
  const Token &Id = C.next();
  const std::optional<std::string> &Label = Scope.Labels.back();
  if (!Label || *Label != identifierName(Id))
    return C.errorAt(Id, "mismatching label " + Id.Text + " after `" + At.Text + "`");
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseInstructions(ByteWriter &Out, FunctionScope &Scope) {
  while (true) {
    const Token &T = C.peek();
    if (T.is(TokenKind::LParen)) {
      if (llvm::Error E = parseFoldedInstruction(Out, Scope))
        return E;
      continue;
    }
    if (!T.is(TokenKind::Keyword) || endsSequence(T))
      return llvm::Error::success();
    if (blockOpcode(T.Text)) {
      const Token &Op = C.next();
      if (llvm::Error E = parseBlockInstruction(Out, Scope, Op))
        return E;
      continue;
    }
    if (llvm::Error E = parsePlainInstruction(Out, Scope, /*Folded=*/false))
      return E;
  }
}

llvm::Error ModuleParser::parseBlockInstruction(ByteWriter &Out, FunctionScope &Scope,
                                                const Token &Op) {
  std::optional<std::string> Label;
  if (C.peek().is(TokenKind::Id))
    Label = identifierName(C.next());
  Out.byte(*blockOpcode(Op.Text));
  if (llvm::Error E = parseBlockType(Out))
    return E;
  Scope.Labels.push_back(Label);
  if (llvm::Error E = parseInstructions(Out, Scope))
    return E;
  if (Op.Text == "if" && C.peek().isKeyword("else")) {
    const Token &Else = C.next();
    if (llvm::Error E = parseLabelAfterEnd(Scope, Else))
      return E;
    Out.byte(0x05);
    if (llvm::Error E = parseInstructions(Out, Scope))
      return E;
  }
  const Token &End = C.peek();
  if (llvm::Error E = C.expectKeyword("end"))
    return E;
  if (llvm::Error E = parseLabelAfterEnd(Scope, End))
    return E;
  Out.byte(0x0B);
  Scope.Labels.pop_back();
  return llvm::Error::success();
}

llvm::Error ModuleParser::parseFoldedInstruction(ByteWriter &Out, FunctionScope &Scope) {
  C.next(); // (
  const Token &Op = C.peek();
  if (!Op.is(TokenKind::Keyword))
    return C.error("unexpected token, expected an instruction");
  std::optional<uint8_t> Block = blockOpcode(Op.Text);
  if (!Block) {
    if (llvm::Error E = parsePlainInstruction(Out, Scope, /*Folded=*/true))
      return E;
    return C.expectRParen();
  }
  C.next();
  std::optional<std::string> Label;
  if (C.peek().is(TokenKind::Id))
    Label = identifierName(C.next());
  ByteWriter Header;
  Header.byte(*Block);
  if (llvm::Error E = parseBlockType(Header))
    return E;

  if (*Block != 0x04) {
    Out.bytes(Header.data());
    Scope.Labels.push_back(Label);
    if (llvm::Error E = parseInstructions(Out, Scope))
      return E;
  } else {
    // (if label? blocktype condition* (then instr*) (else instr*)?): the
    // condition is evaluated outside the if's label.
    while (C.peek().is(TokenKind::LParen) && !C.atGroup("then"))
      if (llvm::Error E = parseFoldedInstruction(Out, Scope))
        return E;
    Out.bytes(Header.data());
    Scope.Labels.push_back(Label);
    if (!C.consumeGroup("then"))
      return C.error("unexpected token, expected `(then`");
    if (llvm::Error E = parseInstructions(Out, Scope))
      return E;
    if (llvm::Error E = C.expectRParen())
      return E;
    if (C.consumeGroup("else")) {
      Out.byte(0x05);
      if (llvm::Error E = parseInstructions(Out, Scope))
        return E;
      if (llvm::Error E = C.expectRParen())
        return E;
    }
  }
  Scope.Labels.pop_back();
  Out.byte(0x0B);
  return C.expectRParen();
}

llvm::Error ModuleParser::parseConstExpr(ByteWriter &Out) {
  FunctionScope Scope;
  if (llvm::Error E = parseInstructions(Out, Scope))
    return E;
  Out.byte(0x0B);
  return llvm::Error::success();
}

llvm::Error ModuleParser::parsePlainInstruction(ByteWriter &Out, FunctionScope &Scope,
                                                bool Folded) {
  const Token &Op = C.next();
  auto It = opcodesByName().find(Op.Text);
  if (It == opcodesByName().end())
    return C.errorAt(Op, "unknown operator " + Op.Text);
  ir::Opcode Opcode = It->second;
  const ir::OpcodeInfo *Info = &ir::opcodeInfo(Opcode);
  if (Opcode == ir::Opcode::Select && C.atGroup("result"))
    Info = &ir::opcodeInfo(ir::Opcode::SelectT);
  if (Info->Imm == ImmKind::BlockType || Opcode == ir::Opcode::Else || Opcode == ir::Opcode::End)
    return C.errorAt(Op, "unexpected token");

  // The instruction and its immediates go after the folded operands.
  ByteWriter Instr;
  writeOpcode(Instr, *Info);
  auto index = [&](Space S) -> llvm::Error {
    auto Index = parseIndex(S);
    if (!Index)
      return Index.takeError();
    Instr.uleb(*Index);
    return llvm::Error::success();
  };
  auto optionalIndex = [&](Space S) -> llvm::Expected<uint32_t> {
    auto Index = parseOptionalIndex(S);
    if (!Index)
      return Index.takeError();
    return Index->value_or(0);
  };
  auto number = [&](bool Float, unsigned Bits) -> llvm::Expected<uint64_t> {
    const Token &T = C.peek();
    if (!T.is(TokenKind::Number) && !(Float && T.is(TokenKind::Keyword)))
      return C.error("unexpected token, expected a number");
    C.next();
    auto V = parseNumberBits(T.Text, Float, Bits);
    if (!V)
      return C.errorAt(T, llvm::toString(V.takeError()));
    return *V;
  };

  llvm::Error E = llvm::Error::success();
  switch (Info->Imm) {
  case ImmKind::None:
  case ImmKind::BlockType:
    break;
  case ImmKind::LabelIdx: {
    auto L = parseLabel(Scope);
    if (!L)
      return L.takeError();
    Instr.uleb(*L);
    break;
  }
  case ImmKind::BrTable: {
    std::vector<uint32_t> Labels;
    while (atIndex()) {
      auto L = parseLabel(Scope);
      if (!L)
        return L.takeError();
      Labels.push_back(*L);
    }
    if (Labels.empty())
      return C.error("unexpected token, expected a label");
    Instr.uleb(Labels.size() - 1);
    for (uint32_t L : Labels)
      Instr.uleb(L);
    break;
  }
  case ImmKind::FuncIdx:
    E = index(Space::Func);
    break;
  case ImmKind::CallIndirect: {
    auto Table = optionalIndex(Space::Table);
    if (!Table)
      return Table.takeError();
    auto Type = parseTypeUse(nullptr, /*NamesAllowed=*/false);
    if (!Type)
      return Type.takeError();
    Instr.uleb(*Type);
    Instr.uleb(*Table);
    break;
  }
  case ImmKind::LocalIdx: {
    auto L = parseLocal(Scope);
    if (!L)
      return L.takeError();
    Instr.uleb(*L);
    break;
  }
  case ImmKind::GlobalIdx:
    E = index(Space::Global);
    break;
  case ImmKind::TableIdx: {
    auto Table = optionalIndex(Space::Table);
    if (!Table)
      return Table.takeError();
    Instr.uleb(*Table);
    break;
  }
  case ImmKind::MemArg:
    E = parseMemArg(Instr, Info->Aux, /*AllowMemory=*/true);
    break;
  case ImmKind::MemArgLane: {
    // `memidx? memarg lane`: a leading index is the memory only when
    // something other than `)` follows it.
    const Token &Next = C.peek(1);
    bool HasMemory = atIndex() && (Next.is(TokenKind::Number) || Next.is(TokenKind::Keyword));
    if (llvm::Error Err = parseMemArg(Instr, Info->Aux, HasMemory))
      return Err;
    auto Lane = number(false, 8);
    if (!Lane)
      return Lane.takeError();
    Instr.byte(static_cast<uint8_t>(*Lane));
    break;
  }
  case ImmKind::MemIdx: {
    auto Memory = optionalIndex(Space::Memory);
    if (!Memory)
      return Memory.takeError();
    Instr.uleb(*Memory);
    break;
  }
  case ImmKind::I32: {
    auto V = number(false, 32);
    if (!V)
      return V.takeError();
    Instr.sleb(static_cast<int32_t>(static_cast<uint32_t>(*V)));
    break;
  }
  case ImmKind::I64: {
    auto V = number(false, 64);
    if (!V)
      return V.takeError();
    Instr.sleb(static_cast<int64_t>(*V));
    break;
  }
  case ImmKind::F32:
  case ImmKind::F64: {
    unsigned Bits = Info->Imm == ImmKind::F32 ? 32 : 64;
    auto V = number(true, Bits);
    if (!V)
      return V.takeError();
    Instr.fixed(*V, Bits / 8);
    break;
  }
  case ImmKind::V128:
    E = parseV128Const(Instr);
    break;
  case ImmKind::Shuffle:
    for (unsigned I = 0; I < 16; ++I) {
      if (!C.peek().is(TokenKind::Number))
        return C.error("wrong number of lane indices");
      auto Lane = number(false, 8);
      if (!Lane)
        return Lane.takeError();
      Instr.byte(static_cast<uint8_t>(*Lane));
    }
    break;
  case ImmKind::Lane: {
    const Token &T = C.peek();
    if (!T.is(TokenKind::Number))
      return C.error("unexpected token, expected a lane index");
    C.next();
    auto Lane = parseUnsigned(T.Text, 8);
    if (!Lane)
      return C.errorAt(T, llvm::toString(Lane.takeError()));
    Instr.byte(static_cast<uint8_t>(*Lane));
    break;
  }
  case ImmKind::SelectT: {
    FuncSignature Sig;
    if (llvm::Error Err = parseResults(Sig))
      return Err;
    Instr.uleb(Sig.Results.size());
    for (const EncodedType &T : Sig.Results)
      Instr.bytes(T);
    break;
  }
  case ImmKind::RefType: {
    auto Heap = parseHeapType();
    if (!Heap)
      return Heap.takeError();
    Instr.bytes(*Heap);
    break;
  }
  case ImmKind::DataIdx:
    UsesDataCount = true;
    E = index(Space::Data);
    break;
  case ImmKind::ElemIdx:
    E = index(Space::Elem);
    break;
  case ImmKind::MemoryInit:
  case ImmKind::TableInit: {
    // `memory.init memidx? dataidx`, `table.init tableidx? elemidx`,
    // encoded segment first.
    bool Memory = Info->Imm == ImmKind::MemoryInit;
    UsesDataCount |= Memory;
    Space Target = Memory ? Space::Memory : Space::Table;
    Space Segment = Memory ? Space::Data : Space::Elem;
    size_t Start = C.position();
    bool Two = atIndex() && (C.next(), atIndex());
    C.seek(Start);
    uint32_t TargetIndex = 0;
    if (Two) {
      auto T = parseIndex(Target);
      if (!T)
        return T.takeError();
      TargetIndex = *T;
    }
    if (llvm::Error Err = index(Segment))
      return Err;
    Instr.uleb(TargetIndex);
    break;
  }
  case ImmKind::MemoryCopy:
  case ImmKind::TableCopy: {
    Space S = Info->Imm == ImmKind::MemoryCopy ? Space::Memory : Space::Table;
    uint32_t Dest = 0, Source = 0;
    if (atIndex()) {
      auto D = parseIndex(S);
      if (!D)
        return D.takeError();
      auto Src = parseIndex(S);
      if (!Src)
        return Src.takeError();
      Dest = *D;
      Source = *Src;
    }
    Instr.uleb(Dest);
    Instr.uleb(Source);
    break;
  }
  }
  if (E)
    return E;
  if (Folded)
    while (C.peek().is(TokenKind::LParen))
      if (llvm::Error Err = parseFoldedInstruction(Out, Scope))
        return Err;
  Out.bytes(Instr.data());
  return llvm::Error::success();
}
