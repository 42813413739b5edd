//===- instance/Instance.cpp - Instantiation and calls ---------------------===//
#include "instance/Instance.h"
#include "instance/FuncRef.h"
#include "instance/TypeRegistry.h"
#include "module/TypeText.h"
#include "traps/Trap.h"

#include <array>
#include <cstring>

namespace wasmaot::runtime {

namespace {

/// Tables larger than this are refused at instantiation and by table.grow:
/// every element takes host memory up front.
constexpr uint64_t MaxTableElements = 10'000'000;

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

Table::Table(uint8_t ElemType, uint32_t Size, uint32_t Max)
    : ElemType(ElemType), Elements(Size, nullptr) {
  Abi = wasmaot_table{}; // the high half of the pointer on 32-bit targets too
  Abi.elements = Elements.data();
  Abi.size = Size;
  Abi.max = Max;
}

int64_t Table::grow(uint32_t Delta, void *Init) {
  uint32_t Old = Abi.size;
  uint64_t New = uint64_t(Old) + Delta;
  if (New > Abi.max || New > MaxTableElements)
    return -1;
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
  if (Memory)
    Memory->detach(&Vmctx);
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
  Globals.resize(Info.Globals.size());

  for (const ImportInfo &I : Info.Imports) {
    std::optional<Extern> E = Imports(I.Module, I.Name);
    if (!E && I.Kind == ExternKind::Func && Options.TrapUnknownImports) {
      UnknownImportStubs.push_back(std::make_unique<wasmaot_funcref>(
          makeFuncRef(reinterpret_cast<void *>(&unknownImportStub), &Vmctx,
                      TypeIds[Info.FuncTypes[I.Index]])));
      Funcs[I.Index] = UnknownImportStubs.back().get();
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
      Funcs[I.Index] = E->Func;
      break;
    }
    case ExternKind::Table: {
      const TableInfo &Want = Info.Tables[I.Index];
      std::optional<uint64_t> Max;
      if (E->Tab->max() != UINT32_MAX)
        Max = E->Tab->max();
      if (E->Tab->elemType() != Want.ElemType || !limitsMatch(E->Tab->size(), Max, Want.Limits))
        return mismatch(I, tableTypeText(Want.Limits.Min, Want.Limits.Max, Want.ElemType),
                        tableTypeText(E->Tab->size(), Max, E->Tab->elemType()));
      Tables[I.Index] = E->Tab;
      break;
    }
    case ExternKind::Memory: {
      const LimitsInfo &Want = Info.Memories[I.Index];
      if (!limitsMatch(E->Mem->pages(), E->Mem->maxPages(), Want))
        return mismatch(I, memoryTypeText(Want.Min, Want.Max),
                        memoryTypeText(E->Mem->pages(), E->Mem->maxPages()));
      Memory = E->Mem;
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
    if (TI.Limits.Min > MaxTableElements)
      return Resource("table of " + std::to_string(TI.Limits.Min) +
                      " elements exceeds the implementation limit of " +
                      std::to_string(MaxTableElements));
    Tables[T] = std::make_shared<Table>(TI.ElemType, uint32_t(TI.Limits.Min),
                                        uint32_t(TI.Limits.Max.value_or(UINT32_MAX)));
  }
  for (const std::shared_ptr<Table> &T : Tables)
    TablePointers.push_back(T->abi());

  if (Info.NumImportedMemories < Info.Memories.size()) {
    const LimitsInfo &L = Info.Memories[Info.NumImportedMemories];
    std::optional<uint32_t> Max;
    if (L.Max)
      Max = uint32_t(*L.Max);
    uint64_t HostPages = Options.MaxMemoryBytes ? Options.MaxMemoryBytes / LinearMemory::PageSize
                                                : uint64_t(LinearMemory::PageLimit);
    if (L.Min > HostPages)
      return Resource("its memory starts with " + std::to_string(L.Min) + " pages (" +
                      std::to_string(L.Min * LinearMemory::PageSize) +
                      " bytes), more than the memory limit of " +
                      std::to_string(Options.MaxMemoryBytes) + " bytes allows");
    Result<std::unique_ptr<LinearMemory>> Created =
        LinearMemory::create(uint32_t(L.Min), Max, Checks);
    if (!Created)
      return Resource(Created.error().message());
    Memory = std::move(*Created);
    Memory->limitPages(uint32_t(std::min<uint64_t>(HostPages, LinearMemory::PageLimit)));
  }
  if (Memory)
    Memory->attach(&Vmctx);

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
  auto Offset = [&](const ConstInit &Init) {
    uint8_t Value[16];
    evaluateInit(Init, Value);
    uint32_t V;
    std::memcpy(&V, Value, 4);
    return V;
  };
  for (uint32_t S = 0; S < Info.Elems.size(); ++S) {
    const ElemSegmentInfo &E = Info.Elems[S];
    if (E.M == ElemSegmentInfo::Active &&
        !tableInit(E.Table, S, Offset(E.Offset), 0, uint32_t(E.Inits.size())))
      return WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS;
    if (E.M != ElemSegmentInfo::Passive)
      dropElem(S);
  }
  // The compiler checked that the image holds what the active segments write
  // and that none of them traps (lowering/MemoryImage.h); a memory this small
  // would be a damaged artifact.
  if (Info.MemoryImage) {
    const MemoryImageSource &Image = Module->memoryImage();
    if (!Memory || !Memory->loadImage(Info.MemoryImage->Offset, Image.Bytes, Image.Fd,
                                      Image.FileOffset))
      return WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS;
  }
  for (uint32_t S = 0; S < Info.Datas.size(); ++S) {
    const DataSegmentInfo &D = Info.Datas[S];
    if (!D.Active)
      continue;
    if (!Info.MemoryImage && !memoryInit(S, Offset(D.Offset), 0, uint32_t(D.Bytes.size())))
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
      X.Mem = Memory;
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
  if (Ref->vmctx)
    Ref->vmctx->stack_limit = Limit;
  return callWasm(&trampoline, &Call);
}

} // namespace wasmaot::runtime
