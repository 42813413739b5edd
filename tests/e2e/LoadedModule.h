//===- tests/e2e/LoadedModule.h - A wat module compiled and loaded ---------===//
//
// The end-to-end harness: assembles a module with wat2wasm, then decodes,
// validates, lowers, optimizes, emits an object, links it into a shared
// object with in-process lld, loads it, and instantiates it, so that tests
// can call its exports natively.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/Instance.h"
#include "ir/Module.h"
#include "loader/SharedObject.h"

#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace wasmaot::e2e {

/// A module compiled and loaded into this process, with one instance of one
/// page of memory.
class LoadedModule {
public:
  /// Compiles Wat; failures are Catch2 test failures.
  LoadedModule(llvm::StringRef Wat, wasmaot_bounds_checks Bounds, unsigned OptLevel);
  ~LoadedModule();

  /// Arguments and results: one 16-byte slot each, so that a v128 fits.
  using Slots = std::array<uint64_t, 8>;

  /// Calls export Name with the arguments in Slots; returns the trap kind
  /// and leaves the results in Slots.
  wasmaot_trap_kind call(const std::string &Name, Slots &Values);

  /// Calls an export taking and returning i32/i64 values.
  wasmaot_trap_kind call(const std::string &Name, std::initializer_list<uint64_t> Args,
                         uint64_t *Result = nullptr);

private:
  using CallWrapper = void(void *Code, wasmaot_vmctx *Vmctx, void *Slots);
  struct PendingCall {
    void *Code;
    CallWrapper *Wrapper;
    wasmaot_vmctx *Vmctx;
    void *Slots;
  };

  static void trampoline(void *Arg);

  std::string WorkDir;
  ir::Module Module;
  std::optional<runtime::SharedObject> Library;
  void **Code = nullptr;
  void **Wrappers = nullptr;
  std::optional<runtime::Instance> Instance;
  PendingCall Call{};
};

} // namespace wasmaot::e2e
