//===- module/TypeText.h - Types as the text format writes them ------------===//
//
// For messages: an import whose type does not match names both types the way
// a person reads them in a .wat file, e.g. (func (param i32 i64) (result i32)).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "module/ModuleInfo.h"

#include <optional>
#include <string>

namespace wasmaot::runtime {

/// "i32", "f64", "v128", "funcref", ... for a binary-format type code.
std::string valueTypeName(uint8_t Code);
/// "(func (param i32) (result i32))".
std::string funcTypeText(const FuncSig &Sig);
/// "(table 1 10 funcref)".
std::string tableTypeText(uint64_t Min, std::optional<uint64_t> Max, uint8_t ElemType,
                          bool Is64 = false);
/// "(memory 1 2)".
std::string memoryTypeText(uint64_t Min, std::optional<uint64_t> Max, bool Is64 = false,
                           unsigned PageSizeLog2 = 16);
/// "(global (mut i32))".
std::string globalTypeText(uint8_t Type, bool Mutable);
/// "a function", "a table", "a memory", "a global".
const char *externKindName(ExternKind Kind);

} // namespace wasmaot::runtime
