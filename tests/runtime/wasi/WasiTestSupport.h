//===- wasi/WasiTestSupport.h - Calling WASI functions from tests ---------===//
//
// Tests call the host functions the way generated code does: through the
// funcref the context's module exports, with the wasm signature written out
// here independently of the implementation (WasiContextTest checks that the
// two agree), passing the host module's vmctx. Guest data lives in a real
// linear memory; the host side is a temporary directory tree:
//
//   Root/host/sandbox/        preopened as fd 3, "/sandbox"
//   Root/host/sandbox/file.txt   "hello"
//   Root/host/sandbox/dir/nested.txt   "nested"
//   Root/outside/secret.txt   "secret"
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasi/Errno.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiContext.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace wasmaot::runtime::wasi::test {

/// A wasi_snapshot_preview1 function: its name and wasm parameter types
/// (int32_t for i32, int64_t for i64); each returns an errno as i32.
template <typename... Params> struct WasiFn { const char *Name; };

using I32 = int32_t;
using I64 = int64_t;
// The signatures of wasi_snapshot_preview1.witx.
inline constexpr WasiFn<I32, I32> ArgsGet{"args_get"};
inline constexpr WasiFn<I32, I32> ArgsSizesGet{"args_sizes_get"};
inline constexpr WasiFn<I32, I32> EnvironGet{"environ_get"};
inline constexpr WasiFn<I32, I32> EnvironSizesGet{"environ_sizes_get"};
inline constexpr WasiFn<I32, I32> ClockResGet{"clock_res_get"};
inline constexpr WasiFn<I32, I64, I32> ClockTimeGet{"clock_time_get"};
inline constexpr WasiFn<I32, I64, I64, I32> FdAdvise{"fd_advise"};
inline constexpr WasiFn<I32, I64, I64> FdAllocate{"fd_allocate"};
inline constexpr WasiFn<I32> FdClose{"fd_close"};
inline constexpr WasiFn<I32> FdDatasync{"fd_datasync"};
inline constexpr WasiFn<I32, I32> FdFdstatGet{"fd_fdstat_get"};
inline constexpr WasiFn<I32, I32> FdFdstatSetFlags{"fd_fdstat_set_flags"};
inline constexpr WasiFn<I32, I64, I64> FdFdstatSetRights{"fd_fdstat_set_rights"};
inline constexpr WasiFn<I32, I32> FdFilestatGet{"fd_filestat_get"};
inline constexpr WasiFn<I32, I64> FdFilestatSetSize{"fd_filestat_set_size"};
inline constexpr WasiFn<I32, I64, I64, I32> FdFilestatSetTimes{"fd_filestat_set_times"};
inline constexpr WasiFn<I32, I32, I32, I64, I32> FdPread{"fd_pread"};
inline constexpr WasiFn<I32, I32> FdPrestatGet{"fd_prestat_get"};
inline constexpr WasiFn<I32, I32, I32> FdPrestatDirName{"fd_prestat_dir_name"};
inline constexpr WasiFn<I32, I32, I32, I64, I32> FdPwrite{"fd_pwrite"};
inline constexpr WasiFn<I32, I32, I32, I32> FdRead{"fd_read"};
inline constexpr WasiFn<I32, I32, I32, I64, I32> FdReaddir{"fd_readdir"};
inline constexpr WasiFn<I32, I32> FdRenumber{"fd_renumber"};
inline constexpr WasiFn<I32, I64, I32, I32> FdSeek{"fd_seek"};
inline constexpr WasiFn<I32> FdSync{"fd_sync"};
inline constexpr WasiFn<I32, I32> FdTell{"fd_tell"};
inline constexpr WasiFn<I32, I32, I32, I32> FdWrite{"fd_write"};
inline constexpr WasiFn<I32, I32, I32> PathCreateDirectory{"path_create_directory"};
inline constexpr WasiFn<I32, I32, I32, I32, I32> PathFilestatGet{"path_filestat_get"};
inline constexpr WasiFn<I32, I32, I32, I32, I64, I64, I32> PathFilestatSetTimes{
    "path_filestat_set_times"};
inline constexpr WasiFn<I32, I32, I32, I32, I32, I32, I32> PathLink{"path_link"};
inline constexpr WasiFn<I32, I32, I32, I32, I32, I64, I64, I32, I32> PathOpen{"path_open"};
inline constexpr WasiFn<I32, I32, I32, I32, I32, I32> PathReadlink{"path_readlink"};
inline constexpr WasiFn<I32, I32, I32> PathRemoveDirectory{"path_remove_directory"};
inline constexpr WasiFn<I32, I32, I32, I32, I32, I32> PathRename{"path_rename"};
inline constexpr WasiFn<I32, I32, I32, I32, I32> PathSymlink{"path_symlink"};
inline constexpr WasiFn<I32, I32, I32> PathUnlinkFile{"path_unlink_file"};
inline constexpr WasiFn<I32, I32, I32, I32> PollOneoff{"poll_oneoff"};
inline constexpr WasiFn<I32> ProcRaise{"proc_raise"};
inline constexpr WasiFn<> SchedYield{"sched_yield"};
inline constexpr WasiFn<I32, I32> RandomGet{"random_get"};
inline constexpr WasiFn<I32, I32, I32> SockAccept{"sock_accept"};
inline constexpr WasiFn<I32, I32, I32, I32, I32, I32> SockRecv{"sock_recv"};
inline constexpr WasiFn<I32, I32, I32, I32, I32> SockSend{"sock_send"};
inline constexpr WasiFn<I32, I32> SockShutdown{"sock_shutdown"};

/// A string in guest memory; passed to call() it becomes two arguments,
/// pointer and length.
struct GuestString {
  uint32_t Ptr = 0;
  uint32_t Len = 0;
};

/// The temporary tree described above, removed with everything in it.
class TempTree {
public:
  TempTree();
  TempTree(const TempTree &) = delete;
  TempTree &operator=(const TempTree &) = delete;
  ~TempTree();

  /// The host path of Relative (to Root).
  std::string path(std::string_view Relative) const;
  void write(std::string_view Relative, std::string_view Content) const;
  /// The file's content, or "<missing>".
  std::string read(std::string_view Relative) const;
  /// Whether anything (a dangling symlink too) is at Relative.
  bool exists(std::string_view Relative) const;
  void mkdir(std::string_view Relative) const;
  void symlink(std::string_view Target, std::string_view Relative) const;
  /// Every name, type, file content and symlink target under Root except
  /// the sandbox, for checking that the guest changed nothing outside.
  std::string outsideSnapshot() const;

private:
  std::string Root;
};

inline constexpr std::string_view SandboxDir = "host/sandbox";

class WasiFixture {
public:
  static constexpr uint32_t Sandbox = 3;

  /// Adjust may change the options (stdio, sockets, more preopens) before
  /// the context is created.
  explicit WasiFixture(const std::function<void(WasiOptions &)> &Adjust = {});

  TempTree Tree;
  std::unique_ptr<WasiContext> Context;
  std::shared_ptr<LinearMemory> Memory;

  template <typename... Params, typename... Args> Errno call(WasiFn<Params...> F, Args... A) {
    auto Flat = std::tuple_cat(flatten(A)...);
    static_assert(std::tuple_size_v<decltype(Flat)> == sizeof...(Params), "wrong argument count");
    auto [Code, Vmctx] = function(F.Name);
    auto *Native = reinterpret_cast<int32_t (*)(wasmaot_vmctx *, Params...)>(Code);
    int32_t Result = std::apply(
        [&](auto... Values) { return Native(Vmctx, static_cast<Params>(Values)...); }, Flat);
    return Errno(uint16_t(Result));
  }

  /// The code and vmctx of export Name; fails the test if it is missing.
  std::pair<void *, wasmaot_vmctx *> function(const char *Name) const;

  // Guest memory.
  /// Size bytes of fresh, 8-aligned guest memory.
  uint32_t alloc(uint32_t Size);
  GuestString str(std::string_view S);
  /// An iovec array with one buffer per string, each holding the string.
  uint32_t iovecs(const std::vector<std::string> &Buffers);
  /// An iovec array over the given (pointer, length) buffers.
  uint32_t iovecsOver(const std::vector<std::pair<uint32_t, uint32_t>> &Buffers);
  std::string bytes(uint32_t Ptr, uint32_t Len) const;
  template <typename T> T load(uint32_t Ptr) const {
    T Value;
    std::memcpy(&Value, Memory->base() + Ptr, sizeof(T));
    return Value;
  }
  uint32_t memorySize() const { return uint32_t(Memory->byteSize()); }

  // Shorthands that fail the test unless the call succeeds.
  /// path_open beneath Dir; base rights default to all a file can have.
  uint32_t open(std::string_view Path, uint32_t OFlags = 0, uint64_t Base = FileRights,
                uint32_t FdFlags = 0, uint32_t Dir = Sandbox);
  /// fd_write of Data; the count written.
  uint32_t write(uint32_t Fd, std::string_view Data);
  /// fd_read of up to Max bytes.
  std::string read(uint32_t Fd, uint32_t Max = 256);
  Fdstat fdstat(uint32_t Fd);
  Filestat filestat(uint32_t Fd);

  /// What a regular file can do: the preopen passes these on.
  static constexpr uint64_t FileRights =
      rights::FdDatasync | rights::FdRead | rights::FdSeek | rights::FdFdstatSetFlags |
      rights::FdSync | rights::FdTell | rights::FdWrite | rights::FdAdvise | rights::FdAllocate |
      rights::FdFilestatGet | rights::FdFilestatSetSize | rights::FdFilestatSetTimes |
      rights::PollFdReadwrite;

private:
  template <typename T> static std::tuple<T> flatten(T Value) { return std::tuple<T>(Value); }
  static std::tuple<uint32_t, uint32_t> flatten(GuestString S) { return {S.Ptr, S.Len}; }

  uint32_t Next = 1024; // low memory stays unused
};

/// Both path resolution strategies, for GENERATE.
inline const std::vector<ResolveStrategy> Strategies = {ResolveStrategy::Openat2,
                                                        ResolveStrategy::Manual};

} // namespace wasmaot::runtime::wasi::test
