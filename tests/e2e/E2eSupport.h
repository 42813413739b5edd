//===- tests/e2e/E2eSupport.h - A text module compiled and instantiated ----===//
//
// Assembles a text module (text/TextFormat.h), compiles it through the whole
// pipeline (decode, validate, lower, optimize, object, lld shared object),
// loads it and instantiates it in this process, so tests can call its exports.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/Instance.h"

#include <array>
#include <initializer_list>
#include <memory>
#include <string>

namespace wasmaot::test {

class WatModule {
public:
  /// Fails the current test if any stage fails. Interruptible: compiled with
  /// the interruption checks (CompileOptions::Interruptible). PartWeight:
  /// compiled in parts of that many instructions (CompileOptions::PartWeight).
  WatModule(const std::string &Wat, wasmaot_bounds_checks Bounds, unsigned OptLevel,
            bool Interruptible = false, uint64_t PartWeight = 0);
  ~WatModule();

  /// Calls export Name with its arguments in 16-byte slots (two words each);
  /// returns the trap kind and leaves the results in Slots.
  wasmaot_trap_kind call(const std::string &Name, std::array<uint64_t, 8> &Slots);

  /// Calls an export taking and returning i32/i64 values.
  wasmaot_trap_kind call(const std::string &Name, std::initializer_list<uint64_t> Args,
                         uint64_t *Result = nullptr);

  runtime::Instance &instance() { return *Inst; }
  /// The loaded module, to instantiate again.
  std::shared_ptr<const runtime::CompiledModule> compiled() const { return Compiled; }

private:
  std::string WorkDir;
  std::shared_ptr<const runtime::CompiledModule> Compiled;
  std::unique_ptr<runtime::Instance> Inst;
};

} // namespace wasmaot::test
