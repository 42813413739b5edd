//===- instance/Instance.h - A module instance -----------------------------===//
//
// An Instance owns what its wasmaot_vmctx points to: the funcref of every
// function, the pointers to its tables, globals and type ids, and (through
// shared ownership with importers and exporters) its memory, tables and
// globals. vmctx->runtime leads runtime entry points back to the Instance.
//
// Instantiation follows the spec: resolve and check the imports, create the
// defined entities, evaluate global initializers, apply the active element
// and data segments in order (a segment out of bounds traps, and what earlier
// segments wrote to shared tables and memories stays), then run the start
// function.
//
// An instance runs on one thread at a time (WebAssembly 2.0 has no shared
// memory). Instances an instance imports functions from must outlive it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "instance/Extern.h"
#include "memory/LinearMemory.h"
#include "support/Result.h"
#include "wasmaot/abi.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::runtime {

/// Why instantiation failed.
struct InstantiationError {
  enum Kind { Unlinkable, Trap, Resource };
  Kind K;
  std::string Message;
  wasmaot_trap_kind TrapKind = WASMAOT_TRAP_NONE; // K == Trap
  /// K == Unlinkable: the import that could not be satisfied, and whether
  /// nothing was offered for it at all (rather than something of another type).
  std::optional<ImportInfo> Import;
  bool UnknownImport = false;
};

class Instance;

/// The outcome of instantiation. When a segment or the start function
/// trapped, Failure says so and Inst is still set: the elements it wrote into
/// imported tables refer to its functions, so it must be kept alive (but not
/// used) as long as those tables are.
struct Instantiation {
  std::unique_ptr<Instance> Inst;
  std::optional<InstantiationError> Failure;
};

struct InstantiateOptions {
  /// A function import that the resolver does not provide becomes a function
  /// that traps with WASMAOT_TRAP_UNKNOWN_IMPORT when called, instead of
  /// failing instantiation (Wasmtime's --trap-unknown-imports).
  bool TrapUnknownImports = false;
  /// The most bytes the instance's own memory may have (0: no bound but the
  /// memory's maximum): a larger initial size fails instantiation, and
  /// memory.grow past it fails (returns -1), as --max-memory says.
  uint64_t MaxMemoryBytes = 0;
};

class Instance {
public:
  /// Finds the value for an import (module name, field name), or nullopt.
  using ImportResolver =
      std::function<std::optional<Extern>(const std::string &, const std::string &)>;

  /// Instantiates Module. Its memory is created for Checks, the strategy
  /// Module's code was compiled with.
  static Instantiation instantiate(std::shared_ptr<const CompiledModule> Module,
                                   const ImportResolver &Imports, wasmaot_bounds_checks Checks,
                                   const InstantiateOptions &Options = {});

  ~Instance();
  Instance(const Instance &) = delete;
  Instance &operator=(const Instance &) = delete;

  /// The instance a vmctx belongs to.
  static Instance &fromVmctx(wasmaot_vmctx *Vmctx) {
    return *static_cast<Instance *>(Vmctx->runtime);
  }
  wasmaot_vmctx *vmctx() { return &Vmctx; }

  /// Asks the instance's running code to stop: code compiled to be
  /// interruptible (--timeout, CompileOptions::Interruptible) traps with
  /// WASMAOT_TRAP_INTERRUPTED at its next function entry or loop header,
  /// and so does every later call until clearInterrupt(). Other code never
  /// looks. Safe from any thread and from a signal handler.
  void interrupt() { __atomic_store_n(&Vmctx.interrupt, 1u, __ATOMIC_RELAXED); }
  void clearInterrupt() { __atomic_store_n(&Vmctx.interrupt, 0u, __ATOMIC_RELAXED); }
  const CompiledModule &module() const { return *Module; }

  /// The export named Name, or nullopt.
  std::optional<Extern> exported(const std::string &Name) const;
  /// The function index an exported function name refers to, or nullopt.
  std::optional<uint32_t> exportedFunction(const std::string &Name) const;

  /// Calls function FuncIndex with its arguments in Slots (one per
  /// parameter, at least as many as results), leaving the results there.
  /// Returns WASMAOT_TRAP_NONE or the trap that ended the call.
  wasmaot_trap_kind call(uint32_t FuncIndex, std::span<Slot> Slots);

  /// Memory 0 (what WASI reads and writes), or null.
  LinearMemory *memory() const { return Memories.empty() ? nullptr : Memories[0].get(); }
  LinearMemory &memory(uint32_t Index) const { return *Memories[Index]; }
  Table &table(uint32_t Index) const { return *Tables[Index]; }

  // The operations behind the wasmaot_rt_* entry points (abi.h). Those
  // returning bool return false when a range is out of bounds.
  int64_t growMemory(uint32_t Memory, uint64_t DeltaPages);
  bool memoryInit(uint32_t Memory, uint32_t Segment, uint64_t Dst, uint32_t Src, uint32_t Len);
  bool memoryCopy(uint32_t DstMemory, uint32_t SrcMemory, uint64_t Dst, uint64_t Src,
                  uint64_t Len);
  bool memoryFill(uint32_t Memory, uint64_t Dst, uint8_t Value, uint64_t Len);
  void dropData(uint32_t Segment) { DataSegments[Segment] = {}; }
  bool tableInit(uint32_t TableIndex, uint32_t Segment, uint64_t Dst, uint32_t Src,
                 uint32_t Len);
  bool tableCopy(uint32_t DstTable, uint32_t SrcTable, uint64_t Dst, uint64_t Src,
                 uint64_t Len);
  bool tableFill(uint32_t TableIndex, uint64_t Dst, void *Value, uint64_t Len);
  void dropElem(uint32_t Segment) { ElemSegments[Segment].clear(); }

private:
  explicit Instance(std::shared_ptr<const CompiledModule> Module);

  std::optional<InstantiationError> link(const ImportResolver &Imports,
                                         const InstantiateOptions &Options);
  /// What this instance's code calls for Import, a function it imports as
  /// type TypeIndex: Import itself if it is wasm code, or a funcref to it
  /// through the module's host thunk if it is a host function (abi.h).
  wasmaot_funcref *callable(wasmaot_funcref *Import, uint32_t TypeIndex);
  std::optional<InstantiationError> createEntities(wasmaot_bounds_checks Checks,
                                                   const InstantiateOptions &Options);
  void evaluateInit(const ConstInit &Init, uint8_t *Out) const;
  void evaluateProgram(const std::vector<ConstInit> &Ops, uint8_t *Out) const;
  void *evaluateRef(const ConstInit &Init) const;
  wasmaot_trap_kind initialize();

  std::shared_ptr<const CompiledModule> Module;
  wasmaot_vmctx Vmctx = {};
  std::vector<uint32_t> TypeIds;
  std::vector<wasmaot_funcref> DefinedFuncs;
  std::vector<wasmaot_funcref *> Funcs;
  /// The funcrefs through which this instance's code calls host functions
  /// (callable), and those of the stubs of unknown imports.
  std::vector<std::unique_ptr<wasmaot_funcref>> HostFuncRefs;
  std::vector<std::shared_ptr<Table>> Tables;
  std::vector<wasmaot_table *> TablePointers;
  std::vector<std::shared_ptr<LinearMemory>> Memories;
  /// What vmctx->memories points to: memory 0's view is the vmctx's own,
  /// the others' are in MemoryViews (allocated once, never moved).
  std::vector<wasmaot_memory *> MemoryPointers;
  std::unique_ptr<wasmaot_memory[]> MemoryViews;
  std::vector<std::shared_ptr<Global>> Globals;
  std::vector<void *> GlobalPointers;
  std::vector<std::span<const uint8_t>> DataSegments;
  std::vector<std::vector<void *>> ElemSegments;
};

} // namespace wasmaot::runtime
