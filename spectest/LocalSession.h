//===- spectest/LocalSession.h - A script's instances in this process ------===//
//
// The instances of one running script, the names modules were given and
// registered under, the latest module, and the spectest host module.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Session.h"
#include "SpectestHost.h"

#include "instance/Instance.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wasmaot::spectest {

class LocalSession final : public Session {
public:
  explicit LocalSession(wasmaot_bounds_checks Checks) : Checks(Checks), Host(Checks) {}

  std::optional<InstantiateFailure> instantiate(const std::string &ObjectPath,
                                                const std::string &Name) override;
  std::string registerAs(const std::string &Name, const std::string &As) override;
  ActionResult perform(const ActionRequest &A) override;

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
