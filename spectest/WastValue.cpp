//===- spectest/WastValue.cpp ----------------------------------------------===//
#include "WastValue.h"

#include "llvm/ADT/StringSwitch.h"

#include <nlohmann/json.hpp>

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;
using Json = nlohmann::json;
using Pattern = WastValue::Pattern;

namespace {

llvm::Error valueError(const std::string &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unexpected wast2json value: " + Message);
}

/// The width in bytes of a lane shape ("i8" .. "f64"), or 0.
unsigned laneBytes(const std::string &Lane) {
  return llvm::StringSwitch<unsigned>(Lane)
      .Cases("i8", "I8", 1)
      .Cases("i16", "I16", 2)
      .Cases("i32", "f32", 4)
      .Cases("i64", "f64", 8)
      .Default(0);
}

/// Parses a decimal number of bits ("4294967295"; negative numbers wrap).
bool parseBits(const std::string &Text, uint64_t &Bits) {
  if (Text.empty())
    return false;
  char *End = nullptr;
  errno = 0;
  if (Text[0] == '-')
    Bits = static_cast<uint64_t>(std::strtoll(Text.c_str(), &End, 10));
  else
    Bits = std::strtoull(Text.c_str(), &End, 10);
  return errno == 0 && End && *End == '\0';
}

/// Parses one number or float lane into Out (Bytes wide) and its pattern.
bool parseLane(const std::string &Text, unsigned Bytes, uint8_t *Out, Pattern &P) {
  if (Text == "nan:canonical" || Text == "nan:arithmetic") {
    P = Text == "nan:canonical" ? Pattern::CanonicalNan : Pattern::ArithmeticNan;
    return Bytes == 4 || Bytes == 8;
  }
  P = Pattern::Exact;
  uint64_t Bits;
  if (!parseBits(Text, Bits))
    return false;
  std::memcpy(Out, &Bits, Bytes);
  return true;
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
  static constexpr uint8_t Codes[] = {0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F};
  return Codes[static_cast<unsigned>(T)];
}

runtime::Slot WastValue::toSlot() const {
  runtime::Slot S;
  if (T == Type::FuncRef || T == Type::ExternRef) {
    void *P = IsNull ? nullptr : reinterpret_cast<void *>(static_cast<uintptr_t>(HostRef + 1));
    std::memcpy(S.Bytes, &P, sizeof P);
    return S;
  }
  std::memcpy(S.Bytes, Bytes, 16);
  return S;
}

bool WastValue::matches(const runtime::Slot &Result) const {
  switch (T) {
  case Type::FuncRef:
  case Type::ExternRef: {
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
  static constexpr const char *Names[] = {"i32", "i64", "f32", "f64", "v128", "funcref",
                                          "externref"};
  std::string Out = std::string(Names[static_cast<unsigned>(T)]) + ":";
  auto PatternText = [](Pattern P) {
    return P == Pattern::CanonicalNan ? "nan:canonical" : "nan:arithmetic";
  };
  switch (T) {
  case Type::FuncRef:
  case Type::ExternRef:
    return Out + (IsNull ? "null" : AnyRef ? "non-null" : std::to_string(HostRef));
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

llvm::Expected<WastValue> wasmaot::spectest::parseWastValue(const Json &Object) {
  if (!Object.is_object() || !Object.contains("type") || !Object["type"].is_string())
    return valueError("a value without a type");
  std::string Type = Object["type"].get<std::string>();
  WastValue V;
  static const std::pair<const char *, WastValue::Type> Types[] = {
      {"i32", WastValue::Type::I32},         {"i64", WastValue::Type::I64},
      {"f32", WastValue::Type::F32},         {"f64", WastValue::Type::F64},
      {"v128", WastValue::Type::V128},       {"funcref", WastValue::Type::FuncRef},
      {"externref", WastValue::Type::ExternRef}};
  auto Known = std::find_if(std::begin(Types), std::end(Types),
                            [&](const auto &P) { return Type == P.first; });
  if (Known == std::end(Types))
    return valueError("unknown type \"" + Type + "\"");
  V.T = Known->second;

  auto Value = Object.find("value");
  switch (V.T) {
  case WastValue::Type::FuncRef:
  case WastValue::Type::ExternRef: {
    if (Value == Object.end()) {
      V.AnyRef = true;
      return V;
    }
    std::string Text = Value->is_string() ? Value->get<std::string>() : "";
    if (Text == "null") {
      V.IsNull = true;
      return V;
    }
    if (!parseBits(Text, V.HostRef))
      return valueError("bad reference \"" + Text + "\"");
    return V;
  }
  case WastValue::Type::V128: {
    if (!Object.contains("lane_type") || !Object["lane_type"].is_string() ||
        Value == Object.end() || !Value->is_array())
      return valueError("a v128 without lane_type or lanes");
    V.LaneType = Object["lane_type"].get<std::string>();
    unsigned Width = laneBytes(V.LaneType);
    if (Width == 0 || Value->size() * Width != 16)
      return valueError("v128 lanes do not fill 16 bytes");
    V.Lanes.assign(Value->size(), Pattern::Exact);
    for (unsigned L = 0; L < Value->size(); ++L) {
      const Json &Lane = (*Value)[L];
      if (!Lane.is_string() ||
          !parseLane(Lane.get<std::string>(), Width, V.Bytes + L * Width, V.Lanes[L]))
        return valueError("bad v128 lane");
    }
    return V;
  }
  default: {
    if (Value == Object.end() || !Value->is_string())
      return valueError("a " + Type + " without a value");
    unsigned Width = V.T == WastValue::Type::I32 || V.T == WastValue::Type::F32 ? 4 : 8;
    if (!parseLane(Value->get<std::string>(), Width, V.Bytes, V.Lanes[0]) ||
        (V.Lanes[0] != Pattern::Exact &&
         (V.T == WastValue::Type::I32 || V.T == WastValue::Type::I64)))
      return valueError("bad " + Type + " \"" + Value->get<std::string>() + "\"");
    return V;
  }
  }
}
