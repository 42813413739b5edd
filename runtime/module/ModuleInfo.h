//===- module/ModuleInfo.h - What the runtime needs to know of a module ----===//
//
// Everything about a compiled module that instantiation needs besides its
// code: types, imports, the shapes of its tables, memories and globals,
// initializers, exports, segments and function names. The compiler builds a
// ModuleInfo from its module IR and serializes it into the artifact (the
// wasmaot_module_info symbol); the runtime deserializes it when it loads the
// artifact. Kept free of LLVM and of the compiler's IR so that both sides
// share one definition of the format. Value and reference types use their
// binary-format codes (0x7F i32 ... 0x6F externref).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::runtime {

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

struct FuncSig {
  std::vector<uint8_t> Params, Results;
  friend bool operator==(const FuncSig &, const FuncSig &) = default;
};

struct LimitsInfo {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

/// A constant expression. Most are one instruction, held inline; extended
/// constant expressions (integer arithmetic) are a stack program of
/// instructions in Program.
struct ConstInit {
  enum Kind : uint8_t {
    I32, I64, F32, F64, V128, RefNull, RefFunc, GlobalGet,
    I32Add, I32Sub, I32Mul, I64Add, I64Sub, I64Mul, // in programs only
    Program,
  };
  Kind K = I32;
  uint32_t Index = 0;    // RefFunc, GlobalGet
  uint8_t Bytes[16] = {}; // constants, little-endian
  std::vector<ConstInit> Ops; // Program: its instructions, each not a Program
};

struct TableInfo {
  uint8_t ElemType = 0x70;
  LimitsInfo Limits;
  bool Is64 = false; // indexed by i64 (memory64)
};

struct MemoryInfo {
  LimitsInfo Limits; // in pages
  bool Is64 = false; // indexed by i64 (memory64)
  uint8_t PageSizeLog2 = 16;
};

struct GlobalInfo {
  uint8_t Type = 0x7F;
  bool Mutable = false;
  ConstInit Init; // defined globals only
};

struct ImportInfo {
  std::string Module, Name;
  ExternKind Kind = ExternKind::Func;
  /// The index in Kind's index space (imports come first in each).
  uint32_t Index = 0;
};

struct ExportInfo {
  std::string Name;
  ExternKind Kind = ExternKind::Func;
  uint32_t Index = 0;
};

struct ElemSegmentInfo {
  enum Mode : uint8_t { Active, Passive, Declarative };
  Mode M = Active;
  uint32_t Table = 0;
  ConstInit Offset; // Active only
  std::vector<ConstInit> Inits;
};

struct DataSegmentInfo {
  bool Active = true;
  uint32_t Memory = 0;
  ConstInit Offset; // Active only
  /// The bytes: in the serialized form, which must outlive the ModuleInfo.
  std::span<const uint8_t> Bytes;
};

/// Memory 0's initial contents as one image in the artifact (the symbol
/// wasmaot_memory_image; see compiler/lowering/MemoryImage.h). When there is
/// one, it holds what every active data segment writes, their Bytes are
/// empty, and instantiation puts the image in place of applying them.
struct MemoryImageInfo {
  uint64_t Offset = 0; // in memory 0
  uint64_t Size = 0;
};

struct ModuleInfo {
  std::vector<FuncSig> Types;
  std::vector<ImportInfo> Imports;
  std::vector<uint32_t> FuncTypes;  // type index of every function, imports first
  uint32_t NumImportedFuncs = 0;
  std::vector<TableInfo> Tables;    // imports first
  uint32_t NumImportedTables = 0;
  std::vector<MemoryInfo> Memories; // imports first
  uint32_t NumImportedMemories = 0;
  std::vector<GlobalInfo> Globals;  // imports first
  uint32_t NumImportedGlobals = 0;
  std::vector<ExportInfo> Exports;
  std::optional<uint32_t> Start;
  std::vector<ElemSegmentInfo> Elems;
  std::vector<DataSegmentInfo> Datas;
  std::optional<MemoryImageInfo> MemoryImage;
  /// The WebAssembly features the module uses (ir::Features' names,
  /// comma-separated), for `wasmaot inspect` and diagnostics.
  std::string Features;
  /// Names from the name section, for backtraces: (function index, name).
  std::vector<std::pair<uint32_t, std::string>> FunctionNames;

  /// The serialized form, which starts with a magic number and the format
  /// version and ends with a checksum of the bytes before it.
  std::vector<uint8_t> serialize() const;
  /// Reads Bytes written by serialize(). Data segments refer into Bytes.
  static Result<ModuleInfo> deserialize(std::span<const uint8_t> Bytes);

  /// "$name" from the name section, else "func[N]".
  std::string functionDisplayName(uint32_t FuncIndex) const;
};

} // namespace wasmaot::runtime
