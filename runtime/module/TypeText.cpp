//===- module/TypeText.cpp -------------------------------------------------===//
#include "module/TypeText.h"

namespace wasmaot::runtime {

std::string valueTypeName(uint8_t Code) {
  switch (Code) {
  case 0x7F:
    return "i32";
  case 0x7E:
    return "i64";
  case 0x7D:
    return "f32";
  case 0x7C:
    return "f64";
  case 0x7B:
    return "v128";
  case 0x70:
    return "funcref";
  case 0x6F:
    return "externref";
  }
  static const char Hex[] = "0123456789abcdef";
  return std::string("type 0x") + Hex[Code >> 4] + Hex[Code & 15];
}

std::string funcTypeText(const FuncSig &Sig) {
  std::string Text = "(func";
  auto List = [&Text](const char *Keyword, const std::vector<uint8_t> &Types) {
    if (Types.empty())
      return;
    Text += std::string(" (") + Keyword;
    for (uint8_t T : Types)
      Text += " " + valueTypeName(T);
    Text += ")";
  };
  List("param", Sig.Params);
  List("result", Sig.Results);
  return Text + ")";
}

static std::string limitsText(uint64_t Min, std::optional<uint64_t> Max) {
  return std::to_string(Min) + (Max ? " " + std::to_string(*Max) : "");
}

std::string tableTypeText(uint64_t Min, std::optional<uint64_t> Max, uint8_t ElemType,
                          bool Is64) {
  return std::string("(table ") + (Is64 ? "i64 " : "") + limitsText(Min, Max) + " " +
         valueTypeName(ElemType) + ")";
}

std::string memoryTypeText(uint64_t Min, std::optional<uint64_t> Max, bool Is64,
                           unsigned PageSizeLog2) {
  std::string PageSize =
      PageSizeLog2 == 16 ? "" : " (pagesize " + std::to_string(uint64_t(1) << PageSizeLog2) + ")";
  return std::string("(memory ") + (Is64 ? "i64 " : "") + limitsText(Min, Max) + PageSize + ")";
}

std::string globalTypeText(uint8_t Type, bool Mutable) {
  return Mutable ? "(global (mut " + valueTypeName(Type) + "))"
                 : "(global " + valueTypeName(Type) + ")";
}

const char *externKindName(ExternKind Kind) {
  switch (Kind) {
  case ExternKind::Func:
    return "a function";
  case ExternKind::Table:
    return "a table";
  case ExternKind::Memory:
    return "a memory";
  case ExternKind::Global:
    return "a global";
  }
  return "an unknown kind of entity";
}

} // namespace wasmaot::runtime
