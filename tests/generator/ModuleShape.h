//===- tests/generator/ModuleShape.h - What a generated body may refer to --===//
//
// The module-level facts the body generator needs to produce well-typed
// code: types, functions, globals, tables, memory and segments. The module
// generator decides them first, then generates every body against them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <vector>

namespace wasmaot::gen {

enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

inline bool isRef(ValType T) { return T == ValType::FuncRef || T == ValType::ExternRef; }

struct FuncType {
  std::vector<ValType> Params, Results;
  bool operator==(const FuncType &Other) const = default;
};

struct GlobalDesc {
  ValType Type;
  bool Mutable;
};

struct TableDesc {
  ValType Elem;
  uint32_t Min, Max;
};

struct ModuleShape {
  std::vector<FuncType> Types;
  /// The type index of each defined function: the generated ("inner")
  /// functions first, which bodies may call, then the exported harness ones.
  std::vector<uint32_t> FuncTypes;
  uint32_t NumInner = 0;
  /// [0] is the fuel counter every function entry and loop iteration
  /// decrements; the generator never stores anything else there.
  std::vector<GlobalDesc> Globals;
  /// [0] is a funcref table; [1], if present, an externref table.
  std::vector<TableDesc> Tables;
  uint32_t MemoryPages = 1, MemoryMaxPages = 1;
  /// Lengths of the data segments (memory.init, data.drop), and which are
  /// active (so dropped once the module is instantiated).
  std::vector<uint32_t> DataLengths;
  std::vector<bool> DataActive;
  /// What the active element segment puts in table 0 from slot 0: function
  /// indices, ~0u for null.
  std::vector<uint32_t> InitialSlots;
  /// Element type and length of each element segment (table.init, elem.drop).
  std::vector<ValType> ElemTypes;
  std::vector<uint32_t> ElemLengths;

  /// The index of T in the type section, adding it if needed.
  uint32_t typeIndex(const FuncType &T) {
    for (uint32_t K = 0; K < Types.size(); ++K)
      if (Types[K] == T)
        return K;
    Types.push_back(T);
    return static_cast<uint32_t>(Types.size() - 1);
  }

  const FuncType &funcType(uint32_t Func) const { return Types[FuncTypes[Func]]; }
};

struct GeneratorOptions {
  /// Whether bodies use the SIMD proposal's v128 instructions.
  bool Simd = true;
  unsigned MaxFunctions = 6;
  /// Instructions per body beyond which only leaves are generated.
  unsigned MaxInstructions = 300;
  /// Nesting of expressions and blocks beyond which only leaves are generated.
  unsigned MaxDepth = 6;
  /// Function entries plus loop iterations each exported call may make
  /// before it traps (unreachable): every generated module terminates, and
  /// recursion stays shallower than any engine's stack limit.
  uint32_t Fuel = 800;
};

} // namespace wasmaot::gen
