//===- wasi/HostFd.h - Owning host file descriptors ------------------------===//
#pragma once

#include <unistd.h>

#include <cerrno>
#include <utility>

namespace wasmaot::runtime::wasi {

/// A host file descriptor, closed when its owner goes away.
class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int Fd) : Fd(Fd) {}
  UniqueFd(UniqueFd &&Other) noexcept : Fd(std::exchange(Other.Fd, -1)) {}
  UniqueFd &operator=(UniqueFd &&Other) noexcept {
    reset(std::exchange(Other.Fd, -1));
    return *this;
  }
  ~UniqueFd() { reset(); }

  explicit operator bool() const { return Fd >= 0; }
  int get() const { return Fd; }
  void reset(int NewFd = -1) {
    if (Fd >= 0)
      ::close(Fd);
    Fd = NewFd;
  }

private:
  int Fd = -1;
};

/// Calls Syscall until it fails with something other than EINTR: the host's
/// signal handlers need not use SA_RESTART, and an interrupted call is not
/// the guest's business.
template <typename F> auto retryOnEintr(F Syscall) {
  for (;;) {
    auto Result = Syscall();
    if (Result != -1 || errno != EINTR)
      return Result;
  }
}

} // namespace wasmaot::runtime::wasi
