//===- instance/InstanceTest.cpp - Instantiation, linking, bulk operations -===//
//
// Modules here are ModuleInfos with hand-written native functions standing
// in for compiled code: they follow the same ABI (vmctx first) and are
// called through hand-written call wrappers, so instantiation, linking,
// segments and traps are tested without the compiler.
//
//===----------------------------------------------------------------------===//
#include "instance/Instance.h"
#include "instance/TypeRegistry.h"

#include "RuntimeTestSupport.h"
#include "traps/Trap.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

constexpr uint64_t Page = WASMAOT_PAGE_SIZE;
constexpr uint8_t I32 = 0x7F, FuncRef = 0x70;

/// i32.store8 under the guard strategy: no check, just base + index.
WASMAOT_STAND_IN_FOR_WASM void storeByte(wasmaot_vmctx *Vmctx, uint32_t Index) {
  static_cast<volatile uint8_t *>(Vmctx->memory0.base)[Index] = 1;
}

/// The call wrapper of (i32) -> ().
void wrapI32(void *Code, wasmaot_vmctx *Vmctx, void *Slots) {
  uint32_t Arg;
  std::memcpy(&Arg, Slots, 4);
  reinterpret_cast<void (*)(wasmaot_vmctx *, uint32_t)>(Code)(Vmctx, Arg);
}

ConstInit i32Const(uint32_t V) {
  ConstInit C;
  C.K = ConstInit::I32;
  std::memcpy(C.Bytes, &V, 4);
  return C;
}

ConstInit refFunc(uint32_t Index) {
  ConstInit C;
  C.K = ConstInit::RefFunc;
  C.Index = Index;
  return C;
}

/// A module with one memory of Min..Max pages and a function "store" that
/// stores 1 at its i32 argument.
ModuleInfo storeModule(uint64_t Min, std::optional<uint64_t> Max) {
  ModuleInfo M;
  M.Types = {{{I32}, {}}};
  M.FuncTypes = {0};
  M.Memories = {{Min, Max}};
  M.Exports = {{"store", ExternKind::Func, 0}, {"memory", ExternKind::Memory, 0}};
  return M;
}

std::shared_ptr<const CompiledModule> compiled(ModuleInfo M) {
  ModuleCode Code{
      std::vector<void *>(M.FuncTypes.size() - M.NumImportedFuncs,
                          reinterpret_cast<void *>(&storeByte)),
      std::vector<CallWrapper *>(M.Types.size(), &wrapI32), std::vector<void *>(M.Types.size())};
  return std::make_shared<const CompiledModule>(std::move(M), std::move(Code));
}

Instance::ImportResolver noImports() {
  return [](const std::string &, const std::string &) { return std::nullopt; };
}

/// Instantiates M, requiring success.
std::unique_ptr<Instance> instantiate(ModuleInfo M, wasmaot_bounds_checks Checks,
                                      const Instance::ImportResolver &Imports = noImports()) {
  Instantiation Result = Instance::instantiate(compiled(std::move(M)), Imports, Checks);
  INFO((Result.Failure ? Result.Failure->Message : std::string()));
  REQUIRE(!Result.Failure);
  return std::move(Result.Inst);
}

/// Resolves imports from the exports of Exporter under module name "m".
Instance::ImportResolver importsFrom(Instance &Exporter) {
  return [&Exporter](const std::string &Module, const std::string &Name) {
    return Module == "m" ? Exporter.exported(Name) : std::nullopt;
  };
}

uint32_t call(Instance &Inst, uint32_t Func, uint32_t Arg, wasmaot_trap_kind &Trap) {
  Slot Slots[1];
  std::memcpy(Slots[0].Bytes, &Arg, 4);
  Trap = Inst.call(Func, Slots);
  uint32_t Result;
  std::memcpy(&Result, Slots[0].Bytes, 4);
  return Result;
}

} // namespace

TEST_CASE("an instance publishes its memory, globals, tables and types in the vmctx") {
  ModuleInfo M = storeModule(2, 5);
  M.Tables = {{FuncRef, {3, std::nullopt}}};
  M.Globals = {{I32, true, i32Const(7)}};
  auto Inst = instantiate(std::move(M), WASMAOT_BOUNDS_GUARD);
  wasmaot_vmctx *Vmctx = Inst->vmctx();
  CHECK(&Instance::fromVmctx(Vmctx) == Inst.get());
  CHECK(Vmctx->memory0.base == Inst->memory()->base());
  CHECK(Vmctx->memory0.size == 2 * Page);
  CHECK(*static_cast<uint32_t *>(Vmctx->globals[0]) == 7);
  CHECK(Vmctx->tables[0]->size == 3);
  CHECK(Vmctx->tables[0]->elements[0] == nullptr);
  CHECK(Vmctx->type_ids[0] == canonicalTypeId({{I32}, {}}));
  CHECK(Vmctx->functions[0]->code == reinterpret_cast<void *>(&storeByte));
  CHECK(Vmctx->functions[0]->vmctx == Vmctx);
  CHECK(Vmctx->stack_limit == currentStackLimit());
}

TEST_CASE("equal signatures get equal canonical type ids") {
  uint32_t A = canonicalTypeId({{I32, I32}, {I32}});
  CHECK(canonicalTypeId({{I32, I32}, {I32}}) == A);
  CHECK(canonicalTypeId({{I32}, {I32, I32}}) != A);
  CHECK(canonicalTypeId({{}, {}}) != 0);
}

TEST_CASE("memory.grow is seen by every instance that uses the memory") {
  auto Checks = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  auto Exporter = instantiate(storeModule(1, std::nullopt), Checks);
  ModuleInfo Importer = storeModule(1, std::nullopt);
  Importer.Imports = {{"m", "memory", ExternKind::Memory, 0}};
  Importer.NumImportedMemories = 1;
  auto Inst = instantiate(std::move(Importer), Checks, importsFrom(*Exporter));

  Exporter->vmctx()->memory0.base[0] = 0x42;
  CHECK(wasmaot_rt_memory_grow(Inst->vmctx(), 0, 3) == 1);
  for (Instance *I : {Exporter.get(), Inst.get()}) {
    CHECK(I->vmctx()->memory0.size == 4 * Page);
    CHECK(I->vmctx()->memory0.base == Exporter->memory()->base());
    CHECK(I->vmctx()->memory0.base[0] == 0x42);
  }
  CHECK(wasmaot_rt_memory_grow(Exporter->vmctx(), 0, 0) == 4);
}

TEST_CASE("an instance without a memory cannot grow one") {
  ModuleInfo M;
  auto Inst = instantiate(std::move(M), WASMAOT_BOUNDS_GUARD);
  CHECK(Inst->vmctx()->memory0.base == nullptr);
  CHECK(wasmaot_rt_memory_grow(Inst->vmctx(), 0, 1) == UINT64_MAX);
}

TEST_CASE("calls run in an activation and faults in the guard region trap") {
  auto Inst = instantiate(storeModule(1, std::nullopt), WASMAOT_BOUNDS_GUARD);
  wasmaot_trap_kind Trap;
  call(*Inst, 0, Page - 1, Trap);
  CHECK(Trap == WASMAOT_TRAP_NONE);
  CHECK(Inst->memory()->base()[Page - 1] == 1);
  call(*Inst, 0, Page, Trap);
  CHECK(Trap == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  REQUIRE(wasmaot_rt_memory_grow(Inst->vmctx(), 0, 1) == 1);
  call(*Inst, 0, Page, Trap);
  CHECK(Trap == WASMAOT_TRAP_NONE);
}

TEST_CASE("imports are checked against what they are linked to") {
  auto Exporter = instantiate(storeModule(2, 4), WASMAOT_BOUNDS_GUARD);
  auto Failure = [&](ModuleInfo M) {
    Instantiation R = Instance::instantiate(compiled(std::move(M)), importsFrom(*Exporter),
                                            WASMAOT_BOUNDS_GUARD);
    REQUIRE(R.Failure);
    CHECK(R.Failure->K == InstantiationError::Unlinkable);
    CHECK(!R.Inst);
    return R.Failure->Message;
  };
  ModuleInfo M;
  M.Types = {{{I32}, {}}, {{}, {I32}}};
  M.Imports = {{"m", "absent", ExternKind::Func, 0}};
  M.FuncTypes = {0};
  M.NumImportedFuncs = 1;
  CHECK(Failure(M) == "unknown import \"m\" \"absent\"");

  M.Imports[0].Name = "store";
  M.FuncTypes = {1};
  // Both types, as the text format writes them.
  CHECK(Failure(M) == "incompatible import type \"m\" \"store\": the module imports "
                      "(func (result i32)), but it is (func (param i32))");

  ModuleInfo Mem;
  Mem.Imports = {{"m", "memory", ExternKind::Memory, 0}};
  Mem.NumImportedMemories = 1;
  Mem.Memories = {{3, std::nullopt}}; // the exporter has 2 pages
  CHECK(Failure(Mem) == "incompatible import type \"m\" \"memory\": the module imports "
                        "(memory 3), but it is (memory 2 4)");
  Mem.Memories = {{1, 3}}; // the exporter's maximum is 4
  CHECK(Failure(Mem).starts_with("incompatible import type"));
  // Another kind of entity altogether.
  Mem.Imports[0].Name = "store";
  CHECK(Failure(Mem) == "incompatible import type \"m\" \"store\": the module imports "
                        "a memory, but it is a function");
  Mem.Imports[0].Name = "memory";
  Mem.Memories = {{1, 4}};
  CHECK(Instance::instantiate(compiled(Mem), importsFrom(*Exporter), WASMAOT_BOUNDS_GUARD).Inst);
}

TEST_CASE("segments initialize in order; an out-of-bounds one traps and keeps earlier writes") {
  static const uint8_t Hello[] = {'h', 'i'};
  auto Exporter = instantiate(storeModule(1, std::nullopt), WASMAOT_BOUNDS_GUARD);
  ModuleInfo M;
  M.Imports = {{"m", "memory", ExternKind::Memory, 0}};
  M.NumImportedMemories = 1;
  M.Memories = {{1, std::nullopt}};
  M.Datas = {{true, 0, i32Const(10), Hello},
             {true, 0, i32Const(Page - 1), Hello},
             {true, 0, i32Const(20), Hello}};
  Instantiation R =
      Instance::instantiate(compiled(M), importsFrom(*Exporter), WASMAOT_BOUNDS_GUARD);
  REQUIRE(R.Failure);
  CHECK(R.Failure->K == InstantiationError::Trap);
  CHECK(R.Failure->TrapKind == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(R.Inst); // kept: its effects are visible
  const uint8_t *Base = Exporter->memory()->base();
  CHECK(std::memcmp(Base + 10, "hi", 2) == 0);
  CHECK(Base[Page - 1] == 0); // nothing of the failing segment is written
  CHECK(Base[20] == 0);
}

TEST_CASE("element segments, table operations and their bounds") {
  ModuleInfo M = storeModule(1, std::nullopt);
  M.Tables = {{FuncRef, {4, 6}}};
  ElemSegmentInfo Active{ElemSegmentInfo::Active, 0, i32Const(1), {refFunc(0), refFunc(0)}};
  ElemSegmentInfo Passive{ElemSegmentInfo::Passive, 0, {}, {refFunc(0)}};
  M.Elems = {Active, Passive};
  auto Inst = instantiate(std::move(M), WASMAOT_BOUNDS_GUARD);
  wasmaot_vmctx *Vmctx = Inst->vmctx();
  Table &T = Inst->table(0);
  void *F = Vmctx->functions[0];
  CHECK(T.get(0) == nullptr);
  CHECK(T.get(1) == F);
  CHECK(T.get(2) == F);

  CHECK(wasmaot_rt_table_init(Vmctx, 0, 1, 3, 0, 1) == 0);
  CHECK(T.get(3) == F);
  CHECK(wasmaot_rt_table_init(Vmctx, 0, 1, 4, 0, 1) != 0); // past the table's end
  CHECK(wasmaot_rt_table_init(Vmctx, 0, 0, 0, 0, 1) != 0); // dropped after init
  wasmaot_rt_elem_drop(Vmctx, 1);
  CHECK(wasmaot_rt_table_init(Vmctx, 0, 1, 0, 0, 1) != 0);
  CHECK(wasmaot_rt_table_init(Vmctx, 0, 1, 0, 0, 0) == 0); // empty ranges are fine

  CHECK(wasmaot_rt_table_fill(Vmctx, 0, 0, nullptr, 2) == 0);
  CHECK(T.get(1) == nullptr);
  CHECK(wasmaot_rt_table_copy(Vmctx, 0, 0, 0, 2, 2) == 0);
  CHECK(T.get(0) == F);
  CHECK(T.get(1) == F);
  CHECK(wasmaot_rt_table_copy(Vmctx, 0, 0, 3, 0, 2) != 0);

  CHECK(wasmaot_rt_table_grow(Vmctx, 0, F, 2) == 4);
  CHECK(Vmctx->tables[0]->size == 6);
  CHECK(Vmctx->tables[0]->elements[5] == F);
  CHECK(wasmaot_rt_table_grow(Vmctx, 0, nullptr, 1) == UINT64_MAX);
}

TEST_CASE("bulk memory operations check the whole range first") {
  static const uint8_t Bytes[] = {1, 2, 3, 4};
  ModuleInfo M = storeModule(1, std::nullopt);
  M.Datas = {{false, 0, {}, Bytes}};
  auto Inst = instantiate(std::move(M), WASMAOT_BOUNDS_GUARD);
  wasmaot_vmctx *Vmctx = Inst->vmctx();
  uint8_t *Base = Inst->memory()->base();

  CHECK(wasmaot_rt_memory_init(Vmctx, 0, 0, 100, 1, 3) == 0);
  CHECK(std::memcmp(Base + 100, Bytes + 1, 3) == 0);
  CHECK(wasmaot_rt_memory_init(Vmctx, 0, 0, 100, 2, 3) != 0);
  CHECK(wasmaot_rt_memory_init(Vmctx, 0, 0, Page - 1, 0, 2) != 0);
  CHECK(Base[Page - 1] == 0);
  wasmaot_rt_data_drop(Vmctx, 0);
  CHECK(wasmaot_rt_memory_init(Vmctx, 0, 0, 0, 0, 1) != 0);

  CHECK(wasmaot_rt_memory_copy(Vmctx, 0, 0, 101, 100, 3) == 0); // overlapping
  CHECK(std::memcmp(Base + 101, Bytes + 1, 3) == 0);
  CHECK(wasmaot_rt_memory_copy(Vmctx, 0, 0, Page - 2, 100, 3) != 0);
  CHECK(Base[Page - 2] == 0);
  CHECK(wasmaot_rt_memory_fill(Vmctx, 0, 200, 0x1ff, 4) == 0);
  CHECK(Base[203] == 0xff);
  CHECK(wasmaot_rt_memory_fill(Vmctx, 0, Page, 0, 0) == 0);
  CHECK(wasmaot_rt_memory_fill(Vmctx, 0, Page, 0, 1) != 0);
}

TEST_CASE("global initializers read imported globals and take function references") {
  auto Exporter = std::make_shared<Global>();
  Exporter->Type = I32;
  uint32_t Seven = 7;
  std::memcpy(Exporter->Value, &Seven, 4);

  ModuleInfo M = storeModule(1, std::nullopt);
  M.Imports = {{"m", "g", ExternKind::Global, 0}};
  M.NumImportedGlobals = 1;
  ConstInit Get;
  Get.K = ConstInit::GlobalGet;
  Get.Index = 0;
  M.Globals = {{I32, false, {}}, {I32, true, Get}, {FuncRef, false, refFunc(0)}};
  auto Inst = instantiate(std::move(M), WASMAOT_BOUNDS_GUARD,
                          [&](const std::string &, const std::string &Name) {
                            std::optional<Extern> E;
                            if (Name == "g")
                              E = Extern{ExternKind::Global, nullptr, {}, {}, Exporter};
                            return E;
                          });
  wasmaot_vmctx *Vmctx = Inst->vmctx();
  CHECK(Vmctx->globals[0] == Exporter->Value); // imports alias the exporter's storage
  CHECK(*static_cast<uint32_t *>(Vmctx->globals[1]) == 7);
  CHECK(*static_cast<void **>(Vmctx->globals[2]) == Vmctx->functions[0]);
}
