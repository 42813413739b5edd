//===- instance/BulkOperations.cpp - memory.*, table.*, segment drops ------===//
//
// The instance operations that generated code reaches through the
// wasmaot_rt_* entry points of abi.h. Bulk operations check the whole range
// before touching anything (Wasm 2.0 semantics: an out-of-bounds range writes
// nothing) and report failure to the generated code, which traps: nothing
// here unwinds.
//
//===----------------------------------------------------------------------===//
#include "instance/Instance.h"

#include <algorithm>
#include <cstring>

namespace wasmaot::runtime {

namespace {

/// Whether [Start, Start + Len) lies within Size.
bool inBounds(uint64_t Start, uint64_t Len, uint64_t Size) {
  return Start + Len <= Size;
}

} // namespace

int32_t Instance::growMemory(uint32_t DeltaPages) {
  // The memory updates the vmctx of every instance that uses it.
  return Memory ? Memory->grow(DeltaPages) : -1;
}

bool Instance::memoryInit(uint32_t Segment, uint32_t Dst, uint32_t Src, uint32_t Len) {
  std::span<const uint8_t> Data = DataSegments[Segment];
  if (!inBounds(Src, Len, Data.size()) || !inBounds(Dst, Len, Memory->byteSize()))
    return false;
  if (Len)
    std::memcpy(Memory->base() + Dst, Data.data() + Src, Len);
  return true;
}

bool Instance::memoryCopy(uint32_t Dst, uint32_t Src, uint32_t Len) {
  uint64_t Size = Memory->byteSize();
  if (!inBounds(Src, Len, Size) || !inBounds(Dst, Len, Size))
    return false;
  std::memmove(Memory->base() + Dst, Memory->base() + Src, Len);
  return true;
}

bool Instance::memoryFill(uint32_t Dst, uint8_t Value, uint32_t Len) {
  if (!inBounds(Dst, Len, Memory->byteSize()))
    return false;
  std::memset(Memory->base() + Dst, Value, Len);
  return true;
}

bool Instance::tableInit(uint32_t TableIndex, uint32_t Segment, uint32_t Dst, uint32_t Src,
                         uint32_t Len) {
  const std::vector<void *> &Elems = ElemSegments[Segment];
  Table &T = *Tables[TableIndex];
  if (!inBounds(Src, Len, Elems.size()) || !inBounds(Dst, Len, T.size()))
    return false;
  std::copy_n(Elems.begin() + Src, Len, T.data() + Dst);
  return true;
}

bool Instance::tableCopy(uint32_t DstTable, uint32_t SrcTable, uint32_t Dst, uint32_t Src,
                         uint32_t Len) {
  Table &D = *Tables[DstTable];
  Table &S = *Tables[SrcTable];
  if (!inBounds(Src, Len, S.size()) || !inBounds(Dst, Len, D.size()))
    return false;
  // The ranges may overlap when both are the same table.
  std::memmove(D.data() + Dst, S.data() + Src, size_t(Len) * sizeof(void *));
  return true;
}

bool Instance::tableFill(uint32_t TableIndex, uint32_t Dst, void *Value, uint32_t Len) {
  Table &T = *Tables[TableIndex];
  if (!inBounds(Dst, Len, T.size()))
    return false;
  std::fill_n(T.data() + Dst, Len, Value);
  return true;
}

} // namespace wasmaot::runtime

using wasmaot::runtime::Instance;

extern "C" {

uint32_t wasmaot_rt_memory_grow(wasmaot_vmctx *Vmctx, uint32_t DeltaPages) {
  // -1 becomes UINT32_MAX, the i32 -1 that memory.grow returns on failure.
  return static_cast<uint32_t>(Instance::fromVmctx(Vmctx).growMemory(DeltaPages));
}

uint32_t wasmaot_rt_memory_init(wasmaot_vmctx *Vmctx, uint32_t Segment, uint32_t Dst,
                                uint32_t Src, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryInit(Segment, Dst, Src, Len);
}

uint32_t wasmaot_rt_memory_copy(wasmaot_vmctx *Vmctx, uint32_t Dst, uint32_t Src,
                                uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryCopy(Dst, Src, Len);
}

uint32_t wasmaot_rt_memory_fill(wasmaot_vmctx *Vmctx, uint32_t Dst, uint32_t Value,
                                uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryFill(Dst, static_cast<uint8_t>(Value), Len);
}

void wasmaot_rt_data_drop(wasmaot_vmctx *Vmctx, uint32_t Segment) {
  Instance::fromVmctx(Vmctx).dropData(Segment);
}

uint32_t wasmaot_rt_table_init(wasmaot_vmctx *Vmctx, uint32_t Table, uint32_t Segment,
                               uint32_t Dst, uint32_t Src, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).tableInit(Table, Segment, Dst, Src, Len);
}

uint32_t wasmaot_rt_table_copy(wasmaot_vmctx *Vmctx, uint32_t DstTable, uint32_t SrcTable,
                               uint32_t Dst, uint32_t Src, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).tableCopy(DstTable, SrcTable, Dst, Src, Len);
}

uint32_t wasmaot_rt_table_fill(wasmaot_vmctx *Vmctx, uint32_t Table, uint32_t Dst,
                               void *Value, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).tableFill(Table, Dst, Value, Len);
}

uint32_t wasmaot_rt_table_grow(wasmaot_vmctx *Vmctx, uint32_t Table, void *Init,
                               uint32_t Delta) {
  return static_cast<uint32_t>(Instance::fromVmctx(Vmctx).table(Table).grow(Delta, Init));
}

void wasmaot_rt_elem_drop(wasmaot_vmctx *Vmctx, uint32_t Segment) {
  Instance::fromVmctx(Vmctx).dropElem(Segment);
}

} // extern "C"
