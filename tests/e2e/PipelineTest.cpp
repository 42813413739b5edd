//===- tests/e2e/PipelineTest.cpp - Wasm through every stage to a trap -----===//
//
// Assembles small modules with wat2wasm, then decodes, validates, lowers,
// optimizes, emits an object, links it into a shared object with in-process
// lld, loads it, and calls its functions in a runtime instance, under both
// bounds-check strategies and at -O0 and -O2. Results and trap kinds are
// checked against the spec's semantics.
//
//===----------------------------------------------------------------------===//
#include "codegen/Codegen.h"
#include "decoder/Decoder.h"
#include "instance/Instance.h"
#include "link/Linker.h"
#include "loader/SharedObject.h"
#include "lowering/ModuleLowering.h"
#include "target/TargetDesc.h"
#include "traps/Trap.h"
#include "validator/Validator.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace wasmaot;

namespace {

constexpr const char *TestModule = R"(
(module
  (memory 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  ;; The loaded value is dropped: the access must trap all the same.
  (func (export "probe") (param i32) (drop (i32.load (local.get 0))))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "unreachable") (unreachable))
  (func $forever (export "forever") (result i32) (i32.add (call $forever) (i32.const 1)))
  (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "sum") (param i32) (result i32) (local i32)
    (block
      (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
    (local.get 1))
)
)";

using CallWrapper = void(void *Code, wasmaot_vmctx *Vmctx, void *Slots);

/// A module compiled and loaded into this process, with one instance.
class LoadedModule {
public:
  LoadedModule(wasmaot_bounds_checks Bounds, unsigned OptLevel) {
    llvm::SmallString<128> Dir;
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("wasmaot-e2e", Dir));
    WorkDir = Dir.str().str();
    std::string Wat = WorkDir + "/m.wat", Wasm = WorkDir + "/m.wasm";
    {
      std::error_code EC;
      llvm::raw_fd_ostream OS(Wat, EC);
      REQUIRE(!EC);
      OS << TestModule;
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
    REQUIRE(static_cast<bool>(LM));
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
    Object_.emplace(std::move(*Loaded));
    Code = static_cast<void **>(*Object_->symbol("wasmaot_function_table"));
    Wrappers = static_cast<void **>(*Object_->symbol("wasmaot_call_wrappers"));

    auto Memory = runtime::LinearMemory::create(1, std::nullopt, Bounds);
    REQUIRE(static_cast<bool>(Memory));
    Instance.emplace(std::move(*Memory));
  }

  ~LoadedModule() { llvm::sys::fs::remove_directories(WorkDir); }

  /// Calls export Name with Args in 16-byte slots; returns the trap kind and
  /// leaves the results in Slots.
  wasmaot_trap_kind call(const std::string &Name, std::array<uint64_t, 8> &Slots) {
    for (const ir::Export &E : Module.Exports) {
      if (E.Name != Name)
        continue;
      uint32_t Defined = E.Index - Module.NumImportedFuncs;
      Call = {Code[Defined], reinterpret_cast<CallWrapper *>(Wrappers[Defined]),
              Instance->vmctx(), Slots.data()};
      return Instance->invoke(&LoadedModule::trampoline, &Call);
    }
    FAIL("no export " << Name);
    return WASMAOT_TRAP_NONE;
  }

  /// Calls an export taking and returning i32/i64 values.
  wasmaot_trap_kind call(const std::string &Name, std::initializer_list<uint64_t> Args,
                         uint64_t *Result = nullptr) {
    std::array<uint64_t, 8> Slots{};
    size_t K = 0;
    for (uint64_t A : Args)
      Slots[2 * K++] = A;
    wasmaot_trap_kind Trap = call(Name, Slots);
    if (Result)
      *Result = Slots[0];
    return Trap;
  }

private:
  struct PendingCall {
    void *Code;
    CallWrapper *Wrapper;
    wasmaot_vmctx *Vmctx;
    void *Slots;
  };

  static void trampoline(void *Arg) {
    auto *C = static_cast<PendingCall *>(Arg);
    C->Wrapper(C->Code, C->Vmctx, C->Slots);
  }

  std::string WorkDir;
  ir::Module Module;
  std::optional<runtime::SharedObject> Object_;
  void **Code = nullptr;
  void **Wrappers = nullptr;
  std::optional<runtime::Instance> Instance;
  PendingCall Call{};
};

} // namespace

TEST_CASE("wasm code runs natively with the spec's semantics and traps", "[e2e]") {
  auto Bounds = GENERATE(WASMAOT_BOUNDS_GUARD, WASMAOT_BOUNDS_EXPLICIT);
  unsigned OptLevel = GENERATE(0u, 2u);
  CAPTURE(Bounds, OptLevel);
  LoadedModule M(Bounds, OptLevel);
  uint64_t R = 0;

  REQUIRE(M.call("add", {2, 3}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 5);
  REQUIRE(M.call("fac", {20}, &R) == WASMAOT_TRAP_NONE);
  CHECK(R == 2432902008176640000ull);
  REQUIRE(M.call("sum", {100}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 5050);

  CHECK(M.call("div_s", {7, 0}) == WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO);
  CHECK(M.call("div_s", {0x80000000u, 0xFFFFFFFFu}) == WASMAOT_TRAP_INTEGER_OVERFLOW);
  REQUIRE(M.call("rem_s", {0x80000000u, 0xFFFFFFFFu}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0);
  REQUIRE(M.call("div_s", {uint32_t(-7), 2}, &R) == WASMAOT_TRAP_NONE);
  CHECK(int32_t(R) == -3);

  REQUIRE(M.call("store", {65532, 0xDEADBEEF}) == WASMAOT_TRAP_NONE);
  REQUIRE(M.call("load", {65532}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0xDEADBEEF);
  CHECK(M.call("load", {65533}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("store", {0xFFFFFFFFu, 1}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("probe", {70000}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);
  CHECK(M.call("probe", {0xFFFFFFFFu}) == WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS);

  REQUIRE(M.call("grow", {1}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 1);
  CHECK(M.call("probe", {70000}) == WASMAOT_TRAP_NONE);
  REQUIRE(M.call("load", {65532}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 0xDEADBEEF);

  std::array<uint64_t, 8> Slots{};
  float NaN = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&Slots[0], &NaN, sizeof NaN);
  CHECK(M.call("trunc", Slots) == WASMAOT_TRAP_INVALID_CONVERSION);
  float Big = 3e9f;
  std::memcpy(&Slots[0], &Big, sizeof Big);
  CHECK(M.call("trunc", Slots) == WASMAOT_TRAP_INTEGER_OVERFLOW);
  float MinI32 = -2147483648.0f;
  std::memcpy(&Slots[0], &MinI32, sizeof MinI32);
  REQUIRE(M.call("trunc", Slots) == WASMAOT_TRAP_NONE);
  CHECK(int32_t(Slots[0]) == INT32_MIN);

  CHECK(M.call("unreachable", {}) == WASMAOT_TRAP_UNREACHABLE);
  CHECK(M.call("forever", {}) == WASMAOT_TRAP_STACK_EXHAUSTED);
  // The instance is still usable after every trap.
  REQUIRE(M.call("add", {40, 2}, &R) == WASMAOT_TRAP_NONE);
  CHECK(uint32_t(R) == 42);

  Slots = {};
  Slots[0] = 7;
  Slots[2] = 0x1122334455667788ull;
  REQUIRE(M.call("swap", Slots) == WASMAOT_TRAP_NONE);
  CHECK(Slots[0] == 0x1122334455667788ull);
  CHECK(uint32_t(Slots[2]) == 7);
}
