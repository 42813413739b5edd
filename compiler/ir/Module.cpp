//===- ir/Module.cpp -------------------------------------------------------===//
#include "ir/Module.h"

using namespace wasmaot::ir;

std::string Module::functionDisplayName(uint32_t FuncIndex) const {
  auto It = Names.FunctionNames.find(FuncIndex);
  if (It != Names.FunctionNames.end())
    return "$" + It->second;
  return "func[" + std::to_string(FuncIndex) + "]";
}
