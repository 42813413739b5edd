//===- cli/CompilerProcess.cpp ---------------------------------------------===//

#include "CompilerProcess.h"

#include "support/Result.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern char **environ;

namespace wasmaot::cli {

namespace {

/// Closes a descriptor when it goes out of scope.
struct Descriptor {
  int Fd = -1;
  ~Descriptor() {
    if (Fd >= 0)
      ::close(Fd);
  }
};

/// A memory file holding Bytes, for the compiler's stdin: unlike a pipe it
/// needs no writer running beside the reader, and the compiler can map it.
runtime::Result<void> fillMemoryFile(int Fd, std::span<const uint8_t> Bytes) {
  size_t Done = 0;
  while (Done < Bytes.size()) {
    ssize_t N = ::write(Fd, Bytes.data() + Done, Bytes.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return runtime::systemError("cannot pass the module to the compiler", errno);
    Done += size_t(N);
  }
  if (::lseek(Fd, 0, SEEK_SET) != 0)
    return runtime::systemError("cannot pass the module to the compiler", errno);
  return {};
}

CompilerOutcome failure(std::string Message) {
  CompilerOutcome O;
  O.Ok = false;
  O.Message = std::move(Message);
  return O;
}

/// A failure of the compiler program itself, not of the module: the
/// compiler's own diagnostics name the module, these name the command.
CompilerOutcome processFailure(const std::string &Message) {
  return failure("wasmaot: error: " + Message);
}

/// Runs the compiler with Args, Input on its stdin; collects its stdout.
CompilerOutcome runCompiler(const std::vector<std::string> &Args,
                            std::span<const uint8_t> Input) {
  std::string Program = compilerProgram();
  Descriptor Module{::memfd_create("wasmaot-module", MFD_CLOEXEC)};
  if (Module.Fd < 0)
    return processFailure(runtime::systemError("cannot pass the module to the compiler", errno).message());
  if (runtime::Result<void> Filled = fillMemoryFile(Module.Fd, Input); !Filled)
    return processFailure(Filled.error().message());
  int Pipe[2];
  if (::pipe2(Pipe, O_CLOEXEC) != 0)
    return processFailure(runtime::systemError("cannot start the compiler", errno).message());
  Descriptor Reader{Pipe[0]}, Writer{Pipe[1]};

  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, Module.Fd, 0);
  posix_spawn_file_actions_adddup2(&Actions, Writer.Fd, 1);
  std::vector<char *> Argv{Program.data()};
  for (const std::string &Arg : Args)
    Argv.push_back(const_cast<char *>(Arg.c_str()));
  Argv.push_back(nullptr);
  pid_t Pid;
  int SpawnError = posix_spawn(&Pid, Program.c_str(), &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  if (SpawnError != 0)
    return processFailure(
        runtime::systemError("cannot start the compiler " + Program, SpawnError).message());
  ::close(std::exchange(Writer.Fd, -1));

  std::string Output;
  char Buffer[65536];
  for (;;) {
    ssize_t N = ::read(Reader.Fd, Buffer, sizeof Buffer);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Output.append(Buffer, size_t(N));
  }
  int Status;
  while (::waitpid(Pid, &Status, 0) < 0)
    if (errno != EINTR)
      return processFailure(runtime::systemError("lost the compiler", errno).message());

  if (WIFSIGNALED(Status))
    return processFailure("the compiler (" + Program + ") was killed by signal " +
                   std::to_string(WTERMSIG(Status)) + " (" + strsignal(WTERMSIG(Status)) +
                   ")" + (Output.empty() ? "" : ": " + Output));
  int Code = WEXITSTATUS(Status);
  if (Code == service::ExitOk) {
    CompilerOutcome O;
    O.Output = std::move(Output);
    return O;
  }
  CompilerOutcome O = Output.empty() ? processFailure("the compiler (" + Program +
                                                     ") failed with exit status " +
                                                     std::to_string(Code))
                                     : failure(std::move(Output));
  O.Rejected = Code == service::ExitRejected;
  return O;
}

} // namespace

std::string libraryDirectory() {
  if (const char *Dir = std::getenv("WASMAOT_LIB_DIR"); Dir && *Dir)
    return Dir;
  char Self[PATH_MAX];
  ssize_t N = readlink("/proc/self/exe", Self, sizeof Self - 1);
  if (N <= 0)
    return "lib";
  std::string Path(Self, size_t(N));
  std::string BinDir = Path.substr(0, Path.rfind('/'));
  return BinDir.substr(0, BinDir.rfind('/')) + "/lib/wasmaot";
}

std::string compilerProgram() { return libraryDirectory() + "/wasmaot-compiler"; }

namespace {

/// `wasmaot-compiler COMMAND NAME [--wasm-features FEATURES]` on Wasm.
CompilerOutcome runOnModule(const char *Command, std::span<const uint8_t> Wasm,
                            const std::string &Name, const std::string &Features) {
  if (Features.empty())
    return runCompiler({Command, Name}, Wasm);
  return runCompiler({Command, Name, "--wasm-features", Features}, Wasm);
}

} // namespace

CompilerOutcome validateInCompiler(std::span<const uint8_t> Wasm, const std::string &Name,
                                   const std::string &Features) {
  return runOnModule("validate", Wasm, Name, Features);
}

CompilerOutcome printInCompiler(std::span<const uint8_t> Wasm, const std::string &Name,
                                const std::string &Features) {
  return runOnModule("print", Wasm, Name, Features);
}

CompilerOutcome assembleInCompiler(const std::string &Path) {
  return runCompiler({"assemble", Path}, {});
}

CompilerOutcome compileInCompiler(const service::Request &R, std::span<const uint8_t> Wasm) {
  std::vector<std::string> Args{"compile"};
  for (std::string &Arg : service::toArguments(R))
    Args.push_back(std::move(Arg));
  return runCompiler(Args, Wasm);
}

} // namespace wasmaot::cli
