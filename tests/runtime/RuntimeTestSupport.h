//===- RuntimeTestSupport.h - Helpers for tests that fault or must die -----===//
//
// Tests whose process must die (a fault that is not a trap, an abort) run in
// a fork()ed child; tests that need the runtime's signal handlers not yet
// installed run in a fresh process: the test binary re-executed with the name
// of a hidden test case.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "memory/LinearMemory.h"

#include <cstddef>
#include <functional>
#include <string>

/// Puts a function among the stand-ins for compiled wasm code: the signal
/// handler turns guard-region faults into traps only in registered compiled
/// code, and this test binary registers the section of its stand-ins as such
/// (RuntimeTestSupport.cpp). noinline: a stand-in must not melt into a
/// caller outside the section.
#define WASMAOT_STAND_IN_FOR_WASM __attribute__((noinline, section("wasmaot_stand_in")))

namespace wasmaot::runtime::test {

/// A memory for a test; fails the test if it cannot be created.
std::unique_ptr<LinearMemory> makeMemory(uint32_t MinPages, std::optional<uint32_t> MaxPages,
                                         wasmaot_bounds_checks Checks);

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool UnderAsan = true;
#else
inline constexpr bool UnderAsan = false;
#endif

/// How a child process ended, and what it wrote to stderr.
struct ChildResult {
  int Status = 0; // as returned by waitpid
  std::string Stderr;

  bool exited(int Code) const;
  bool killedBy(int Signal) const;
  /// Whether SIGSEGV (or SIGBUS) ended it the way it ends a process without
  /// the runtime: killed by the signal or, under ASan, whose handler the
  /// runtime forwards to, by ASan's SEGV report and exit status 1.
  bool diedOfSegfault() const;
  std::string describe() const;
};

/// Runs Body in a fork()ed child that exits with status 0 if Body returns.
ChildResult runInChild(const std::function<void()> &Body);

/// Runs the hidden test case TestName of this binary in a new process.
ChildResult runTestInNewProcess(const std::string &TestName);

/// A page that is mapped but inaccessible and in no guard region: touching it
/// faults, and the fault is never a trap.
class InaccessiblePage {
public:
  InaccessiblePage();
  InaccessiblePage(const InaccessiblePage &) = delete;
  InaccessiblePage &operator=(const InaccessiblePage &) = delete;
  ~InaccessiblePage();

  volatile char *address() const { return Page; }

private:
  char *Page;
  size_t Size;
};

/// Keeps the page at Address occupied, so a mapping that ends there cannot
/// grow in place. If something already occupies it, that blocks as well.
class AddressBlocker {
public:
  explicit AddressBlocker(void *Address);
  AddressBlocker(const AddressBlocker &) = delete;
  AddressBlocker &operator=(const AddressBlocker &) = delete;
  ~AddressBlocker();

private:
  void *Mapping;
  size_t Size;
};

} // namespace wasmaot::runtime::test
