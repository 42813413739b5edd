//===- wasi/WasiPoll.cpp - poll_oneoff -------------------------------------===//
//
// Clock subscriptions become deadlines on the monotonic clock (relative
// ones from now, absolute realtime ones by their distance from the current
// realtime); fd_read and fd_write subscriptions become pollfds. One ppoll
// waits until the earliest deadline or a ready descriptor. Errors of single
// subscriptions (a closed fd, a missing right, a clock that cannot be waited
// on) are events, reported at once without waiting.
//
//===----------------------------------------------------------------------===//
#include "wasi/Clock.h"
#include "wasi/HostFile.h"
#include "wasi/WasiAbi.h"
#include "wasi/WasiFunctions.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

namespace wasmaot::runtime::wasi {
namespace {

uint64_t saturatingAdd(uint64_t A, uint64_t B) { return B > UINT64_MAX - A ? UINT64_MAX : A + B; }

/// A clock subscription's deadline on CLOCK_MONOTONIC. The CPU-time clocks
/// cannot be waited on.
ErrnoOr<uint64_t> deadlineOf(const Subscription &Clock, uint64_t MonotonicNow) {
  if (Clock.Flags & ~subclockflags::Abstime)
    return Errno::Inval;
  bool Absolute = Clock.Flags & subclockflags::Abstime;
  switch (Clock.ClockIdOrFd) {
  case clockid::Monotonic:
    return Absolute ? Clock.Timeout : saturatingAdd(MonotonicNow, Clock.Timeout);
  case clockid::Realtime: {
    if (!Absolute)
      return saturatingAdd(MonotonicNow, Clock.Timeout);
    uint64_t RealtimeNow = clockNow(CLOCK_REALTIME);
    return Clock.Timeout <= RealtimeNow ? MonotonicNow
                                        : saturatingAdd(MonotonicNow, Clock.Timeout - RealtimeNow);
  }
  default:
    return Errno::Inval;
  }
}

/// The bytes that can be read from Fd without blocking, as far as the host
/// tells: the rest of a regular file, or what a pipe or socket holds.
uint64_t bytesAvailable(int Fd) {
  struct stat St;
  if (fstat(Fd, &St) == 0 && S_ISREG(St.st_mode)) {
    off_t Position = lseek(Fd, 0, SEEK_CUR);
    return Position >= 0 && St.st_size > Position ? uint64_t(St.st_size - Position) : 0;
  }
  int Count = 0;
  return ioctl(Fd, FIONREAD, &Count) == 0 && Count > 0 ? uint64_t(Count) : 0;
}

struct Timer {
  Event Fired;
  uint64_t Deadline = 0;
};

Errno pollOneoff(WasiContext &Context, uint32_t In, uint32_t Out, uint32_t NSubscriptions,
                 uint32_t NEventsPtr) {
  if (NSubscriptions == 0)
    return Errno::Inval;
  GuestMemory Memory = Context.memory();
  if (!Memory.contains(In, uint64_t(NSubscriptions) * sizeof(Subscription)) ||
      !Memory.contains(Out, uint64_t(NSubscriptions) * sizeof(Event)) ||
      !Memory.contains(NEventsPtr, 4))
    return Errno::Fault;

  std::vector<Event> Ready;
  std::vector<Timer> Timers;
  std::vector<pollfd> Polled;
  std::vector<Event> PolledEvents; // what each of Polled reports once ready
  uint64_t Now = clockNow(CLOCK_MONOTONIC);
  for (uint32_t I = 0; I < NSubscriptions; ++I) {
    Subscription Sub;
    Memory.load(In + I * uint32_t(sizeof(Subscription)), Sub);
    Event Result;
    Result.Userdata = Sub.Userdata;
    Result.Type = Sub.Tag;
    switch (Sub.Tag) {
    case eventtype::Clock: {
      ErrnoOr<uint64_t> Deadline = deadlineOf(Sub, Now);
      if (Deadline) {
        Timers.push_back({Result, *Deadline});
        break;
      }
      Result.Error = uint16_t(Deadline.error());
      Ready.push_back(Result);
      break;
    }
    case eventtype::FdRead:
    case eventtype::FdWrite: {
      ErrnoOr<FdEntry *> Entry = Context.fds().get(Sub.ClockIdOrFd, rights::PollFdReadwrite);
      if (!Entry) {
        Result.Error = uint16_t(Entry.error());
        Ready.push_back(Result);
        break;
      }
      short Wanted = Sub.Tag == eventtype::FdRead ? POLLIN : POLLOUT;
      Polled.push_back({(*Entry)->Host.get(), Wanted, 0});
      PolledEvents.push_back(Result);
      break;
    }
    default:
      return Errno::Inval;
    }
  }

  std::optional<uint64_t> Deadline;
  for (const Timer &T : Timers)
    Deadline = std::min(Deadline.value_or(UINT64_MAX), T.Deadline);
  // Until something is to be reported: a ppoll may end early (a signal) and
  // then nothing is ready yet.
  while (true) {
    timespec Timeout = {};
    timespec *Wait = nullptr; // without a deadline, wait for a descriptor
    if (!Ready.empty() || Deadline) {
      uint64_t Current = clockNow(CLOCK_MONOTONIC);
      if (Ready.empty() && *Deadline > Current)
        Timeout = toTimespec(*Deadline - Current);
      Wait = &Timeout;
    }
    int Count = ppoll(Polled.data(), Polled.size(), Wait, nullptr);
    if (Count < 0 && errno != EINTR)
      return lastHostErrno();
    for (size_t I = 0; Count > 0 && I < Polled.size(); ++I) {
      short Revents = Polled[I].revents;
      if (!Revents)
        continue;
      Event Result = PolledEvents[I];
      if (Revents & POLLERR)
        Result.Error = uint16_t(Errno::Io);
      else if (Result.Type == eventtype::FdRead)
        Result.NBytes = bytesAvailable(Polled[I].fd);
      if (Revents & POLLHUP)
        Result.Flags = eventrwflags::FdReadwriteHangup;
      Ready.push_back(Result);
    }
    uint64_t Current = clockNow(CLOCK_MONOTONIC);
    for (const Timer &T : Timers)
      if (T.Deadline <= Current)
        Ready.push_back(T.Fired);
    if (!Ready.empty())
      break;
  }

  for (size_t I = 0; I < Ready.size(); ++I)
    Memory.store(Out + uint32_t(I * sizeof(Event)), Ready[I]);
  Memory.store(NEventsPtr, uint32_t(Ready.size()));
  return Errno::Success;
}

} // namespace

void addPollFunctions(HostModule &Module) { addWasiFunction<&pollOneoff>(Module, "poll_oneoff"); }

} // namespace wasmaot::runtime::wasi
