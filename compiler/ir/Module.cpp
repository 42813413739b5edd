//===- ir/Module.cpp -------------------------------------------------------===//
#include "ir/Module.h"

#include "llvm/Support/ErrorHandling.h"

using namespace wasmaot::ir;

std::string Module::functionDisplayName(uint32_t FuncIndex) const {
  auto It = Names.FunctionNames.find(FuncIndex);
  if (It != Names.FunctionNames.end())
    return "$" + It->second;
  return "func[" + std::to_string(FuncIndex) + "]";
}

const FuncType &Module::blockType(const BlockType &BT) const {
  static const FuncType Empty;
  static const FuncType Single[] = {
      {{}, {ValType::I32}},  {{}, {ValType::I64}},     {{}, {ValType::F32}},
      {{}, {ValType::F64}},  {{}, {ValType::V128}},    {{}, {ValType::FuncRef}},
      {{}, {ValType::ExternRef}}};
  switch (BT.K) {
  case BlockType::Empty:
    return Empty;
  case BlockType::Value:
    for (const FuncType &T : Single)
      if (T.Results[0] == BT.Type)
        return T;
    llvm_unreachable("every value type has a single-result block type");
  case BlockType::TypeIndex:
    return Types[BT.Index];
  }
  llvm_unreachable("unknown block type kind");
}
