//===- spectest/SpectestHost.h - The testsuite's `spectest` host module ----===//
//
// The module every spec script may import from: print functions (which print
// nothing here), the globals global_i32/i64/f32/f64 (666 and 666.6), a table
// of 10..20 funcrefs and a memory of 1..2 pages.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "host/HostModule.h"

#include <optional>
#include <string>

namespace wasmaot::spectest {

class SpectestHost {
public:
  explicit SpectestHost(wasmaot_bounds_checks Checks);
  SpectestHost(const SpectestHost &) = delete;
  SpectestHost &operator=(const SpectestHost &) = delete;

  /// The export Name, or nullopt.
  std::optional<runtime::Extern> exported(const std::string &Name) const {
    return Module.exported(Name);
  }

private:
  runtime::HostModule Module{nullptr};
};

} // namespace wasmaot::spectest
