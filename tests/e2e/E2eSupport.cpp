//===- tests/e2e/E2eSupport.cpp --------------------------------------------===//
#include "E2eSupport.h"

#include "driver/Pipeline.h"
#include "loader/ArtifactLoader.h"
#include "support/Error.h"
#include "text/TextFormat.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::test;

WatModule::WatModule(const std::string &Wat, wasmaot_bounds_checks Bounds, unsigned OptLevel,
                     bool Interruptible, uint64_t PartWeight) {
  auto Wasm = assembleText(Wat);
  if (!Wasm)
    FAIL(consumeToString("m.wat", Wasm.takeError()));
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("wasmaot-e2e", Dir));
  WorkDir = Dir.str().str();
  std::string SoPath = WorkDir + "/m.so";
  CompileOptions Options{Bounds, ir::Features::wasm3(), OptLevel, VerifyIR::Yes};
  Options.Interruptible = Interruptible;
  Options.PartWeight = PartWeight;
  if (auto E = compileToSharedObject(*Wasm, Options, SoPath))
    FAIL(llvm::toString(std::move(E)));

  auto Module = runtime::loadCompiledModule(SoPath);
  if (!Module)
    FAIL(Module.error().message());
  Compiled = *Module;
  runtime::Instantiation Result = runtime::Instance::instantiate(
      *Module, [](const std::string &, const std::string &) { return std::nullopt; }, Bounds);
  if (Result.Failure)
    FAIL(Result.Failure->Message);
  Inst = std::move(Result.Inst);
}

WatModule::~WatModule() {
  Inst.reset(); // before its code is unloaded
  Compiled.reset();
  llvm::sys::fs::remove_directories(WorkDir);
}

wasmaot_trap_kind WatModule::call(const std::string &Name, std::array<uint64_t, 8> &Slots) {
  std::optional<uint32_t> Func = Inst->exportedFunction(Name);
  if (!Func)
    FAIL("no export " << Name);
  runtime::Slot Args[4];
  for (size_t K = 0; K < 4; ++K)
    std::memcpy(Args[K].Bytes, &Slots[2 * K], 16);
  wasmaot_trap_kind Trap = Inst->call(*Func, Args);
  for (size_t K = 0; K < 4; ++K)
    std::memcpy(&Slots[2 * K], Args[K].Bytes, 16);
  return Trap;
}

wasmaot_trap_kind WatModule::call(const std::string &Name, std::initializer_list<uint64_t> Args,
                                  uint64_t *Result) {
  std::array<uint64_t, 8> Slots{};
  size_t K = 0;
  for (uint64_t A : Args)
    Slots[2 * K++] = A;
  wasmaot_trap_kind Trap = call(Name, Slots);
  if (Result)
    *Result = Slots[0];
  return Trap;
}
