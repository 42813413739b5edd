//===- spectest/agent/RemoteSession.h - A script's instances in an agent ---===//
//
// A Session carried out by wasmaot-spectest-agent (AgentMain.cpp) in another
// process: under qemu-user for another target's modules, or natively to test
// the protocol. One agent per script, started by the constructor and ended by
// the destructor (closing its input). If the agent dies, every later request
// fails with how it died.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Session.h"

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <vector>

namespace wasmaot::spectest {

class RemoteSession final : public Session {
public:
  /// Starts Command (the agent, possibly behind an emulator) with
  /// --bounds-checks for Checks.
  RemoteSession(const std::vector<std::string> &Command, wasmaot_bounds_checks Checks);
  ~RemoteSession() override;
  RemoteSession(const RemoteSession &) = delete;
  RemoteSession &operator=(const RemoteSession &) = delete;

  std::optional<InstantiateFailure> instantiate(const std::string &ObjectPath,
                                                const std::string &Name) override;
  std::string registerAs(const std::string &Name, const std::string &As) override;
  ActionResult perform(const ActionRequest &A) override;

private:
  /// Sends Request and reads the response line; false (with Dead set) if
  /// the agent is gone.
  bool exchange(const std::string &Request, std::string &Response);
  void noteDeath();

  pid_t Pid = -1;
  FILE *ToAgent = nullptr;
  FILE *FromAgent = nullptr;
  std::string Dead; // why the agent cannot answer, once it cannot
};

} // namespace wasmaot::spectest
