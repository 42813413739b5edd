//===- tests/differential/Engines.h - The two sides of a comparison --------===//
//
// Both run a generated module's exports in order and report an Outcome:
// wasmaot compiles it in-process with one configuration (bounds checks,
// optimization level) and calls the exports through the runtime, as the
// spec runner does; the reference is wabt's interpreter, an independent
// implementation, run as a process.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Outcome.h"

#include "driver/Pipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::difftest {

class WasmaotEngine {
public:
  /// Compiled objects go to WorkDir.
  WasmaotEngine(std::string WorkDir, CompileOptions Options);

  /// "guard -O2".
  std::string name() const;
  Outcome run(const std::vector<uint8_t> &Wasm);

private:
  std::string WorkDir;
  CompileOptions Options;
};

class InterpreterEngine {
public:
  /// Interpreter is the path of wasm-interp; WorkDir holds its input.
  InterpreterEngine(std::string Interpreter, std::string WorkDir);

  Outcome run(const std::vector<uint8_t> &Wasm);

private:
  std::string Interpreter, WorkDir;
};

} // namespace wasmaot::difftest
