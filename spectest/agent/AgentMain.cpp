//===- spectest/agent/AgentMain.cpp - wasmaot-spectest-agent ---------------===//
//
// Instantiates and runs a script's compiled modules for the spec runner on
// another target: built for that target (runtime, loader, LocalSession, no
// LLVM) and started by the runner under qemu-user, it carries out the
// requests of AgentProtocol.h from its standard input, one at a time, until
// the input ends. The runner compiles, validates and checks results.
//
//   wasmaot-spectest-agent --bounds-checks guard|explicit
//
//===----------------------------------------------------------------------===//
#include "AgentProtocol.h"
#include "LocalSession.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using namespace wasmaot;
using namespace wasmaot::spectest;

int main(int Argc, char **Argv) {
  if (Argc != 3 || std::strcmp(Argv[1], "--bounds-checks") != 0 ||
      (std::strcmp(Argv[2], "guard") != 0 && std::strcmp(Argv[2], "explicit") != 0)) {
    std::fprintf(stderr, "usage: wasmaot-spectest-agent --bounds-checks guard|explicit\n");
    return 2;
  }
  // Responses go to the original standard output; anything else the process
  // writes there (a host function, the runtime) goes to stderr instead of
  // into the protocol.
  int ProtocolFd = dup(STDOUT_FILENO);
  FILE *Protocol = ProtocolFd < 0 ? nullptr : fdopen(ProtocolFd, "w");
  if (!Protocol || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::perror("wasmaot-spectest-agent: cannot set up its output");
    return 1;
  }
  LocalSession Session(std::strcmp(Argv[2], "guard") == 0 ? WASMAOT_BOUNDS_GUARD
                                                          : WASMAOT_BOUNDS_EXPLICIT);
  std::string Line;
  while (std::getline(std::cin, Line)) {
    std::string Response = agent::serve(Session, Line);
    std::fprintf(Protocol, "%s\n", Response.c_str());
    std::fflush(Protocol);
  }
  return 0;
}
