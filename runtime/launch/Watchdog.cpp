//===- launch/Watchdog.cpp -------------------------------------------------===//
#include "launch/Watchdog.h"

#include <cstdio>
#include <unistd.h>

namespace wasmaot::runtime {

Watchdog::Watchdog(wasmaot_vmctx *Vmctx, std::chrono::milliseconds Timeout,
                   std::chrono::milliseconds Grace, std::string Message, int ExitStatus)
    : Message(std::move(Message)),
      Thread([=, this] { watch(Vmctx, Timeout, Grace, ExitStatus); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Done = true;
  }
  Wake.notify_one();
  Thread.join();
}

void Watchdog::watch(wasmaot_vmctx *Vmctx, std::chrono::milliseconds Timeout,
                     std::chrono::milliseconds Grace, int ExitStatus) {
  std::unique_lock<std::mutex> Guard(Lock);
  if (Wake.wait_for(Guard, Timeout, [this] { return Done; }))
    return;
  __atomic_store_n(&Vmctx->interrupt, 1u, __ATOMIC_RELAXED);
  if (Wake.wait_for(Guard, Grace, [this] { return Done; }))
    return;
  // Still running: blocked in a host call, or code compiled without checks.
  std::fprintf(stderr, "%s\n", Message.c_str());
  std::fflush(stderr);
  _exit(ExitStatus);
}

} // namespace wasmaot::runtime
