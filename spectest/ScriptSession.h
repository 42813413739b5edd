//===- spectest/ScriptSession.h - The instances of one running script ------===//
//
// What a script builds up as it runs: its instances (all kept alive until the
// script ends, since tables may hold functions of any of them), the names
// modules were given ($M) and registered under (for imports), the latest
// module, and the spectest host module.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "SpectestHost.h"
#include "WastScript.h"

#include "instance/Instance.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// What performing an action gave.
struct ActionResult {
  enum Status : uint8_t { Returned, Trapped, Failed };
  Status S = Failed;
  std::vector<runtime::Slot> Values; // Returned
  std::vector<uint8_t> Types;        // Returned: type codes of Values
  wasmaot_trap_kind Trap = WASMAOT_TRAP_NONE;
  std::string Error; // Failed: why the action could not be performed
};

class ScriptSession {
public:
  explicit ScriptSession(wasmaot_bounds_checks Checks) : Checks(Checks), Host(Checks) {}

  /// Instantiates Module with imports from registered modules. On success it
  /// becomes the latest module, also known as Name if that is not empty.
  std::optional<runtime::InstantiationError>
  instantiate(std::shared_ptr<const runtime::CompiledModule> Module, const std::string &Name);

  /// Makes the module named Name (the latest one if empty) importable as As.
  /// Returns an error message, or an empty string.
  std::string registerAs(const std::string &Name, const std::string &As);

  ActionResult perform(const Action &A);

private:
  runtime::Instance *find(const std::string &Name, std::string &Error) const;
  std::optional<runtime::Extern> resolve(const std::string &Module, const std::string &Field);

  wasmaot_bounds_checks Checks;
  SpectestHost Host; // outlives the instances, which may import from it
  std::vector<std::unique_ptr<runtime::Instance>> Instances;
  runtime::Instance *Latest = nullptr;
  std::map<std::string, runtime::Instance *> Named;
  std::map<std::string, runtime::Instance *> Registered;
};

} // namespace wasmaot::spectest
