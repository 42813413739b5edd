//===- instance/Instance.h - The runtime's side of a module instance -------===//
//
// An Instance owns what a wasmaot_vmctx points to and keeps the vmctx in step
// with it: generated code reads memory_base and memory_size straight from the
// vmctx, and vmctx->runtime leads runtime entry points back to the Instance.
// For now it holds memory 0; tables, globals and functions come later.
//
// An instance runs on one thread at a time (WebAssembly 2.0 has no shared
// memory): invoke() stores the calling thread's stack limit in the vmctx.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "memory/LinearMemory.h"
#include "wasmaot/abi.h"

#include <memory>

namespace wasmaot::runtime {

class Instance {
public:
  /// An instance with Memory as memory 0, or without a memory if null.
  explicit Instance(std::unique_ptr<LinearMemory> Memory);

  // The vmctx points back here, so an Instance stays where it was created.
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;

  /// The instance a vmctx belongs to.
  static Instance &fromVmctx(wasmaot_vmctx *Vmctx) {
    return *static_cast<Instance *>(Vmctx->runtime);
  }

  wasmaot_vmctx *vmctx() { return &Vmctx; }
  LinearMemory *memory() const { return Memory.get(); }

  /// memory.grow on memory 0: the old size in pages, or -1 if it cannot grow
  /// (or there is no memory). Updates the vmctx, whose base may move.
  int32_t growMemory(uint32_t DeltaPages);

  /// Runs Entry(Arg), which calls this instance's wasm code, in an activation
  /// on the calling thread (see callWasm), after storing that thread's stack
  /// limit in the vmctx.
  wasmaot_trap_kind invoke(void (*Entry)(void *), void *Arg);

private:
  wasmaot_vmctx Vmctx = {};
  std::unique_ptr<LinearMemory> Memory;
};

} // namespace wasmaot::runtime
