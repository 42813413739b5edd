//===- tests/compiler/TestModules.h - Modules built byte by byte -----------===//
//
// Tests state the bytes they feed the decoder, so that each one shows exactly
// which encoding it exercises and can compute the offsets errors must name.
// The free functions encode the binary format's building blocks; the
// ModuleBuilder lays out whole modules (sections in the required order, sizes
// computed) and remembers where each function's instructions landed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Types.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::test {

using Bytes = std::vector<uint8_t>;

/// Minimal unsigned / signed LEB128.
Bytes uleb(uint64_t V);
Bytes sleb(int64_t V);
/// V as an unsigned LEB128 of exactly Width bytes (overlong when Width is
/// larger than needed).
Bytes ulebPadded(uint64_t V, unsigned Width);
/// A name: its length, then its bytes.
Bytes name(std::string_view S);
Bytes cat(std::initializer_list<Bytes> Parts);
/// The magic number and version 1.
Bytes header();
/// Id, payload size, payload.
Bytes section(uint8_t Id, const Bytes &Payload);

/// Section ids.
namespace sec {
inline constexpr uint8_t Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5,
                         Global = 6, Export = 7, Start = 8, Elem = 9, Code = 10, Data = 11,
                         DataCount = 12;
} // namespace sec

/// Type encodings, as bytes for use inside instruction sequences.
namespace ty {
inline constexpr uint8_t I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B,
                         FuncRef = 0x70, ExternRef = 0x6F, EmptyBlock = 0x40;
} // namespace ty

/// The opcodes the tests use.
namespace op {
inline constexpr uint8_t Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04,
                         Else = 0x05, End = 0x0B, Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E,
                         Return = 0x0F, Call = 0x10, CallIndirect = 0x11, Drop = 0x1A,
                         Select = 0x1B, SelectT = 0x1C, LocalGet = 0x20, LocalSet = 0x21,
                         LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24, TableGet = 0x25,
                         I32Load = 0x28, I64Load = 0x29, I32Load8U = 0x2D, I32Store = 0x36,
                         MemorySize = 0x3F, MemoryGrow = 0x40, I32Const = 0x41, I64Const = 0x42,
                         F32Const = 0x43, F64Const = 0x44, I32Eqz = 0x45, I32Add = 0x6A,
                         I64Add = 0x7C, F64Add = 0xA0, RefNull = 0xD0, RefIsNull = 0xD1,
                         RefFunc = 0xD2, PrefixFC = 0xFC, PrefixFD = 0xFD;
/// Sub-opcodes after PrefixFC / PrefixFD.
inline constexpr uint8_t MemoryInit = 0x08, DataDrop = 0x09, MemoryCopy = 0x0A, TableInit = 0x0C,
                         ElemDrop = 0x0D, TableCopy = 0x0E;
inline constexpr uint8_t V128Load = 0x00, V128Const = 0x0C, I8x16ExtractLaneS = 0x15,
                         I32x4ExtractLane = 0x1B, V128Load8Lane = 0x54;
} // namespace op

/// Lays out a module from its parts. Functions are numbered after the
/// imported ones; bodies are given complete, including their final `end`.
class ModuleBuilder {
public:
  using Locals = std::vector<std::pair<uint32_t, ir::ValType>>;

  uint32_t type(std::vector<ir::ValType> Params, std::vector<ir::ValType> Results);
  uint32_t importFunction(uint32_t TypeIndex, std::string Field = "f");
  uint32_t importGlobal(ir::ValType Type, bool Mutable, std::string Field = "g");
  void importMemory(uint32_t Min, std::optional<uint32_t> Max = {});
  void importTable(ir::ValType Elem, uint32_t Min, std::optional<uint32_t> Max = {});
  /// Returns the function's index in the function index space.
  uint32_t function(uint32_t TypeIndex, Bytes Body, Locals LocalDecls = {});
  void table(ir::ValType Elem, uint32_t Min, std::optional<uint32_t> Max = {});
  void memory(uint32_t Min, std::optional<uint32_t> Max = {});
  /// A memory of Min pages and no maximum, 64-bit (memory64) if Is64.
  void memory64(uint32_t Min, bool Is64 = true);
  /// Init is the constant expression including its `end`.
  uint32_t global(ir::ValType Type, bool Mutable, Bytes Init);
  void exportEntity(std::string Name, ir::ExternKind Kind, uint32_t Index);
  void start(uint32_t FuncIndex);
  /// One element / data segment, encoded by the caller (flags first).
  void elemSegment(Bytes Encoded);
  void dataSegment(Bytes Encoded);
  void dataCount(uint32_t N);
  /// Custom sections go after all other sections.
  void custom(std::string Name, Bytes Payload);

  Bytes build();

  /// Where the last build() put things, as absolute offsets: the size field
  /// of defined function I's body, and its first instruction.
  uint64_t bodyOffset(uint32_t DefinedIndex) const { return BodyOffsets.at(DefinedIndex); }
  uint64_t codeOffset(uint32_t DefinedIndex) const { return CodeOffsets.at(DefinedIndex); }
  /// The payload of the first section with this id.
  uint64_t sectionOffset(uint8_t Id) const;

private:
  struct DefinedFunction {
    uint32_t TypeIndex;
    Locals LocalDecls;
    Bytes Body;
  };

  std::vector<Bytes> Types, Imports, Tables, Memories, Globals, Exports, Elems, Datas;
  std::vector<DefinedFunction> Functions;
  std::vector<std::pair<std::string, Bytes>> Customs;
  std::optional<uint32_t> Start, DataCount;
  uint32_t NumImportedFunctions = 0, NumImportedGlobals = 0;

  std::vector<uint64_t> BodyOffsets, CodeOffsets;
  std::vector<std::pair<uint8_t, uint64_t>> SectionOffsets;
};

/// A module with one function of type [Params] -> [Results] whose body is
/// Body (including the final `end`); Code receives the absolute offset of
/// its first instruction.
Bytes singleFunction(std::vector<ir::ValType> Params, std::vector<ir::ValType> Results,
                     const Bytes &Body, uint64_t *Code = nullptr,
                     ModuleBuilder::Locals LocalDecls = {});

} // namespace wasmaot::test
