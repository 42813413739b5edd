//===- tests/e2e/LoadedModule.cpp - A wat module compiled and loaded -------===//
#include "LoadedModule.h"

#include "codegen/Codegen.h"
#include "decoder/Decoder.h"
#include "link/Linker.h"
#include "lowering/ModuleLowering.h"
#include "target/TargetDesc.h"
#include "validator/Validator.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <catch2/catch.hpp>

using namespace wasmaot;
using namespace wasmaot::e2e;

LoadedModule::LoadedModule(llvm::StringRef WatText, wasmaot_bounds_checks Bounds,
                           unsigned OptLevel) {
  llvm::SmallString<128> Dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("wasmaot-e2e", Dir));
  WorkDir = Dir.str().str();
  std::string Wat = WorkDir + "/m.wat", Wasm = WorkDir + "/m.wasm";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Wat, EC);
    REQUIRE(!EC);
    OS << WatText;
  }
  llvm::StringRef Args[] = {WASMAOT_WAT2WASM, Wat, "-o", Wasm};
  REQUIRE(llvm::sys::ExecuteAndWait(WASMAOT_WAT2WASM, Args) == 0);

  auto Bytes = llvm::MemoryBuffer::getFile(Wasm);
  REQUIRE(static_cast<bool>(Bytes));
  auto M = decodeModule(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>((*Bytes)->getBufferStart()), (*Bytes)->getBufferSize()));
  REQUIRE(static_cast<bool>(M));
  REQUIRE(!static_cast<bool>(validateModule(*M)));
  Module = std::move(*M);

  llvm::LLVMContext Context;
  auto LM = lowering::lowerModule(Module, Context, {Bounds});
  if (!LM)
    FAIL(llvm::toString(LM.takeError()));
  auto Target = TargetDesc::create();
  REQUIRE(static_cast<bool>(Target));
  auto TM = Target->createTargetMachine(OptLevel);
  REQUIRE(static_cast<bool>(TM));
  configureModule(**LM, **TM);
  REQUIRE(!static_cast<bool>(optimizeModule(**LM, **TM, OptLevel, VerifyIR::Yes)));
  auto Object = emitObject(**LM, **TM, VerifyIR::Yes);
  REQUIRE(static_cast<bool>(Object));
  std::string ObjectPath = WorkDir + "/m.o", SoPath = WorkDir + "/m.so";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ObjectPath, EC);
    REQUIRE(!EC);
    OS.write(Object->data(), Object->size());
  }
  // The runtime entry points come from this executable when loading.
  LinkOptions Options;
  Options.AllowUndefined = true;
  REQUIRE(!static_cast<bool>(linkSharedObject({ObjectPath}, SoPath, Options)));
  auto Loaded = runtime::SharedObject::open(SoPath);
  REQUIRE(static_cast<bool>(Loaded));
  Library.emplace(std::move(*Loaded));
  Code = static_cast<void **>(*Library->symbol("wasmaot_function_table"));
  Wrappers = static_cast<void **>(*Library->symbol("wasmaot_call_wrappers"));

  auto Memory = runtime::LinearMemory::create(1, std::nullopt, Bounds);
  REQUIRE(static_cast<bool>(Memory));
  Instance.emplace(std::move(*Memory));
}

LoadedModule::~LoadedModule() { llvm::sys::fs::remove_directories(WorkDir); }

wasmaot_trap_kind LoadedModule::call(const std::string &Name, Slots &Values) {
  for (const ir::Export &E : Module.Exports) {
    if (E.Name != Name)
      continue;
    uint32_t Defined = E.Index - Module.NumImportedFuncs;
    Call = {Code[Defined], reinterpret_cast<CallWrapper *>(Wrappers[Defined]),
            Instance->vmctx(), Values.data()};
    return Instance->invoke(&LoadedModule::trampoline, &Call);
  }
  FAIL("no export " << Name);
  return WASMAOT_TRAP_NONE;
}

wasmaot_trap_kind LoadedModule::call(const std::string &Name,
                                     std::initializer_list<uint64_t> Args, uint64_t *Result) {
  Slots Values{};
  size_t K = 0;
  for (uint64_t A : Args)
    Values[2 * K++] = A;
  wasmaot_trap_kind Trap = call(Name, Values);
  if (Result)
    *Result = Values[0];
  return Trap;
}

void LoadedModule::trampoline(void *Arg) {
  auto *C = static_cast<PendingCall *>(Arg);
  C->Wrapper(C->Code, C->Vmctx, C->Slots);
}
