//===- spectest/Session.h - Where a script's modules are instantiated and run ===//
//
// A script builds up instances (all kept alive until it ends, since tables
// may hold functions of any of them), names modules ($M), registers them for
// imports, and calls their exports. A Session does that either in this
// process (LocalSession) or in an agent process on another target, under
// qemu-user (agent/RemoteSession.h): the runner decides, compiles and checks
// the same way for both.
//
// Plain C++ over the runtime: the agent is built for targets without LLVM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/CompiledModule.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// A value passed to or returned from wasm: its binary-format type code and
/// its bits in a call slot.
struct TypedSlot {
  uint8_t Type = 0;
  runtime::Slot Value;
};

/// An invoke or get action, with its arguments as slots.
struct ActionRequest {
  enum Kind : uint8_t { Invoke, Get };
  Kind K = Invoke;
  std::string Module; // a module's name ("$M"), or empty for the latest one
  std::string Field;
  std::vector<TypedSlot> Args;
};

/// What performing an action gave.
struct ActionResult {
  enum Status : uint8_t { Returned, Trapped, Failed };
  Status S = Failed;
  std::vector<TypedSlot> Values;     // Returned
  wasmaot_trap_kind Trap = WASMAOT_TRAP_NONE; // Trapped
  std::string Error; // Failed: why the action could not be performed
};

/// Why instantiation did not succeed.
struct InstantiateFailure {
  enum Kind : uint8_t { Unloadable, Unlinkable, Trap, Resource };
  Kind K;
  std::string Message;
};

class Session {
public:
  virtual ~Session() = default;

  /// Loads the compiled module at ObjectPath and instantiates it with imports
  /// from registered modules. On success it becomes the latest module, also
  /// known as Name if that is not empty.
  virtual std::optional<InstantiateFailure> instantiate(const std::string &ObjectPath,
                                                        const std::string &Name) = 0;

  /// Makes the module named Name (the latest one if empty) importable as As.
  /// Returns an error message, or an empty string.
  virtual std::string registerAs(const std::string &Name, const std::string &As) = 0;

  virtual ActionResult perform(const ActionRequest &A) = 0;
};

} // namespace wasmaot::spectest
