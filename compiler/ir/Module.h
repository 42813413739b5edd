//===- ir/Module.h - The module IR -----------------------------------------===//
//
// A decoded WebAssembly module, shared by the decoder, the validator and
// lowering. Index spaces (functions, tables, memories, globals) hold the
// imported entities first, as the spec numbers them. Every entity keeps the
// byte offset it was decoded from, for diagnostics.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Instruction.h"
#include "ir/Types.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmaot::ir {

struct Import {
  std::string ModuleName;
  std::string FieldName;
  ExternKind Kind = ExternKind::Func;
  uint32_t Offset = 0;
};

/// A constant expression without its terminating `end`.
struct ConstExpr {
  llvm::SmallVector<Instruction, 1> Instrs;
  uint32_t Offset = 0;
};

struct Function {
  uint32_t TypeIndex = 0;
  bool Imported = false;
  // Defined functions only: parameters are not included in Locals.
  std::vector<ValType> Locals;
  std::vector<Instruction> Body; // ends with the function's final `end`
  std::vector<uint32_t> BrTableTargets;
  uint32_t Offset = 0;     // of the body (its size field) in the code section
  uint32_t BodySize = 0;
};

struct Table {
  TableType Type;
  bool Imported = false;
  uint32_t Offset = 0;
};

struct Memory {
  MemoryType Type;
  bool Imported = false;
  uint32_t Offset = 0;
};

struct Global {
  GlobalType Type;
  bool Imported = false;
  ConstExpr Init; // defined globals only
  uint32_t Offset = 0;
};

struct Export {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
  uint32_t Offset = 0;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode Mode = SegmentMode::Active;
  ValType Type = ValType::FuncRef;
  uint32_t Table = 0;
  ConstExpr TableOffset; // Active only
  std::vector<ConstExpr> Inits;
  uint32_t Offset = 0;
};

struct DataSegment {
  SegmentMode Mode = SegmentMode::Active;
  uint32_t Memory = 0;
  ConstExpr MemoryOffset; // Active only
  std::vector<uint8_t> Bytes;
  uint32_t Offset = 0;
};

struct CustomSection {
  std::string Name;
  uint32_t Offset = 0; // of the section's payload (after the name)
  uint32_t Size = 0;
};

/// What the `name` custom section said, when it was well-formed.
struct NameMap {
  std::string ModuleName;
  llvm::DenseMap<uint32_t, std::string> FunctionNames;
};

struct Module {
  std::vector<FuncType> Types;
  std::vector<Import> Imports;
  std::vector<Function> Functions; // index space: imports first
  std::vector<Table> Tables;
  std::vector<Memory> Memories;
  std::vector<Global> Globals;
  std::vector<Export> Exports;
  std::optional<uint32_t> Start;
  uint32_t StartOffset = 0;
  std::vector<ElemSegment> Elems;
  std::optional<uint32_t> DataCount;
  std::vector<DataSegment> Datas;
  std::vector<CustomSection> CustomSections;
  NameMap Names;

  uint32_t NumImportedFuncs = 0;
  uint32_t NumImportedTables = 0;
  uint32_t NumImportedMemories = 0;
  uint32_t NumImportedGlobals = 0;

  const FuncType &funcType(uint32_t FuncIndex) const {
    return Types[Functions[FuncIndex].TypeIndex];
  }
  /// The function type a block type stands for; a type index must be in range.
  const FuncType &blockType(const BlockType &BT) const;
  /// "$name" from the name section, else "func[N]".
  std::string functionDisplayName(uint32_t FuncIndex) const;
};

} // namespace wasmaot::ir
