//===- tests/fuzz/CompileFuzzer.cpp - libFuzzer target: valid modules, end to end ===//
//
// The fuzzer's bytes drive the module generator (tests/generator), so every
// input is a valid module that uses every Wasm 2.0 instruction family; it
// goes through the whole compiler (validate, lower with the IR verifier on,
// optimize, emit, link), the loader, instantiation, and every export is
// called (the generator's fuel makes each call end). The first byte picks
// the configuration: bounds checks guard or explicit, -O0 or -O2.
//
// A generated module the frontend rejects, a compilation or load error, a
// crash or a sanitizer finding is a bug; traps are results, not findings
// (the differential test checks that they are the right ones).
//
//===----------------------------------------------------------------------===//
#include "ModuleGenerator.h"

#include "decoder/Decoder.h"
#include "driver/Pipeline.h"
#include "instance/Instance.h"
#include "loader/ArtifactLoader.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using namespace wasmaot;

namespace {

[[noreturn]] void fail(const std::string &Stage, const std::string &Message) {
  std::fprintf(stderr, "compile fuzzer: %s: %s\n", Stage.c_str(), Message.c_str());
  std::abort();
}

/// A directory of this process for the compiled objects.
const std::string &workDir() {
  static const std::string Dir = [] {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Template = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/wasmaot-fuzz-XXXXXX";
    if (!mkdtemp(Template.data()))
      fail("setup", "cannot create a temporary directory");
    return Template;
  }();
  return Dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  gen::Entropy E(Data + 1, Size - 1);
  std::vector<uint8_t> Wasm = gen::generateModule(E);

  auto Module = decodeModule(Wasm);
  if (!Module)
    fail("a generated module does not decode", consumeToString("m.wasm", Module.takeError()));
  if (llvm::Error Err = validateModule(*Module))
    fail("a generated module does not validate", consumeToString("m.wasm", std::move(Err)));

  CompileOptions Options;
  Options.Bounds = Data[0] & 1 ? WASMAOT_BOUNDS_EXPLICIT : WASMAOT_BOUNDS_GUARD;
  Options.OptLevel = Data[0] & 2 ? 2 : 0;
  Options.Verify = VerifyIR::Yes;
  std::string Path = workDir() + "/module.so";
  if (llvm::Error Err = compileToSharedObject(Wasm, Options, Path))
    fail("compilation failed", consumeToString("m.wasm", std::move(Err)));
  auto Compiled = runtime::loadCompiledModule(Path);
  if (!Compiled)
    fail("loading failed", Compiled.error().message());
  runtime::Instantiation Inst = runtime::Instance::instantiate(
      *Compiled, [](const std::string &, const std::string &) { return std::nullopt; },
      Options.Bounds);
  if (Inst.Failure)
    fail("instantiation failed", Inst.Failure->Message);
  const runtime::ModuleInfo &Info = (*Compiled)->info();
  for (const runtime::ExportInfo &Export : Info.Exports) {
    const runtime::FuncSig &Sig = Info.Types[Info.FuncTypes[Export.Index]];
    std::vector<runtime::Slot> Slots(std::max<size_t>(Sig.Results.size(), 1));
    (void)Inst.Inst->call(Export.Index, Slots);
  }
  return 0;
}
