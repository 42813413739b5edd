//===- spectest/SpectestHost.cpp -------------------------------------------===//
#include "SpectestHost.h"

#include <cstdlib>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;

namespace {

// Host functions have the native signature of wasm code: the vmctx first,
// then the parameters.
void print(wasmaot_vmctx *) {}
void printI32(wasmaot_vmctx *, int32_t) {}
void printI64(wasmaot_vmctx *, int64_t) {}
void printF32(wasmaot_vmctx *, float) {}
void printF64(wasmaot_vmctx *, double) {}
void printI32F32(wasmaot_vmctx *, int32_t, float) {}
void printF64F64(wasmaot_vmctx *, double, double) {}

template <typename T> std::shared_ptr<runtime::Global> makeGlobal(uint8_t Type, T Value) {
  auto G = std::make_shared<runtime::Global>();
  G->Type = Type;
  std::memcpy(G->Value, &Value, sizeof Value);
  return G;
}

} // namespace

SpectestHost::SpectestHost(wasmaot_bounds_checks Checks) {
  struct HostFunction {
    const char *Name;
    void *Code;
    std::vector<uint8_t> Params;
  };
  const HostFunction Table[] = {
      {"print", reinterpret_cast<void *>(&print), {}},
      {"print_i32", reinterpret_cast<void *>(&printI32), {0x7F}},
      {"print_i64", reinterpret_cast<void *>(&printI64), {0x7E}},
      {"print_f32", reinterpret_cast<void *>(&printF32), {0x7D}},
      {"print_f64", reinterpret_cast<void *>(&printF64), {0x7C}},
      {"print_i32_f32", reinterpret_cast<void *>(&printI32F32), {0x7F, 0x7D}},
      {"print_f64_f64", reinterpret_cast<void *>(&printF64F64), {0x7C, 0x7C}},
  };
  for (const HostFunction &F : Table)
    Module.addFunction(F.Name, {F.Params, {}}, F.Code);

  auto AddGlobal = [&](const char *Name, std::shared_ptr<runtime::Global> G) {
    runtime::Extern E;
    E.Kind = runtime::ExternKind::Global;
    E.Glob = std::move(G);
    Module.addExtern(Name, E);
  };
  AddGlobal("global_i32", makeGlobal<int32_t>(0x7F, 666));
  AddGlobal("global_i64", makeGlobal<int64_t>(0x7E, 666));
  AddGlobal("global_f32", makeGlobal<float>(0x7D, 666.6f));
  AddGlobal("global_f64", makeGlobal<double>(0x7C, 666.6));

  runtime::Extern Tab;
  Tab.Kind = runtime::ExternKind::Table;
  Tab.Tab = std::make_shared<runtime::Table>(0x70, 10, 20);
  Module.addExtern("table", Tab);
  // The reference interpreter's table of i64 indexes (memory64).
  runtime::Extern Tab64 = Tab;
  Tab64.Tab = std::make_shared<runtime::Table>(0x70, 10, 20, /*Is64=*/true);
  Module.addExtern("table64", Tab64);

  auto Memory = runtime::LinearMemory::create(1, 2, Checks);
  if (!Memory) {
    // Without address space for one small memory nothing else would run.
    std::fprintf(stderr, "wasmaot-spectest: cannot create the spectest memory: %s\n",
                 Memory.error().message().c_str());
    std::exit(2);
  }
  runtime::Extern Mem;
  Mem.Kind = runtime::ExternKind::Memory;
  Mem.Mem = std::move(*Memory);
  Module.addExtern("memory", Mem);
}
