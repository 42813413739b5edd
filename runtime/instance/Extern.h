//===- instance/Extern.h - Tables, globals and what instances exchange -----===//
//
// The entities one instance can export and another import. Tables, memories
// and globals are shared (imports alias the exporter's object), so they are
// held by shared_ptr; functions are wasmaot_funcref pointers owned by the
// instance (or host module) that defines them, which must outlive every
// instance that imports them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "memory/LinearMemory.h"
#include "module/ModuleInfo.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace wasmaot::runtime {

/// A table of references; Abi is what generated code reaches.
class Table {
public:
  /// Tables larger than this are refused at instantiation and by table.grow:
  /// every element takes host memory up front. Far below UINT32_MAX, so
  /// that a size always fits wasmaot_table's u32, for 64-bit tables too.
  static constexpr uint64_t MaxElements = 10'000'000;

  /// A table of Size (at most MaxElements) null elements that may grow up
  /// to Max, indexed by i64 if Is64.
  Table(uint8_t ElemType, uint32_t Size, std::optional<uint64_t> Max, bool Is64 = false);
  Table(const Table &) = delete;
  Table &operator=(const Table &) = delete;

  wasmaot_table *abi() { return &Abi; }
  uint8_t elemType() const { return ElemType; }
  bool is64() const { return Is64; }
  uint32_t size() const { return Abi.size; }
  std::optional<uint64_t> max() const { return Max; }
  void *get(uint32_t Index) const { return Elements[Index]; }
  void set(uint32_t Index, void *Value) { Elements[Index] = Value; }
  void **data() { return Elements.data(); }
  /// table.grow: the old size, or -1 if the table would exceed its maximum.
  int64_t grow(uint64_t Delta, void *Init);

private:
  uint8_t ElemType;
  bool Is64;
  std::optional<uint64_t> Max;
  std::vector<void *> Elements;
  wasmaot_table Abi;
};

/// A global's storage: 16 bytes, so that any value type fits.
struct Global {
  alignas(16) uint8_t Value[16] = {};
  uint8_t Type = 0x7F;
  bool Mutable = false;
};

/// An exported entity, or a value offered for an import.
struct Extern {
  ExternKind Kind = ExternKind::Func;
  wasmaot_funcref *Func = nullptr;
  std::shared_ptr<Table> Tab;
  std::shared_ptr<LinearMemory> Mem;
  std::shared_ptr<Global> Glob;
};

} // namespace wasmaot::runtime
