//===- decoder/ImplementationLimits.h - Bounds on what we accept -----------===//
//
// The spec lets an implementation bound the sizes of modules; these bounds
// keep hostile input from exhausting memory or time. The values follow other
// engines (V8's wasm-limits.h, Wasmtime) so that any module those accept is
// accepted here too. Errors that hit one name it as an implementation limit.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace wasmaot::limits {

inline constexpr uint64_t MaxModuleBytes = 1u << 30;
inline constexpr uint32_t MaxTypes = 1000000;
inline constexpr uint32_t MaxFunctions = 1000000;
inline constexpr uint32_t MaxImports = 100000;
inline constexpr uint32_t MaxExports = 100000;
inline constexpr uint32_t MaxGlobals = 1000000;
inline constexpr uint32_t MaxTables = 100000;
inline constexpr uint32_t MaxDataSegments = 100000;
inline constexpr uint32_t MaxElemSegments = 100000;
inline constexpr uint32_t MaxElemSegmentEntries = 10000000;
inline constexpr uint32_t MaxFunctionParams = 1000;
inline constexpr uint32_t MaxFunctionResults = 1000;
inline constexpr uint32_t MaxFunctionLocals = 50000;
inline constexpr uint32_t MaxFunctionBodyBytes = 7654321;
inline constexpr uint32_t MaxBrTableTargets = 1000000;
/// Blocks nested deeper than this are rejected: later stages walk the
/// control stack and a few programs generate deep nests (large switches).
inline constexpr uint32_t MaxControlDepth = 50000;

} // namespace wasmaot::limits
