//===- wasi/WasiContext.cpp ------------------------------------------------===//
#include "wasi/WasiContext.h"

#include "instance/TypeRegistry.h"
#include "wasi/HostFile.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <fcntl.h>

#include <cerrno>

namespace wasmaot::runtime::wasi {
namespace {

/// The first guest fd after stdio: where the preopens start.
constexpr uint32_t FirstPreopenFd = 3;

/// An entry for host descriptor HostFd (duplicated, so the guest owns its
/// copy) with every right its filetype can use. nullopt if HostFd is closed.
Result<std::optional<FdEntry>> duplicateHostFd(int HostFd, const std::string &What) {
  FdEntry Entry;
  Entry.Host = UniqueFd(fcntl(HostFd, F_DUPFD_CLOEXEC, 0));
  if (!Entry.Host) {
    if (errno == EBADF)
      return std::optional<FdEntry>();
    return systemError("cannot duplicate " + What + " (host fd " + std::to_string(HostFd) + ")",
                       errno);
  }
  ErrnoOr<uint8_t> Type = filetypeOf(Entry.Host.get());
  if (!Type)
    return Error("cannot inspect " + What + " (host fd " + std::to_string(HostFd) + ")");
  Entry.Type = *Type;
  Entry.Granted = applicableRights(*Type);
  return std::optional<FdEntry>(std::move(Entry));
}

} // namespace

WasiContext::WasiContext() {
  addArgsClockFunctions(Module);
  addFdFunctions(Module);
  addFdIoFunctions(Module);
  addPathFunctions(Module);
  addPollFunctions(Module);
  addSocketFunctions(Module);
}

std::optional<FuncSig> WasiContext::functionSignature(const std::string &Name) {
  static const WasiContext Functions;
  std::optional<Extern> F = Functions.Module.exported(Name);
  if (!F || F->Kind != ExternKind::Func)
    return std::nullopt;
  return canonicalType(F->Func->type_id);
}

Result<std::unique_ptr<WasiContext>> WasiContext::create(const WasiOptions &Options) {
  std::unique_ptr<WasiContext> Context(new WasiContext());
  Context->Args = Options.Args;
  Context->Env = Options.Env;

  const std::pair<int, const char *> Stdio[] = {
      {Options.Stdin, "stdin"}, {Options.Stdout, "stdout"}, {Options.Stderr, "stderr"}};
  for (uint32_t Fd = 0; Fd < 3; ++Fd) {
    Result<std::optional<FdEntry>> Entry = duplicateHostFd(Stdio[Fd].first, Stdio[Fd].second);
    if (!Entry)
      return Entry.error();
    if (*Entry)
      Context->Fds.insertAt(Fd, std::move(**Entry));
  }

  uint32_t Fd = FirstPreopenFd;
  for (const Preopen &Dir : Options.Dirs) {
    FdEntry Entry;
    Entry.Host = UniqueFd(open(Dir.HostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!Entry.Host)
      return systemError("cannot open preopened directory '" + Dir.HostPath + "'", errno);
    Entry.Type = filetype::Directory;
    Entry.Granted = applicableRights(filetype::Directory);
    Entry.PreopenName = Dir.GuestPath;
    Context->Fds.insertAt(Fd++, std::move(Entry));
  }

  for (int Socket : Options.Sockets) {
    std::string What = "socket " + std::to_string(Socket);
    Result<std::optional<FdEntry>> Entry = duplicateHostFd(Socket, What);
    if (!Entry)
      return Entry.error();
    if (!*Entry)
      return Error("cannot hand " + What + " to the guest: it is not open");
    if ((*Entry)->Type != filetype::SocketStream && (*Entry)->Type != filetype::SocketDgram)
      return Error("cannot hand " + What + " to the guest: it is not a socket");
    Context->Fds.insertAt(Fd++, std::move(**Entry));
  }
  return Context;
}

} // namespace wasmaot::runtime::wasi
