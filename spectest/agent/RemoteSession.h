//===- spectest/agent/RemoteSession.h - A script's instances in an agent ---===//
//
// A Session carried out by wasmaot-spectest-agent (AgentMain.cpp) in another
// process: under qemu-user for another target's modules, or natively to test
// the protocol. One agent per script, started by the constructor and ended by
// the destructor (closing its input). If the agent dies, or does not answer a
// request in time (it is then killed), every later request fails saying so.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Session.h"

#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace wasmaot::spectest {

class RemoteSession final : public Session {
public:
  /// Starts Command (the agent, possibly behind an emulator) with
  /// --bounds-checks for Checks. A request not answered within Timeout ends
  /// the agent: no script command runs that long, even under emulation.
  RemoteSession(const std::vector<std::string> &Command, wasmaot_bounds_checks Checks,
                std::chrono::milliseconds Timeout = std::chrono::minutes(5));
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
  /// Reads the next response line into Line; false on end of input or when
  /// Timeout passes first (then TimedOut is set).
  bool readLine(std::string &Line, bool &TimedOut);
  void noteDeath();

  pid_t Pid = -1;
  FILE *ToAgent = nullptr;
  int FromAgent = -1;
  std::string Received; // read from the agent, not yet consumed
  std::chrono::milliseconds Timeout;
  std::string Dead; // why the agent cannot answer, once it cannot
};

} // namespace wasmaot::spectest
