//===- wasi/WasiContext.h - A WASI preview 1 environment for one guest ----===//
//
// Everything a guest's wasi_snapshot_preview1 imports act on: its arguments
// and environment, its file descriptors (stdio, preopened directories, the
// host's sockets) with their rights, and the linear memory its pointers
// point into. module() offers the 46 functions to instantiation; each finds
// its context through the host module's vmctx. A context serves one instance
// on one thread at a time. See docs/Wasi.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "host/HostModule.h"
#include "memory/LinearMemory.h"
#include "support/Result.h"
#include "wasi/FdTable.h"
#include "wasi/GuestMemory.h"
#include "wasi/PathResolver.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::runtime::wasi {

struct Preopen {
  std::string HostPath;  // the host directory
  std::string GuestPath; // the name the guest knows it by (fd_prestat_dir_name)
};

struct WasiOptions {
  std::vector<std::string> Args;         // argv[0] first
  std::vector<std::string> Env;          // "NAME=VALUE"
  std::vector<Preopen> Dirs;             // preopened as fds 3, 4, ... in this order
  int Stdin = 0, Stdout = 1, Stderr = 2; // host fds used for guest fds 0..2
  /// Host sockets handed to the guest (sock_* functions), numbered after the
  /// preopens. The guest cannot create sockets itself.
  std::vector<int> Sockets;
};

class WasiContext {
public:
  /// Duplicates the stdio and socket descriptors (a closed host stdio fd
  /// leaves the guest's closed too) and opens the preopened directories; the
  /// error names what cannot be opened.
  static Result<std::unique_ptr<WasiContext>> create(const WasiOptions &Options);
  /// The signature of the WASI preview 1 function Name that the runtime
  /// provides, or nullopt if it provides none of that name (for checking a
  /// module's imports before it runs).
  static std::optional<FuncSig> functionSignature(const std::string &Name);

  WasiContext(const WasiContext &) = delete;
  WasiContext &operator=(const WasiContext &) = delete;

  /// The functions of module "wasi_snapshot_preview1" (all 46 of preview 1).
  const HostModule &module() const { return Module; }

  /// The memory the guest's pointers refer to: the instance's exported
  /// "memory". Call after instantiation, before running _start. Until then
  /// every pointer is out of bounds (EFAULT).
  void bindMemory(std::shared_ptr<LinearMemory> Memory) { this->Memory = std::move(Memory); }

  /// Set once proc_exit ran: its code.
  std::optional<uint32_t> exitCode() const { return ExitCode; }

  // What the WASI functions act on.
  const std::vector<std::string> &args() const { return Args; }
  const std::vector<std::string> &env() const { return Env; }
  GuestMemory memory() const { return GuestMemory(Memory.get()); }
  FdTable &fds() { return Fds; }
  PathResolver &resolver() { return Resolver; }
  void setExitCode(uint32_t Code) { ExitCode = Code; }

private:
  WasiContext();

  HostModule Module{this};
  std::vector<std::string> Args, Env;
  std::shared_ptr<LinearMemory> Memory;
  FdTable Fds;
  PathResolver Resolver;
  std::optional<uint32_t> ExitCode;
};

} // namespace wasmaot::runtime::wasi
