//===- launch/ExeConfig.h - What `wasmaot compile` fixes in an executable --===//
//
// The directories and environment a compiled executable grants its guest are
// chosen when it is compiled (`wasmaot compile --dir/--env`), stored in the
// executable's wasmaot_exe_config symbol, and applied at each start: a
// relative HOST directory is opened relative to the current directory of
// that start, and `--env NAME` without a value passes on NAME from the
// environment the executable runs in.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "wasi/WasiContext.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::runtime {

struct ExeConfig {
  std::vector<wasi::Preopen> Dirs;
  /// "NAME=VALUE" (fixed) or "NAME" (inherited at run time).
  std::vector<std::string> Env;
  /// Function imports that the runtime does not provide trap when called
  /// (`wasmaot compile --allow-unknown-imports`).
  bool TrapUnknownImports = false;
  /// `wasmaot compile --max-wasm-stack`; 0 for the default.
  uint64_t MaxWasmStack = 0;
  /// `wasmaot compile --max-memory`; 0 for none.
  uint64_t MaxMemory = 0;
  /// `wasmaot compile --timeout`, in milliseconds; 0 for none.
  uint64_t TimeoutMs = 0;

  std::vector<uint8_t> serialize() const;
  static Result<ExeConfig> parse(std::span<const uint8_t> Bytes);

  /// The environment to give the guest: fixed values, and inherited ones
  /// that are set in this process's environment.
  std::vector<std::string> resolveEnv() const;
};

/// Parses --dir HOST[::GUEST] (GUEST defaults to HOST).
wasi::Preopen parseDirFlag(const std::string &Flag);

} // namespace wasmaot::runtime
