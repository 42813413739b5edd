//===- tests/differential/WasmaotEngine.cpp --------------------------------===//
#include "Engines.h"

#include "instance/Instance.h"
#include "loader/ArtifactLoader.h"
#include "support/Error.h"
#include "traps/Trap.h"

#include <algorithm>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::difftest;

WasmaotEngine::WasmaotEngine(std::string WorkDir, CompileOptions Options)
    : WorkDir(std::move(WorkDir)), Options(Options) {}

std::string WasmaotEngine::name() const {
  return std::string(Options.Bounds == WASMAOT_BOUNDS_GUARD ? "guard" : "explicit") + " -O" +
         std::to_string(Options.OptLevel);
}

/// A result in wasm-interp's notation: integers unsigned, in decimal.
static std::string formatValue(const runtime::Slot &Value, uint8_t Type) {
  if (Type == 0x7F) {
    uint32_t V;
    std::memcpy(&V, Value.Bytes, 4);
    return "i32:" + std::to_string(V);
  }
  if (Type == 0x7E) {
    uint64_t V;
    std::memcpy(&V, Value.Bytes, 8);
    return "i64:" + std::to_string(V);
  }
  return "(type 0x" + std::to_string(Type) + ")"; // the harness returns integers only
}

Outcome WasmaotEngine::run(const std::vector<uint8_t> &Wasm) {
  Outcome O;
  std::string Path = WorkDir + "/module-" + std::to_string(Options.Bounds) + "-O" +
                     std::to_string(Options.OptLevel) + ".so";
  if (llvm::Error E = compileToSharedObject(Wasm, Options, Path)) {
    O.Failure = "compilation failed: " + consumeToString("module.wasm", std::move(E));
    return O;
  }
  auto Module = runtime::loadCompiledModule(Path);
  if (!Module) {
    O.Failure = "loading failed: " + Module.error().message();
    return O;
  }
  runtime::Instantiation Inst = runtime::Instance::instantiate(
      *Module, [](const std::string &, const std::string &) { return std::nullopt; },
      Options.Bounds);
  if (Inst.Failure) {
    O.Failure = "instantiation failed: " + Inst.Failure->Message;
    return O;
  }
  const runtime::ModuleInfo &Info = (*Module)->info();
  for (const runtime::ExportInfo &Export : Info.Exports) {
    if (Export.Kind != runtime::ExternKind::Func)
      continue;
    const runtime::FuncSig &Sig = Info.Types[Info.FuncTypes[Export.Index]];
    std::vector<runtime::Slot> Slots(std::max<size_t>(Sig.Results.size(), 1));
    std::string Line = Export.Name + "() =>";
    wasmaot_trap_kind Trap = Inst.Inst->call(Export.Index, Slots);
    if (Trap != WASMAOT_TRAP_NONE) {
      O.Lines.push_back(Line + " error: " + runtime::trapMessage(Trap));
      continue;
    }
    for (size_t K = 0; K < Sig.Results.size(); ++K)
      Line += (K ? ", " : " ") + formatValue(Slots[K], Sig.Results[K]);
    O.Lines.push_back(Line);
  }
  return O;
}
