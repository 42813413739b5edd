//===- wasi/Clock.cpp ------------------------------------------------------===//
#include "wasi/Clock.h"

#include "wasi/HostFile.h"
#include "wasi/WasiAbi.h"

namespace wasmaot::runtime::wasi {

ErrnoOr<clockid_t> hostClock(uint32_t Id) {
  switch (Id) {
  case clockid::Realtime:
    return CLOCK_REALTIME;
  case clockid::Monotonic:
    return CLOCK_MONOTONIC;
  case clockid::ProcessCputime:
    return CLOCK_PROCESS_CPUTIME_ID;
  case clockid::ThreadCputime:
    return CLOCK_THREAD_CPUTIME_ID;
  default:
    return Errno::Inval;
  }
}

uint64_t clockNow(clockid_t Clock) {
  timespec Now = {};
  clock_gettime(Clock, &Now);
  return toNanoseconds(Now);
}

} // namespace wasmaot::runtime::wasi
