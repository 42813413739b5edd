//===- tests/generator/BodyGenerator.h - Well-typed function bodies --------===//
//
// Generates the body of one function: a tree of instructions built top-down
// from the type each position needs (value(T) pushes one T, statement()
// leaves the stack as it was), over every Wasm 2.0 instruction family.
//
// Two rules make every generated module deterministic, so that any engine
// must give exactly the same results:
//  - Termination: function entries and loop headers spend fuel (global 0);
//    without fuel, they trap with unreachable.
//  - NaN bits never become observable: the spec lets a NaN result carry any
//    payload and sign, so every path from a float to bits (reinterpret,
//    stores, splat and replace_lane, copysign's sign, the float lane
//    operations of v128) canonicalizes NaNs first.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Entropy.h"
#include "ModuleShape.h"
#include "WasmWriter.h"

#include <cstdint>
#include <vector>

namespace wasmaot::gen {

class BodyGenerator {
public:
  /// The body of function Func of M.
  BodyGenerator(Entropy &E, ModuleShape &M, const GeneratorOptions &Options, uint32_t Func);

  /// The function's code entry: its size, locals and instructions.
  void generate(WasmWriter &Out);

private:
  struct Label {
    std::vector<ValType> Types; // what a branch to it carries
  };

  // Emission.
  void op(uint8_t Opcode);
  void prefixed(uint8_t Prefix, uint32_t Opcode);
  void simd(uint32_t Opcode) { prefixed(0xFD, Opcode); }
  void memarg(unsigned NaturalLog2);
  void blockType(const std::vector<ValType> &Params, const std::vector<ValType> &Results);

  // Values and statements.
  bool leavesOnly() const;
  void value(ValType T);
  void values(const std::vector<ValType> &Ts);
  void leaf(ValType T);
  bool common(ValType T); // local, global, select, call, block, if, loop, tee
  void valueI32();
  void valueI64();
  void valueF32();
  void valueF64();
  void valueV128();
  void valueRef(ValType T);
  void statement();
  /// Statements, then Results (or a branch, return or trap instead).
  void sequence(const std::vector<ValType> &Results);
  void terminator();

  // Families (BodyGenerator.cpp: control and variables; BodyMemory.cpp:
  // memory and tables; BodyNumeric.cpp: scalars; BodySimd.cpp: v128).
  void constant(ValType T);
  bool localGet(ValType T);
  bool localTee(ValType T);
  bool globalGet(ValType T);
  void select(ValType T);
  bool call(ValType T);
  bool callIndirect(ValType T);
  void callDropped();
  void block(const std::vector<ValType> &Results);
  void blockWithParams();
  void ifElse(const std::vector<ValType> &Results);
  void loop(const std::vector<ValType> &Results);
  void branchIf();
  void keepOne(const std::vector<ValType> &Results, ValType T);
  void dropAll(const std::vector<ValType> &Ts);
  void spendFuel();
  uint32_t callee(const std::vector<uint32_t> &Candidates);

  void address(unsigned AccessSize);
  void load(ValType T);
  void store();
  void memoryStatement();
  void tableStatement();
  bool tableValue(ValType T);

  void unaryOrBinaryI32();
  void unaryOrBinaryI64();
  void compare();
  void floatUnaryOrBinary(ValType T);
  void conversion(ValType T);

  void simdArithmetic();
  void simdFloat();
  void simdLoad();
  void simdLane(ValType T);
  void simdTest();
  void simdStore();

  /// Replaces a NaN on top of the stack (of T, or of each float lane of a
  /// v128 when Lanes is F32 or F64) with the canonical one.
  void canonicalize(ValType T, ValType Lanes = ValType::V128);
  uint32_t scratch(ValType T);
  uint32_t localIndex(ValType T); // a random local of type T, or ~0u
  ValType anyType();
  ValType numericType();

  Entropy &E;
  ModuleShape &M; // bodies may add block types
  const GeneratorOptions &Options;
  uint32_t Func;
  const FuncType Sig; // a copy: M.Types grows
  std::vector<ValType> Locals; // parameters, then declared locals
  std::vector<uint32_t> Scratch;  // by type: a local for short-lived values
  std::vector<uint32_t> Reserved; // loop counters
  std::vector<uint32_t> Counting; // the counters of the counted loops around here
  std::vector<Label> Labels; // the function's own label first
  WasmWriter Code;
  unsigned Depth = 0, Emitted = 0;
};

} // namespace wasmaot::gen
