//===- ir/Types.h - WebAssembly value, function and entity types ----------===//
//
// The type vocabulary of the module IR. Encodings match the binary format so
// that the decoder can map bytes to types without a table.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace wasmaot::ir {

enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

/// Decodes a value-type byte; std::nullopt for any other byte.
std::optional<ValType> valTypeFromByte(uint8_t Byte);
inline bool isRefType(ValType T) {
  return T == ValType::FuncRef || T == ValType::ExternRef;
}
inline bool isNumType(ValType T) { return !isRefType(T) && T != ValType::V128; }
llvm::StringRef toString(ValType T);

struct FuncType {
  std::vector<ValType> Params;
  std::vector<ValType> Results;

  friend bool operator==(const FuncType &, const FuncType &) = default;
};
std::string toString(const FuncType &T);

struct Limits {
  uint64_t Min = 0;
  std::optional<uint64_t> Max;
};

inline constexpr uint8_t DefaultPageSizeLog2 = 16;

struct TableType {
  ValType Elem = ValType::FuncRef;
  Limits Lim;
  bool Is64 = false; // memory64: indexed by i64
  ValType addressType() const { return Is64 ? ValType::I64 : ValType::I32; }
};

struct MemoryType {
  Limits Lim;
  bool Shared = false;
  bool Is64 = false; // memory64: indexed by i64
  uint8_t PageSizeLog2 = DefaultPageSizeLog2; // custom-page-sizes: 0 or 16
  ValType addressType() const { return Is64 ? ValType::I64 : ValType::I32; }
  /// The spec's bound on its limits: the pages its address space holds
  /// (2^16 of 64 KiB for i32, 2^48 for i64), or, with 1-byte pages, the
  /// largest address plus one that the address type can count.
  uint64_t maxPages() const {
    unsigned AddressBits = Is64 ? 64 : 32;
    if (PageSizeLog2 == 0)
      return Is64 ? UINT64_MAX : UINT32_MAX;
    return uint64_t(1) << (AddressBits - PageSizeLog2);
  }
  uint64_t pageSize() const { return uint64_t(1) << PageSizeLog2; }
};

struct GlobalType {
  ValType Type = ValType::I32;
  bool Mutable = false;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };
llvm::StringRef toString(ExternKind K);

/// The spec's limits on table sizes (in elements), by address type.
inline constexpr uint64_t MaxTableElems = UINT32_MAX;
inline constexpr uint64_t MaxTable64Elems = UINT64_MAX;
inline constexpr uint64_t WasmPageSize = 65536;

} // namespace wasmaot::ir
