//===- RuntimeTestSupport.cpp - Helpers for tests that fault or must die ---===//
#include "RuntimeTestSupport.h"
#include "traps/CodeRegions.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasmaot::runtime::test {
namespace {

/// Forks; the child sends its stderr into a pipe and runs Child, which must
/// not return. The parent collects the stderr and the exit status.
ChildResult forkAndWait(const std::function<void()> &Child) {
  std::fflush(nullptr);
  int Pipe[2];
  if (pipe(Pipe) != 0) {
    std::perror("pipe");
    std::abort();
  }
  pid_t Pid = fork();
  if (Pid < 0) {
    std::perror("fork");
    std::abort();
  }
  if (Pid == 0) {
    close(Pipe[0]);
    dup2(Pipe[1], STDERR_FILENO);
    close(Pipe[1]);
    Child();
    _exit(125);
  }
  close(Pipe[1]);
  ChildResult Result;
  char Buffer[4096];
  ssize_t Count;
  while ((Count = read(Pipe[0], Buffer, sizeof(Buffer))) != 0) {
    if (Count > 0)
      Result.Stderr.append(Buffer, size_t(Count));
  }
  close(Pipe[0]);
  while (waitpid(Pid, &Result.Status, 0) < 0) {
  }
  return Result;
}

} // namespace

bool ChildResult::exited(int Code) const {
  return WIFEXITED(Status) && WEXITSTATUS(Status) == Code;
}

bool ChildResult::killedBy(int Signal) const {
  return WIFSIGNALED(Status) && WTERMSIG(Status) == Signal;
}

bool ChildResult::diedOfSegfault() const {
  if (killedBy(SIGSEGV) || killedBy(SIGBUS))
    return true;
  return UnderAsan && exited(1) && Stderr.find("AddressSanitizer: SEGV") != std::string::npos;
}

std::string ChildResult::describe() const {
  std::string Text;
  if (WIFEXITED(Status))
    Text = "exited with status " + std::to_string(WEXITSTATUS(Status));
  else if (WIFSIGNALED(Status))
    Text = std::string("killed by ") + strsignal(WTERMSIG(Status));
  else
    Text = "status " + std::to_string(Status);
  return Text + "; stderr:\n" + Stderr;
}

ChildResult runInChild(const std::function<void()> &Body) {
  return forkAndWait([&] {
    Body();
    _exit(0);
  });
}

ChildResult runTestInNewProcess(const std::string &TestName) {
  return forkAndWait([&] {
    int Null = open("/dev/null", O_WRONLY);
    dup2(Null, STDOUT_FILENO);
    execl("/proc/self/exe", "wasmaot-runtime-tests", TestName.c_str(), nullptr);
    std::perror("execl /proc/self/exe");
    _exit(126);
  });
}

InaccessiblePage::InaccessiblePage() : Size(size_t(sysconf(_SC_PAGESIZE))) {
  void *Mapping = mmap(nullptr, Size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Mapping == MAP_FAILED) {
    std::perror("mmap");
    std::abort();
  }
  Page = static_cast<char *>(Mapping);
}

InaccessiblePage::~InaccessiblePage() { munmap(Page, Size); }

AddressBlocker::AddressBlocker(void *Address) : Size(size_t(sysconf(_SC_PAGESIZE))) {
  Mapping = mmap(Address, Size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (Mapping == MAP_FAILED && errno != EEXIST) {
    std::perror("mmap");
    std::abort();
  }
}

AddressBlocker::~AddressBlocker() {
  if (Mapping != MAP_FAILED)
    munmap(Mapping, Size);
}

std::unique_ptr<LinearMemory> makeMemory(uint32_t MinPages, std::optional<uint32_t> MaxPages,
                                         wasmaot_bounds_checks Checks) {
  Result<std::unique_ptr<LinearMemory>> Memory = LinearMemory::create(MinPages, MaxPages, Checks);
  if (!Memory)
    FAIL("cannot create the memory: " << Memory.error().message());
  return std::move(*Memory);
}

} // namespace wasmaot::runtime::test

// The section of the WASMAOT_STAND_IN_FOR_WASM functions, from the linker.
extern "C" const char __start_wasmaot_stand_in[];
extern "C" const char __stop_wasmaot_stand_in[];

namespace {

/// Registered before any test runs, for the whole process.
const wasmaot::runtime::CodeRegion StandInCode = [] {
  auto Region = wasmaot::runtime::CodeRegion::add(__start_wasmaot_stand_in,
                                                  __stop_wasmaot_stand_in);
  if (!Region) {
    std::fprintf(stderr, "%s\n", Region.error().message().c_str());
    std::abort();
  }
  return std::move(*Region);
}();

} // namespace
