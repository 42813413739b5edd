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

/// Whether [Start, Start + Len) lies within Size, without wrapping.
bool inBounds(uint64_t Start, uint64_t Len, uint64_t Size) {
  return Start <= Size && Len <= Size - Start;
}

} // namespace

int64_t Instance::growMemory(uint32_t Memory, uint64_t DeltaPages) {
  // The memory updates the view of every instance that uses it. Validated
  // code names only memories it has; a host may ask of any.
  if (Memory >= Memories.size())
    return -1;
  return Memories[Memory]->grow(DeltaPages);
}

bool Instance::memoryInit(uint32_t Memory, uint32_t Segment, uint64_t Dst, uint32_t Src,
                          uint32_t Len) {
  std::span<const uint8_t> Data = DataSegments[Segment];
  LinearMemory &Mem = *Memories[Memory];
  if (!inBounds(Src, Len, Data.size()) || !inBounds(Dst, Len, Mem.byteSize()))
    return false;
  if (Len)
    std::memcpy(Mem.base() + Dst, Data.data() + Src, Len);
  return true;
}

bool Instance::memoryCopy(uint32_t DstMemory, uint32_t SrcMemory, uint64_t Dst, uint64_t Src,
                          uint64_t Len) {
  LinearMemory &D = *Memories[DstMemory];
  LinearMemory &S = *Memories[SrcMemory];
  if (!inBounds(Src, Len, S.byteSize()) || !inBounds(Dst, Len, D.byteSize()))
    return false;
  // The ranges may overlap when both are the same memory.
  std::memmove(D.base() + Dst, S.base() + Src, Len);
  return true;
}

bool Instance::memoryFill(uint32_t Memory, uint64_t Dst, uint8_t Value, uint64_t Len) {
  LinearMemory &Mem = *Memories[Memory];
  if (!inBounds(Dst, Len, Mem.byteSize()))
    return false;
  std::memset(Mem.base() + Dst, Value, Len);
  return true;
}

bool Instance::tableInit(uint32_t TableIndex, uint32_t Segment, uint64_t Dst, uint32_t Src,
                         uint32_t Len) {
  const std::vector<void *> &Elems = ElemSegments[Segment];
  Table &T = *Tables[TableIndex];
  if (!inBounds(Src, Len, Elems.size()) || !inBounds(Dst, Len, T.size()))
    return false;
  std::copy_n(Elems.begin() + Src, Len, T.data() + Dst);
  return true;
}

bool Instance::tableCopy(uint32_t DstTable, uint32_t SrcTable, uint64_t Dst, uint64_t Src,
                         uint64_t Len) {
  Table &D = *Tables[DstTable];
  Table &S = *Tables[SrcTable];
  if (!inBounds(Src, Len, S.size()) || !inBounds(Dst, Len, D.size()))
    return false;
  // The ranges may overlap when both are the same table.
  std::memmove(D.data() + Dst, S.data() + Src, size_t(Len) * sizeof(void *));
  return true;
}

bool Instance::tableFill(uint32_t TableIndex, uint64_t Dst, void *Value, uint64_t Len) {
  Table &T = *Tables[TableIndex];
  if (!inBounds(Dst, Len, T.size()))
    return false;
  std::fill_n(T.data() + Dst, Len, Value);
  return true;
}

} // namespace wasmaot::runtime

using wasmaot::runtime::Instance;

extern "C" {

uint64_t wasmaot_rt_memory_grow(wasmaot_vmctx *Vmctx, uint32_t Memory, uint64_t DeltaPages) {
  // -1 becomes UINT64_MAX, whose low half is the i32 -1 of 32-bit memories.
  return static_cast<uint64_t>(Instance::fromVmctx(Vmctx).growMemory(Memory, DeltaPages));
}

uint32_t wasmaot_rt_memory_init(wasmaot_vmctx *Vmctx, uint32_t Memory, uint32_t Segment,
                                uint64_t Dst, uint32_t Src, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryInit(Memory, Segment, Dst, Src, Len);
}

uint32_t wasmaot_rt_memory_copy(wasmaot_vmctx *Vmctx, uint32_t DstMemory, uint32_t SrcMemory,
                                uint64_t Dst, uint64_t Src, uint64_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryCopy(DstMemory, SrcMemory, Dst, Src, Len);
}

uint32_t wasmaot_rt_memory_fill(wasmaot_vmctx *Vmctx, uint32_t Memory, uint64_t Dst,
                                uint32_t Value, uint64_t Len) {
  return !Instance::fromVmctx(Vmctx).memoryFill(Memory, Dst, static_cast<uint8_t>(Value), Len);
}

void wasmaot_rt_data_drop(wasmaot_vmctx *Vmctx, uint32_t Segment) {
  Instance::fromVmctx(Vmctx).dropData(Segment);
}

uint32_t wasmaot_rt_table_init(wasmaot_vmctx *Vmctx, uint32_t Table, uint32_t Segment,
                               uint64_t Dst, uint32_t Src, uint32_t Len) {
  return !Instance::fromVmctx(Vmctx).tableInit(Table, Segment, Dst, Src, Len);
}

uint32_t wasmaot_rt_table_copy(wasmaot_vmctx *Vmctx, uint32_t DstTable, uint32_t SrcTable,
                               uint64_t Dst, uint64_t Src, uint64_t Len) {
  return !Instance::fromVmctx(Vmctx).tableCopy(DstTable, SrcTable, Dst, Src, Len);
}

uint32_t wasmaot_rt_table_fill(wasmaot_vmctx *Vmctx, uint32_t Table, uint64_t Dst,
                               void *Value, uint64_t Len) {
  return !Instance::fromVmctx(Vmctx).tableFill(Table, Dst, Value, Len);
}

uint64_t wasmaot_rt_table_grow(wasmaot_vmctx *Vmctx, uint32_t Table, void *Init,
                               uint64_t Delta) {
  return static_cast<uint64_t>(Instance::fromVmctx(Vmctx).table(Table).grow(Delta, Init));
}

void wasmaot_rt_elem_drop(wasmaot_vmctx *Vmctx, uint32_t Segment) {
  Instance::fromVmctx(Vmctx).dropElem(Segment);
}

} // extern "C"
