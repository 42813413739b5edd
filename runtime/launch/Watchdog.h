//===- launch/Watchdog.h - Ending a guest that runs past its time ----------===//
//
// --timeout: a thread that waits until the deadline, then sets the instance's
// vmctx->interrupt, which interruptible code (compiled with the checks, see
// lowering's LoweringOptions::Interruptible) sees at its next function entry
// or loop iteration and traps with WASMAOT_TRAP_INTERRUPTED. A guest blocked
// in a host call (a read, a sleep) does not run wasm code that could see the
// flag: if it has not stopped a grace period later, the watchdog reports and
// ends the process.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasmaot/abi.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace wasmaot::runtime {

class Watchdog {
public:
  /// Starts watching Vmctx; after Timeout, interrupts it; after Timeout plus
  /// Grace, prints Message to stderr and exits the process with ExitStatus.
  Watchdog(wasmaot_vmctx *Vmctx, std::chrono::milliseconds Timeout,
           std::chrono::milliseconds Grace, std::string Message, int ExitStatus);
  /// Stops watching (the guest is done); waits for the thread.
  ~Watchdog();

  Watchdog(const Watchdog &) = delete;
  Watchdog &operator=(const Watchdog &) = delete;

private:
  void watch(wasmaot_vmctx *Vmctx, std::chrono::milliseconds Timeout,
             std::chrono::milliseconds Grace, int ExitStatus);

  std::string Message;
  std::mutex Lock;
  std::condition_variable Wake;
  bool Done = false;
  std::thread Thread;
};

} // namespace wasmaot::runtime
