//===- ir/Types.cpp - Type names and decoding ------------------------------===//
#include "ir/Types.h"

#include "llvm/Support/ErrorHandling.h"

using namespace wasmaot::ir;

std::optional<ValType> wasmaot::ir::valTypeFromByte(uint8_t Byte) {
  switch (Byte) {
  case 0x7F:
  case 0x7E:
  case 0x7D:
  case 0x7C:
  case 0x7B:
  case 0x70:
  case 0x6F:
    return static_cast<ValType>(Byte);
  default:
    return std::nullopt;
  }
}

llvm::StringRef wasmaot::ir::toString(ValType T) {
  switch (T) {
  case ValType::I32:
    return "i32";
  case ValType::I64:
    return "i64";
  case ValType::F32:
    return "f32";
  case ValType::F64:
    return "f64";
  case ValType::V128:
    return "v128";
  case ValType::FuncRef:
    return "funcref";
  case ValType::ExternRef:
    return "externref";
  }
  llvm_unreachable("unknown value type");
}

std::string wasmaot::ir::toString(const FuncType &T) {
  std::string S = "[";
  for (size_t I = 0; I < T.Params.size(); ++I)
    S += (I ? " " : "") + toString(T.Params[I]).str();
  S += "] -> [";
  for (size_t I = 0; I < T.Results.size(); ++I)
    S += (I ? " " : "") + toString(T.Results[I]).str();
  return S + "]";
}

llvm::StringRef wasmaot::ir::toString(ExternKind K) {
  switch (K) {
  case ExternKind::Func:
    return "func";
  case ExternKind::Table:
    return "table";
  case ExternKind::Memory:
    return "memory";
  case ExternKind::Global:
    return "global";
  }
  llvm_unreachable("unknown extern kind");
}
