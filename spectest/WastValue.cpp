//===- spectest/WastValue.cpp ----------------------------------------------===//
#include "WastValue.h"

#include "text/Literals.h"

#include "llvm/ADT/StringSwitch.h"

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;
using namespace wasmaot::text;
using Pattern = WastValue::Pattern;

namespace {

/// The width in bytes of a lane shape ("i8" .. "f64"), or 0.
unsigned laneBytes(const std::string &Lane) {
  return llvm::StringSwitch<unsigned>(Lane)
      .Case("i8", 1)
      .Case("i16", 2)
      .Cases("i32", "f32", 4)
      .Cases("i64", "f64", 8)
      .Default(0);
}

/// One number (or float lane) of type Lane ("i32", "f64", ...) into Out,
/// or a NaN pattern for floats.
llvm::Error parseLane(TokenCursor &C, llvm::StringRef Lane, uint8_t *Out, Pattern &P) {
  const Token &T = C.peek();
  bool Float = Lane[0] == 'f';
  unsigned Bytes = laneBytes(Lane.str());
  if (Float && (T.isKeyword("nan:canonical") || T.isKeyword("nan:arithmetic"))) {
    C.next();
    P = T.Text == "nan:canonical" ? Pattern::CanonicalNan : Pattern::ArithmeticNan;
    return llvm::Error::success();
  }
  if (!T.is(TokenKind::Number) && !(Float && T.is(TokenKind::Keyword)))
    return C.error("unexpected token, expected a number");
  C.next();
  P = Pattern::Exact;
  auto Bits = parseNumberBits(T.Text, Float, Bytes * 8);
  if (!Bits)
    return C.errorAt(T, llvm::toString(Bits.takeError()));
  std::memcpy(Out, &*Bits, Bytes);
  return llvm::Error::success();
}

bool nanMatches(Pattern P, const uint8_t *Lane, unsigned Bytes) {
  if (Bytes == 4) {
    uint32_t Bits;
    std::memcpy(&Bits, Lane, 4);
    return P == Pattern::CanonicalNan ? (Bits & 0x7fffffffu) == 0x7fc00000u
                                      : (Bits & 0x7fc00000u) == 0x7fc00000u;
  }
  uint64_t Bits;
  std::memcpy(&Bits, Lane, 8);
  constexpr uint64_t Quiet = 0x7ff8000000000000ull;
  return P == Pattern::CanonicalNan ? (Bits & ~(1ull << 63)) == Quiet : (Bits & Quiet) == Quiet;
}

std::string laneText(const uint8_t *Lane, unsigned Bytes) {
  uint64_t Bits = 0;
  std::memcpy(&Bits, Lane, Bytes);
  return std::to_string(Bits);
}

void *slotPointer(const runtime::Slot &S) {
  void *P;
  std::memcpy(&P, S.Bytes, sizeof P);
  return P;
}

} // namespace

uint8_t WastValue::typeCode() const {
  static constexpr uint8_t Codes[] = {0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x6E, 0x69, 0x71};
  return Codes[static_cast<unsigned>(T)];
}

namespace {

/// The hierarchy of a reference type code: its top type's code, or 0 for
/// no reference type.
uint8_t hierarchyOf(uint8_t Code) {
  switch (Code) {
  case 0x70: // func
  case 0x73: // nofunc
    return 0x70;
  case 0x6F: // extern
  case 0x72: // noextern
    return 0x6F;
  case 0x6E: // any
  case 0x6D: // eq
  case 0x6C: // i31
  case 0x6B: // struct
  case 0x6A: // array
  case 0x71: // none
    return 0x6E;
  case 0x69: // exn
  case 0x74: // noexn
    return 0x69;
  default:
    return 0;
  }
}

} // namespace

runtime::Slot WastValue::toSlot() const {
  runtime::Slot S;
  if (isRef()) {
    void *P = IsNull || AnyRef ? nullptr
                               : reinterpret_cast<void *>(static_cast<uintptr_t>(HostRef + 1));
    std::memcpy(S.Bytes, &P, sizeof P);
    return S;
  }
  std::memcpy(S.Bytes, Bytes, 16);
  return S;
}

bool WastValue::accepts(uint8_t Code, const runtime::Slot &Result) const {
  if (!Alternatives.empty())
    return llvm::any_of(Alternatives,
                        [&](const WastValue &Alt) { return Alt.accepts(Code, Result); });
  if (!isRef() && Code != typeCode())
    return false;
  if (isRef()) {
    uint8_t Hierarchy = hierarchyOf(Code);
    if (!Hierarchy || (T != Type::NullRef && Hierarchy != hierarchyOf(typeCode())))
      return false;
  }
  switch (T) {
  case Type::FuncRef:
  case Type::ExternRef:
  case Type::AnyRef:
  case Type::ExnRef:
  case Type::NullRef: {
    void *P = slotPointer(Result);
    if (IsNull)
      return P == nullptr;
    if (AnyRef || T == Type::FuncRef)
      return P != nullptr;
    return P == reinterpret_cast<void *>(static_cast<uintptr_t>(HostRef + 1));
  }
  case Type::I32:
  case Type::F32:
    if (Lanes[0] != Pattern::Exact)
      return nanMatches(Lanes[0], Result.Bytes, 4);
    return std::memcmp(Bytes, Result.Bytes, 4) == 0;
  case Type::I64:
  case Type::F64:
    if (Lanes[0] != Pattern::Exact)
      return nanMatches(Lanes[0], Result.Bytes, 8);
    return std::memcmp(Bytes, Result.Bytes, 8) == 0;
  case Type::V128: {
    unsigned Width = laneBytes(LaneType);
    for (unsigned L = 0; L < Lanes.size(); ++L) {
      const uint8_t *Got = Result.Bytes + L * Width;
      bool Ok = Lanes[L] == Pattern::Exact ? std::memcmp(Bytes + L * Width, Got, Width) == 0
                                           : nanMatches(Lanes[L], Got, Width);
      if (!Ok)
        return false;
    }
    return true;
  }
  }
  return false;
}

std::string WastValue::describe() const {
  if (!Alternatives.empty()) {
    std::string Out = "either(";
    for (const WastValue &Alt : Alternatives)
      Out += (Out.size() > 7 ? " | " : "") + Alt.describe();
    return Out + ")";
  }
  static constexpr const char *Names[] = {"i32",     "i64",       "f32",    "f64",    "v128",
                                          "funcref", "externref", "anyref", "exnref", "ref"};
  std::string Out = std::string(Names[static_cast<unsigned>(T)]) + ":";
  auto PatternText = [](Pattern P) {
    return P == Pattern::CanonicalNan ? "nan:canonical" : "nan:arithmetic";
  };
  switch (T) {
  case Type::FuncRef:
  case Type::ExternRef:
  case Type::AnyRef:
  case Type::ExnRef:
  case Type::NullRef:
    if (IsNull)
      return Out + "null" + (HeapType.empty() ? "" : " " + HeapType);
    return Out + (AnyRef ? "non-null" + (HeapType.empty() ? "" : " " + HeapType)
                         : std::to_string(HostRef));
  case Type::V128: {
    unsigned Width = laneBytes(LaneType);
    Out += LaneType + "[";
    for (unsigned L = 0; L < Lanes.size(); ++L) {
      Out += L ? " " : "";
      Out += Lanes[L] == Pattern::Exact ? laneText(Bytes + L * Width, Width)
                                        : PatternText(Lanes[L]);
    }
    return Out + "]";
  }
  default:
    if (Lanes[0] != Pattern::Exact)
      return Out + PatternText(Lanes[0]);
    return Out + laneText(Bytes, T == Type::I32 || T == Type::F32 ? 4 : 8);
  }
}

std::string wasmaot::spectest::describeSlot(uint8_t Code, const runtime::Slot &Result) {
  switch (Code) {
  case 0x7F:
  case 0x7D:
    return (Code == 0x7F ? "i32:" : "f32:") + laneText(Result.Bytes, 4);
  case 0x7E:
  case 0x7C:
    return (Code == 0x7E ? "i64:" : "f64:") + laneText(Result.Bytes, 8);
  case 0x7B: {
    std::string Out = "v128:i32[";
    for (unsigned L = 0; L < 4; ++L)
      Out += (L ? " " : "") + laneText(Result.Bytes + 4 * L, 4);
    return Out + "]";
  }
  default: {
    void *P = slotPointer(Result);
    if (!P)
      return "ref:null";
    char Buffer[32];
    std::snprintf(Buffer, sizeof Buffer, "ref:%p", P);
    return Buffer;
  }
  }
}


namespace {

/// The value type of a reference to heap type Heap ("func", "none", ...),
/// or nullopt for no heap type the runner knows by name. Type names and
/// indices ("$t", "0") are resolved by no module here: NullRef.
std::optional<WastValue::Type> refTypeOf(const Token &Heap) {
  if (Heap.is(TokenKind::Id) || Heap.is(TokenKind::Number))
    return WastValue::Type::NullRef;
  return llvm::StringSwitch<std::optional<WastValue::Type>>(Heap.Text)
      .Cases("func", "nofunc", WastValue::Type::FuncRef)
      .Cases("extern", "noextern", WastValue::Type::ExternRef)
      .Cases("any", "eq", "i31", "struct", "array", "none", WastValue::Type::AnyRef)
      .Cases("exn", "noexn", WastValue::Type::ExnRef)
      .Default(std::nullopt);
}

} // namespace

llvm::Expected<WastValue> wasmaot::spectest::parseWastValue(TokenCursor &C, bool AllowEither) {
  if (llvm::Error E = C.expect(TokenKind::LParen, "`(`"))
    return E;
  const Token &Op = C.next();
  WastValue V;
  llvm::StringRef Kind = Op.Text;
  if (AllowEither && Kind == "either") {
    // Alternatives are single results, never nested.
    while (C.peek().is(TokenKind::LParen)) {
      auto Alt = parseWastValue(C);
      if (!Alt)
        return Alt.takeError();
      V.Alternatives.push_back(std::move(*Alt));
    }
    if (V.Alternatives.empty())
      return C.error("unexpected token, expected a result");
    V.T = V.Alternatives.front().T;
  } else if (Kind == "i32.const" || Kind == "i64.const" || Kind == "f32.const" ||
             Kind == "f64.const") {
    static const std::pair<const char *, WastValue::Type> Types[] = {
        {"i32", WastValue::Type::I32},
        {"i64", WastValue::Type::I64},
        {"f32", WastValue::Type::F32},
        {"f64", WastValue::Type::F64}};
    llvm::StringRef Lane = Kind.take_front(3);
    for (const auto &[Name, T] : Types)
      if (Lane == Name)
        V.T = T;
    if (llvm::Error E = parseLane(C, Lane, V.Bytes, V.Lanes[0]))
      return E;
  } else if (Kind == "v128.const") {
    V.T = WastValue::Type::V128;
    const Token &Shape = C.next();
    V.LaneType = Shape.Text.take_front(Shape.Text.find('x')).str();
    unsigned Width = laneBytes(V.LaneType);
    if (!Shape.is(TokenKind::Keyword) || Width == 0 ||
        Shape.Text != V.LaneType + "x" + std::to_string(16 / Width))
      return C.errorAt(Shape, "unexpected token, expected a vector shape");
    V.Lanes.assign(16 / Width, Pattern::Exact);
    for (unsigned L = 0; L < V.Lanes.size(); ++L)
      if (llvm::Error E = parseLane(C, V.LaneType, V.Bytes + L * Width, V.Lanes[L]))
        return E;
  } else if (Kind == "ref.null") {
    V.IsNull = true;
    V.T = WastValue::Type::NullRef; // `(ref.null)`: a null of any type
    if (!C.peek().is(TokenKind::RParen)) {
      const Token &Heap = C.next();
      std::optional<WastValue::Type> T = refTypeOf(Heap);
      if (!T)
        return C.errorAt(Heap, "unexpected token, expected a heap type");
      V.T = *T;
      V.HeapType = Heap.Text.str();
    }
  } else if (Kind == "ref.struct" || Kind == "ref.array" || Kind == "ref.i31" ||
             Kind == "ref.eq" || Kind == "ref.any" || Kind == "ref.exn") {
    // Any non-null reference of that kind.
    V.T = Kind == "ref.exn" ? WastValue::Type::ExnRef : WastValue::Type::AnyRef;
    V.AnyRef = true;
    V.HeapType = Kind.drop_front(4).str();
  } else if (Kind == "ref.host") {
    V.T = WastValue::Type::AnyRef;
    const Token &N = C.next();
    auto Ref = parseUnsigned(N.Text, 32);
    if (!N.is(TokenKind::Number) || !Ref)
      return C.errorAt(N, Ref ? "unexpected token, expected a number"
                              : llvm::toString(Ref.takeError()));
    V.HostRef = *Ref;
  } else if (Kind == "ref.extern" || Kind == "ref.func") {
    V.T = Kind == "ref.func" ? WastValue::Type::FuncRef : WastValue::Type::ExternRef;
    if (C.peek().is(TokenKind::Number) && V.T == WastValue::Type::ExternRef) {
      const Token &N = C.next();
      auto Ref = parseUnsigned(N.Text, 32);
      if (!Ref)
        return C.errorAt(N, llvm::toString(Ref.takeError()));
      V.HostRef = *Ref;
    } else {
      V.AnyRef = true;
      if (C.peek().is(TokenKind::Number) || C.peek().is(TokenKind::Id))
        C.next(); // the function a ref.func names: any non-null reference matches
    }
  } else {
    return C.errorAt(Op, "unsupported constant `" + Kind + "`");
  }
  if (llvm::Error E = C.expectRParen())
    return E;
  return V;
}
