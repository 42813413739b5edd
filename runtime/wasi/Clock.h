//===- wasi/Clock.h - WASI clocks on host clocks ---------------------------===//
#pragma once

#include "wasi/Errno.h"

#include <time.h>

#include <cstdint>

namespace wasmaot::runtime::wasi {

/// The host clock behind WASI clock Id; Inval for an unknown id.
ErrnoOr<clockid_t> hostClock(uint32_t Id);

/// The time of host clock Clock in nanoseconds (0 if it cannot be read,
/// which for the clocks hostClock gives cannot happen).
uint64_t clockNow(clockid_t Clock);

} // namespace wasmaot::runtime::wasi
