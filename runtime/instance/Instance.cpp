//===- instance/Instance.cpp - The runtime's side of a module instance -----===//
//
// Also defines the ABI entry points that act on an instance's state.
//
//===----------------------------------------------------------------------===//
#include "instance/Instance.h"

#include "traps/Trap.h"

namespace wasmaot::runtime {

Instance::Instance(std::unique_ptr<LinearMemory> Memory) : Memory(std::move(Memory)) {
  Vmctx.runtime = this;
  if (this->Memory) {
    Vmctx.memory_base = this->Memory->base();
    Vmctx.memory_size = this->Memory->byteSize();
  }
}

int32_t Instance::growMemory(uint32_t DeltaPages) {
  if (!Memory)
    return -1;
  int32_t OldPages = Memory->grow(DeltaPages);
  Vmctx.memory_base = Memory->base();
  Vmctx.memory_size = Memory->byteSize();
  return OldPages;
}

wasmaot_trap_kind Instance::invoke(void (*Entry)(void *), void *Arg) {
  Vmctx.stack_limit = currentStackLimit();
  return callWasm(Entry, Arg);
}

} // namespace wasmaot::runtime

extern "C" uint32_t wasmaot_rt_memory_grow(wasmaot_vmctx *Vmctx, uint32_t DeltaPages) {
  // -1 becomes UINT32_MAX, the i32 -1 that memory.grow returns on failure.
  return static_cast<uint32_t>(wasmaot::runtime::Instance::fromVmctx(Vmctx).growMemory(DeltaPages));
}
