//===- plugin/CompilerPlugin.h - The compiler as a loadable library --------===//
//
// The `wasmaot` command does not link LLVM: mapping libLLVM costs tens of
// milliseconds, and a cache-warm `wasmaot run` must start about as fast as a
// native program. Everything that needs LLVM (validating, assembling text,
// compiling, linking) lives in libwasmaot-compiler.so, which the command
// loads with dlopen only when it needs it. This header is the whole interface
// between them: plain C++ types, no LLVM.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasmaot/abi.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::plugin {

/// Bumped whenever anything in this header changes.
inline constexpr uint32_t PluginVersion = 1;

enum class Emit : uint8_t { Executable, SharedObject, Object, LlvmIr, Assembly };

struct Request {
  std::span<const uint8_t> Wasm;
  std::string InputName; // names the module in diagnostics
  Emit Kind = Emit::SharedObject;
  std::string Output;
  std::string Triple; // empty: the host
  std::string Cpu;    // empty: the target's portable baseline; "native": this machine's
  unsigned OptLevel = 2;
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  /// Executable: the bytes of its wasmaot_exe_config symbol, and the
  /// archives to link (the runtime and its main).
  std::vector<uint8_t> ExeConfig;
  std::vector<std::string> LinkInputs;
};

struct Outcome {
  bool Ok = true;
  /// The module itself is at fault (malformed or invalid), not the tools.
  bool Rejected = false;
  /// The diagnostic to print, e.g. "app.wasm:0x1a3: invalid: type mismatch ...".
  std::string Message;
};

class Compiler {
public:
  virtual ~Compiler() = default;

  /// Decodes and validates; on success Summary describes the module.
  virtual Outcome validate(std::span<const uint8_t> Wasm, const std::string &Name,
                           std::string &Summary) = 0;
  /// Assembles the text module at Path into Binary (see text/TextFormat.h).
  virtual Outcome assembleText(const std::string &Path, std::vector<uint8_t> &Binary) = 0;
  virtual Outcome compile(const Request &R) = 0;
};

} // namespace wasmaot::plugin

/// The plugin's entry point: a new Compiler, or null when Version is not the
/// plugin's PluginVersion.
extern "C" wasmaot::plugin::Compiler *wasmaot_compiler_plugin_create(uint32_t Version);
