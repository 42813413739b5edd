//===- instance/TypeRegistry.h - Canonical function type ids ---------------===//
//
// call_indirect compares the callee's type with the expected one by number:
// every function signature gets one id for the whole process, so modules
// compiled separately agree on them. Ids start at 1; 0 is never a valid id.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "module/ModuleInfo.h"

#include <cstdint>
#include <optional>

namespace wasmaot::runtime {

/// The process-wide id of Sig; equal signatures get equal ids. Thread-safe.
uint32_t canonicalTypeId(const FuncSig &Sig);

/// The signature whose canonical id is Id, or nullopt if no signature has it.
std::optional<FuncSig> canonicalType(uint32_t Id);

} // namespace wasmaot::runtime
