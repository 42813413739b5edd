//===- instance/Instance.cpp - Instantiation and calls ---------------------===//
#include "instance/Instance.h"
#include "instance/FuncRef.h"
#include "instance/TypeRegistry.h"
#include "module/TypeText.h"
#include "traps/Trap.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace wasmaot::runtime {

namespace {

InstantiationError unlinkable(const ImportInfo &I, const std::string &Why,
                              const std::string &Details = "") {
  return {InstantiationError::Unlinkable,
          Why + " \"" + I.Module + "\" \"" + I.Name + "\"" + Details, WASMAOT_TRAP_NONE, I,
          /*UnknownImport=*/false};
}

/// An import whose provided value has the wrong type: both types, as text.
InstantiationError mismatch(const ImportInfo &I, const std::string &Wanted,
                            const std::string &Got) {
  return unlinkable(I, "incompatible import type",
                    ": the module imports " + Wanted + ", but it is " + Got);
}

/// What a function import that nothing provides calls under
/// InstantiateOptions::TrapUnknownImports: whatever its wasm signature, it
/// takes the vmctx first and never returns, so one stub serves every type.
void unknownImportStub(wasmaot_vmctx *) {
  trapFromHostFrame(WASMAOT_TRAP_UNKNOWN_IMPORT, __builtin_return_address(0),
                    __builtin_frame_address(0));
}

/// How the code of a module compiled with Checks checks accesses of a
/// memory of type MI.
wasmaot_bounds_checks memoryChecks(wasmaot_bounds_checks Checks, const MemoryInfo &MI) {
  return wasmaot_memory_bounds_checks(Checks, MI.Is64, MI.PageSizeLog2,
                                      MI.Limits.Max.value_or(UINT64_MAX));
}

/// Whether an entity with limits (Size, Max) matches an import's limits.
bool limitsMatch(uint64_t Size, std::optional<uint64_t> Max, const LimitsInfo &Import) {
  if (Size < Import.Min)
    return false;
  if (!Import.Max)
    return true;
  return Max && *Max <= *Import.Max;
}

} // namespace

//===-- Tables ----------------------------------------------------------------===//

Table::Table(uint8_t ElemType, uint32_t Size, std::optional<uint64_t> Max, bool Is64)
    : ElemType(ElemType), Is64(Is64), Max(Max), Elements(Size, nullptr) {
  Abi = wasmaot_table{}; // the high half of the pointer on 32-bit targets too
  Abi.elements = Elements.data();
  Abi.size = Size;
  Abi.max = uint32_t(std::min<uint64_t>(Max.value_or(UINT32_MAX), UINT32_MAX));
}

int64_t Table::grow(uint64_t Delta, void *Init) {
  uint32_t Old = Abi.size;
  uint64_t Limit = std::min(Max.value_or(UINT64_MAX), MaxElements);
  if (Delta > Limit - std::min<uint64_t>(Old, Limit))
    return -1;
  uint64_t New = Old + Delta;
  Elements.resize(New, Init);
  Abi.elements = Elements.data();
  Abi.size = uint32_t(New);
  return Old;
}

//===-- Instantiation ---------------------------------------------------------===//

Instance::Instance(std::shared_ptr<const CompiledModule> Module) : Module(std::move(Module)) {
  Vmctx.runtime = this;
}

Instance::~Instance() {
  // Views exist once instantiation attached every memory to its own.
  for (uint32_t K = 0; K < MemoryPointers.size(); ++K)
    Memories[K]->detach(MemoryPointers[K]);
}

Instantiation Instance::instantiate(std::shared_ptr<const CompiledModule> Module,
                                    const ImportResolver &Imports, wasmaot_bounds_checks Checks,
                                    const InstantiateOptions &Options) {
  std::unique_ptr<Instance> Inst(new Instance(std::move(Module)));
  if (auto Failure = Inst->link(Imports, Options))
    return {nullptr, std::move(Failure)};
  if (auto Failure = Inst->createEntities(Checks, Options))
    return {nullptr, std::move(Failure)};
  if (wasmaot_trap_kind Trap = Inst->initialize(); Trap != WASMAOT_TRAP_NONE)
    return {std::move(Inst),
            InstantiationError{InstantiationError::Trap, trapMessage(Trap), Trap, {}, false}};
  return {std::move(Inst), std::nullopt};
}

std::optional<InstantiationError> Instance::link(const ImportResolver &Imports,
                                                 const InstantiateOptions &Options) {
  const ModuleInfo &Info = Module->info();
  for (const FuncSig &Sig : Info.Types)
    TypeIds.push_back(canonicalTypeId(Sig));
  Funcs.resize(Info.FuncTypes.size());
  Tables.resize(Info.Tables.size());
  Memories.resize(Info.Memories.size());
  Globals.resize(Info.Globals.size());

  for (const ImportInfo &I : Info.Imports) {
    std::optional<Extern> E = Imports(I.Module, I.Name);
    if (!E && I.Kind == ExternKind::Func && Options.TrapUnknownImports) {
      HostFuncRefs.push_back(std::make_unique<wasmaot_funcref>(
          makeFuncRef(reinterpret_cast<void *>(&unknownImportStub), &Vmctx,
                      TypeIds[Info.FuncTypes[I.Index]], WASMAOT_FUNCREF_HOST)));
      Funcs[I.Index] = callable(HostFuncRefs.back().get(), Info.FuncTypes[I.Index]);
      continue;
    }
    if (!E) {
      InstantiationError Unknown = unlinkable(I, "unknown import");
      Unknown.UnknownImport = true;
      return Unknown;
    }
    if (E->Kind != I.Kind)
      return unlinkable(I, "incompatible import type",
                        std::string(": the module imports ") + externKindName(I.Kind) +
                            ", but it is " + externKindName(E->Kind));
    switch (I.Kind) {
    case ExternKind::Func: {
      const FuncSig &Want = Info.Types[Info.FuncTypes[I.Index]];
      if (E->Func->type_id != TypeIds[Info.FuncTypes[I.Index]]) {
        std::optional<FuncSig> Got = canonicalType(E->Func->type_id);
        return mismatch(I, funcTypeText(Want), Got ? funcTypeText(*Got) : "another type");
      }
      Funcs[I.Index] = callable(E->Func, Info.FuncTypes[I.Index]);
      break;
    }
    case ExternKind::Table: {
      const TableInfo &Want = Info.Tables[I.Index];
      const Table &Got = *E->Tab;
      if (Got.elemType() != Want.ElemType || Got.is64() != Want.Is64 ||
          !limitsMatch(Got.size(), Got.max(), Want.Limits))
        return mismatch(I, tableTypeText(Want.Limits.Min, Want.Limits.Max, Want.ElemType, Want.Is64),
                        tableTypeText(Got.size(), Got.max(), Got.elemType(), Got.is64()));
      Tables[I.Index] = E->Tab;
      break;
    }
    case ExternKind::Memory: {
      const MemoryInfo &Want = Info.Memories[I.Index];
      const LinearMemory &Got = *E->Mem;
      if (Got.shape() != MemoryShape{Want.PageSizeLog2, Want.Is64} ||
          !limitsMatch(Got.pages(), Got.maxPages(), Want.Limits))
        return mismatch(
            I, memoryTypeText(Want.Limits.Min, Want.Limits.Max, Want.Is64, Want.PageSizeLog2),
            memoryTypeText(Got.pages(), Got.maxPages(), Got.shape().Is64,
                           Got.shape().PageSizeLog2));
      Memories[I.Index] = E->Mem;
      break;
    }
    case ExternKind::Global: {
      const GlobalInfo &Want = Info.Globals[I.Index];
      if (E->Glob->Type != Want.Type || E->Glob->Mutable != Want.Mutable)
        return mismatch(I, globalTypeText(Want.Type, Want.Mutable),
                        globalTypeText(E->Glob->Type, E->Glob->Mutable));
      Globals[I.Index] = E->Glob;
      break;
    }
    }
  }
  return std::nullopt;
}

wasmaot_funcref *Instance::callable(wasmaot_funcref *Import, uint32_t TypeIndex) {
  if (!(Import->flags & WASMAOT_FUNCREF_HOST))
    return Import;
  HostFuncRefs.push_back(std::make_unique<wasmaot_funcref>(
      makeFuncRef(Module->hostThunk(TypeIndex), reinterpret_cast<wasmaot_vmctx *>(Import),
                  Import->type_id, WASMAOT_FUNCREF_THUNK)));
  return HostFuncRefs.back().get();
}

std::optional<InstantiationError> Instance::createEntities(wasmaot_bounds_checks Checks,
                                                           const InstantiateOptions &Options) {
  const ModuleInfo &Info = Module->info();
  auto Resource = [](std::string Message) {
    return InstantiationError{InstantiationError::Resource, std::move(Message),
                              WASMAOT_TRAP_NONE, {}, false};
  };

  DefinedFuncs.resize(Info.FuncTypes.size() - Info.NumImportedFuncs);
  for (uint32_t F = Info.NumImportedFuncs; F < Info.FuncTypes.size(); ++F) {
    wasmaot_funcref &Ref = DefinedFuncs[F - Info.NumImportedFuncs];
    Ref = makeFuncRef(Module->code(F), &Vmctx, TypeIds[Info.FuncTypes[F]]);
    Funcs[F] = &Ref;
  }

  for (uint32_t T = Info.NumImportedTables; T < Info.Tables.size(); ++T) {
    const TableInfo &TI = Info.Tables[T];
    if (TI.Limits.Min > Table::MaxElements)
      return Resource("table of " + std::to_string(TI.Limits.Min) +
                      " elements exceeds the implementation limit of " +
                      std::to_string(Table::MaxElements));
    Tables[T] = std::make_shared<Table>(TI.ElemType, uint32_t(TI.Limits.Min), TI.Limits.Max,
                                        TI.Is64);
  }
  for (const std::shared_ptr<Table> &T : Tables)
    TablePointers.push_back(T->abi());

  for (uint32_t M = Info.NumImportedMemories; M < Info.Memories.size(); ++M) {
    const MemoryInfo &MI = Info.Memories[M];
    MemoryShape Shape{MI.PageSizeLog2, MI.Is64};
    uint64_t HostPages =
        Options.MaxMemoryBytes ? Options.MaxMemoryBytes >> MI.PageSizeLog2 : UINT64_MAX;
    if (MI.Limits.Min > HostPages)
      return Resource((M == 0 ? std::string("its memory") : "its memory " + std::to_string(M)) +
                      " starts with " + std::to_string(MI.Limits.Min) + " pages (" +
                      std::to_string(MI.Limits.Min << MI.PageSizeLog2) +
                      " bytes), more than the memory limit of " +
                      std::to_string(Options.MaxMemoryBytes) + " bytes allows");
    Result<std::unique_ptr<LinearMemory>> Created =
        LinearMemory::create(MI.Limits.Min, MI.Limits.Max, memoryChecks(Checks, MI), Shape);
    if (!Created)
      return Resource(Created.error().message());
    Memories[M] = std::move(*Created);
    Memories[M]->limitPages(HostPages);
  }
  // Imported memories were made for the strategy their exporter's code
  // uses: guard-page code must not reach a memory without guard regions.
  // (Explicit checks work on any memory: a 64-bit one imported without a
  // maximum may be the exporter's guard memory of at most 4 GiB.)
  for (uint32_t M = 0; M < Info.NumImportedMemories; ++M) {
    const MemoryInfo &MI = Info.Memories[M];
    if (memoryChecks(Checks, MI) == WASMAOT_BOUNDS_GUARD &&
        Memories[M]->boundsChecks() != WASMAOT_BOUNDS_GUARD) {
      const ImportInfo *Import = nullptr;
      for (const ImportInfo &I : Info.Imports)
        if (I.Kind == ExternKind::Memory && I.Index == M)
          Import = &I;
      return unlinkable(*Import, "incompatible import type",
                        ": the memory was made for another bounds-check strategy");
    }
  }
  if (!Memories.empty()) {
    MemoryViews = std::make_unique<wasmaot_memory[]>(Memories.size());
    for (uint32_t M = 0; M < Memories.size(); ++M) {
      wasmaot_memory *View = M == 0 ? &Vmctx.memory0 : &MemoryViews[M];
      MemoryPointers.push_back(View);
      Memories[M]->attach(View);
    }
  }

  // Initializers may read imported globals, which come first.
  for (uint32_t G = Info.NumImportedGlobals; G < Info.Globals.size(); ++G) {
    auto Storage = std::make_shared<Global>();
    Storage->Type = Info.Globals[G].Type;
    Storage->Mutable = Info.Globals[G].Mutable;
    evaluateInit(Info.Globals[G].Init, Storage->Value);
    Globals[G] = std::move(Storage);
  }
  for (const std::shared_ptr<Global> &G : Globals)
    GlobalPointers.push_back(G->Value);

  for (const DataSegmentInfo &D : Info.Datas)
    DataSegments.push_back(D.Bytes);
  for (const ElemSegmentInfo &E : Info.Elems) {
    std::vector<void *> Refs;
    for (const ConstInit &Init : E.Inits)
      Refs.push_back(evaluateRef(Init));
    ElemSegments.push_back(std::move(Refs));
  }

  Vmctx.globals = GlobalPointers.data();
  Vmctx.functions = Funcs.data();
  Vmctx.tables = TablePointers.data();
  Vmctx.type_ids = TypeIds.data();
  Vmctx.memories = MemoryPointers.data();
  Vmctx.stack_limit = currentStackLimit();
  return std::nullopt;
}

void Instance::evaluateInit(const ConstInit &Init, uint8_t *Out) const {
  switch (Init.K) {
  case ConstInit::Program:
    return evaluateProgram(Init.Ops, Out);
  case ConstInit::GlobalGet:
    std::memcpy(Out, Globals[Init.Index]->Value, 16);
    return;
  case ConstInit::RefNull:
  case ConstInit::RefFunc: {
    void *Ref = evaluateRef(Init);
    std::memcpy(Out, &Ref, sizeof Ref);
    return;
  }
  default:
    std::memcpy(Out, Init.Bytes, 16);
    return;
  }
}

void Instance::evaluateProgram(const std::vector<ConstInit> &Ops, uint8_t *Out) const {
  // The validator typed the program; the artifact's checksum guards it. An
  // operand missing all the same reads as zero rather than out of bounds.
  std::vector<std::array<uint8_t, 16>> Stack;
  auto pop = [&](auto &V) {
    std::memset(&V, 0, sizeof V);
    if (Stack.empty())
      return;
    std::memcpy(&V, Stack.back().data(), sizeof V);
    Stack.pop_back();
  };
  for (const ConstInit &Op : Ops) {
    if (Op.K < ConstInit::I32Add || Op.K > ConstInit::I64Mul) {
      Stack.emplace_back();
      evaluateInit(Op, Stack.back().data());
      continue;
    }
    // Wrapping arithmetic, in unsigned types.
    std::array<uint8_t, 16> Result{};
    if (Op.K <= ConstInit::I32Mul) {
      uint32_t B, A;
      pop(B);
      pop(A);
      uint32_t R = Op.K == ConstInit::I32Add ? A + B : Op.K == ConstInit::I32Sub ? A - B : A * B;
      std::memcpy(Result.data(), &R, sizeof R);
    } else {
      uint64_t B, A;
      pop(B);
      pop(A);
      uint64_t R = Op.K == ConstInit::I64Add ? A + B : Op.K == ConstInit::I64Sub ? A - B : A * B;
      std::memcpy(Result.data(), &R, sizeof R);
    }
    Stack.push_back(Result);
  }
  std::memset(Out, 0, 16);
  if (!Stack.empty())
    std::memcpy(Out, Stack.back().data(), 16);
}

void *Instance::evaluateRef(const ConstInit &Init) const {
  switch (Init.K) {
  case ConstInit::RefFunc:
    return Funcs[Init.Index];
  case ConstInit::GlobalGet: {
    void *Ref;
    std::memcpy(&Ref, Globals[Init.Index]->Value, sizeof Ref);
    return Ref;
  }
  default:
    return nullptr;
  }
}

wasmaot_trap_kind Instance::initialize() {
  const ModuleInfo &Info = Module->info();
  // An offset of a 32- or 64-bit table or memory.
  auto Offset = [&](const ConstInit &Init, bool Is64) {
    uint8_t Value[16];
    evaluateInit(Init, Value);
    uint64_t V = 0;
    std::memcpy(&V, Value, Is64 ? 8 : 4);
    return V;
  };
  for (uint32_t S = 0; S < Info.Elems.size(); ++S) {
    const ElemSegmentInfo &E = Info.Elems[S];
    if (E.M == ElemSegmentInfo::Active &&
        !tableInit(E.Table, S, Offset(E.Offset, Info.Tables[E.Table].Is64), 0,
                   uint32_t(E.Inits.size())))
      return WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS;
    if (E.M != ElemSegmentInfo::Passive)
      dropElem(S);
  }
  // The compiler checked that the image holds what the active segments write
  // and that none of them traps (lowering/MemoryImage.h); a memory this small
  // would be a damaged artifact.
  if (Info.MemoryImage) {
    const MemoryImageSource &Image = Module->memoryImage();
    if (Memories.empty() || !Memories[0]->loadImage(Info.MemoryImage->Offset, Image.Bytes, Image.Fd,
                                      Image.FileOffset))
      return WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS;
  }
  for (uint32_t S = 0; S < Info.Datas.size(); ++S) {
    const DataSegmentInfo &D = Info.Datas[S];
    if (!D.Active)
      continue;
    if (!Info.MemoryImage &&
        !memoryInit(D.Memory, S, Offset(D.Offset, Info.Memories[D.Memory].Is64), 0,
                    uint32_t(D.Bytes.size())))
      return WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS;
    dropData(S);
  }
  if (Info.Start)
    return call(*Info.Start, {});
  return WASMAOT_TRAP_NONE;
}

//===-- Exports and calls -----------------------------------------------------===//

std::optional<Extern> Instance::exported(const std::string &Name) const {
  for (const ExportInfo &E : Module->info().Exports) {
    if (E.Name != Name)
      continue;
    Extern X;
    X.Kind = E.Kind;
    switch (E.Kind) {
    case ExternKind::Func:
      X.Func = Funcs[E.Index];
      break;
    case ExternKind::Table:
      X.Tab = Tables[E.Index];
      break;
    case ExternKind::Memory:
      X.Mem = Memories[E.Index];
      break;
    case ExternKind::Global:
      X.Glob = Globals[E.Index];
      break;
    }
    return X;
  }
  return std::nullopt;
}

std::optional<uint32_t> Instance::exportedFunction(const std::string &Name) const {
  for (const ExportInfo &E : Module->info().Exports)
    if (E.Name == Name && E.Kind == ExternKind::Func)
      return E.Index;
  return std::nullopt;
}

namespace {

/// What the trampoline needs; it owns nothing, so a trap may unwind it.
struct PendingCall {
  CallWrapper *Wrapper;
  void *Code;
  wasmaot_vmctx *Vmctx;
  void *Slots;
};

void trampoline(void *Arg) {
  auto *C = static_cast<PendingCall *>(Arg);
  C->Wrapper(C->Code, C->Vmctx, C->Slots);
}

} // namespace

wasmaot_trap_kind Instance::call(uint32_t FuncIndex, std::span<Slot> Slots) {
  wasmaot_funcref *Ref = Funcs[FuncIndex];
  // The wrapper of the function's type in this module suits any function
  // of that type, defined here or imported.
  PendingCall Call{Module->wrapper(Module->info().FuncTypes[FuncIndex]), Ref->code, Ref->vmctx,
                   Slots.data()};
  uintptr_t Limit = currentStackLimit();
  Vmctx.stack_limit = Limit;
  // A function imported from another instance checks that instance's
  // limit; a host thunk's "vmctx" is the host function's funcref.
  if (Ref->vmctx && !(Ref->flags & WASMAOT_FUNCREF_THUNK))
    Ref->vmctx->stack_limit = Limit;
  return callWasm(&trampoline, &Call);
}

} // namespace wasmaot::runtime
