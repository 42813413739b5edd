//===- spectest/agent/RemoteSession.cpp ------------------------------------===//
#include "RemoteSession.h"
#include "AgentProtocol.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <cstring>

extern char **environ;

using namespace wasmaot;
using namespace wasmaot::spectest;

RemoteSession::RemoteSession(const std::vector<std::string> &Command,
                             wasmaot_bounds_checks Checks, std::chrono::milliseconds Timeout)
    : Timeout(Timeout) {
  // A dead agent must not kill the runner with SIGPIPE when it is written to.
  signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> Args = Command;
  Args.insert(Args.end(),
              {"--bounds-checks", Checks == WASMAOT_BOUNDS_GUARD ? "guard" : "explicit"});
  std::vector<char *> Argv;
  for (std::string &Arg : Args)
    Argv.push_back(Arg.data());
  Argv.push_back(nullptr);

  int In[2], Out[2];
  if (pipe2(In, O_CLOEXEC) != 0) {
    Dead = std::string("cannot create a pipe: ") + std::strerror(errno);
    return;
  }
  if (pipe2(Out, O_CLOEXEC) != 0) {
    Dead = std::string("cannot create a pipe: ") + std::strerror(errno);
    close(In[0]);
    close(In[1]);
    return;
  }
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, In[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], STDOUT_FILENO);
  int Error = posix_spawnp(&Pid, Argv[0], &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  close(In[0]);
  close(Out[1]);
  if (Error != 0) {
    Dead = "cannot start " + Args[0] + ": " + std::strerror(Error);
    Pid = -1;
    close(In[1]);
    close(Out[0]);
    return;
  }
  ToAgent = fdopen(In[1], "w");
  FromAgent = Out[0];
}

RemoteSession::~RemoteSession() {
  if (ToAgent)
    std::fclose(ToAgent); // the end of its input ends the agent
  if (FromAgent >= 0)
    close(FromAgent);
  if (Pid > 0) {
    int Status;
    while (waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
    }
  }
}

void RemoteSession::noteDeath() {
  Dead = "the agent stopped answering";
  if (Pid <= 0)
    return;
  int Status;
  pid_t Waited;
  while ((Waited = waitpid(Pid, &Status, 0)) < 0 && errno == EINTR) {
  }
  Pid = -1;
  if (Waited > 0 && WIFSIGNALED(Status))
    Dead = "the agent was killed by signal " + std::to_string(WTERMSIG(Status)) + " (" +
           strsignal(WTERMSIG(Status)) + ")";
  else if (Waited > 0 && WIFEXITED(Status))
    Dead = "the agent exited with status " + std::to_string(WEXITSTATUS(Status));
}

bool RemoteSession::readLine(std::string &Line, bool &TimedOut) {
  TimedOut = false;
  auto Deadline = std::chrono::steady_clock::now() + Timeout;
  size_t End;
  while ((End = Received.find('\n')) == std::string::npos) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    pollfd Ready{FromAgent, POLLIN, 0};
    int Polled = Left.count() > 0 ? poll(&Ready, 1, int(Left.count())) : 0;
    if (Polled < 0 && errno == EINTR)
      continue;
    if (Polled == 0) {
      TimedOut = true;
      return false;
    }
    char Buffer[4096];
    ssize_t Got = Polled < 0 ? -1 : read(FromAgent, Buffer, sizeof Buffer);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      return false;
    Received.append(Buffer, size_t(Got));
  }
  Line = Received.substr(0, End);
  Received.erase(0, End + 1);
  return true;
}

bool RemoteSession::exchange(const std::string &Request, std::string &Response) {
  if (!Dead.empty())
    return false;
  if (std::fprintf(ToAgent, "%s\n", Request.c_str()) < 0 || std::fflush(ToAgent) != 0) {
    noteDeath();
    return false;
  }
  bool TimedOut;
  if (readLine(Response, TimedOut))
    return true;
  if (TimedOut && Pid > 0)
    kill(Pid, SIGKILL);
  noteDeath();
  if (TimedOut)
    Dead = "the agent did not answer within " + std::to_string(Timeout.count()) +
           " ms and was killed";
  return false;
}

std::optional<InstantiateFailure> RemoteSession::instantiate(const std::string &ObjectPath,
                                                             const std::string &Name) {
  std::string Response;
  if (!exchange(agent::instantiateRequest(ObjectPath, Name), Response))
    return InstantiateFailure{InstantiateFailure::Unloadable, Dead};
  bool Malformed;
  return agent::parseInstantiateResponse(Response, Malformed);
}

std::string RemoteSession::registerAs(const std::string &Name, const std::string &As) {
  std::string Response;
  if (!exchange(agent::registerRequest(Name, As), Response))
    return Dead;
  bool Malformed;
  return agent::parseRegisterResponse(Response, Malformed);
}

ActionResult RemoteSession::perform(const ActionRequest &A) {
  std::string Response;
  if (!exchange(agent::actionRequest(A), Response)) {
    ActionResult R;
    R.Error = Dead;
    return R;
  }
  return agent::parseActionResponse(Response);
}
