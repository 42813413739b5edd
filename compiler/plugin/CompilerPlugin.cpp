//===- plugin/CompilerPlugin.cpp - libwasmaot-compiler.so ------------------===//
#include "plugin/CompilerPlugin.h"

#include "codegen/Codegen.h"
#include "decoder/Decoder.h"
#include "driver/Pipeline.h"
#include "link/Linker.h"
#include "support/Error.h"
#include "text/TextFormat.h"
#include "validator/Validator.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace wasmaot;
using namespace wasmaot::plugin;

namespace {

Outcome failure(const std::string &Name, llvm::Error E) {
  Outcome O;
  O.Ok = false;
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        O.Rejected = W.kind() == ErrorKind::Malformed || W.kind() == ErrorKind::Invalid;
        llvm::raw_string_ostream OS(O.Message);
        if (!Name.empty())
          OS << Name << (W.offset() == WasmError::NoOffset ? ": " : ":");
        W.log(OS);
      },
      [&](const llvm::ErrorInfoBase &Other) { O.Message = Name + ": " + Other.message(); });
  return O;
}

llvm::Error writeText(const std::string &Path, const std::string &Text) {
  return writeFileAtomically(Path, llvm::ArrayRef(Text.data(), Text.size()));
}

class PluginCompiler final : public Compiler {
public:
  PluginCompiler() {
    initializeNativeTarget();
    // LLVM's internal errors abort; with recovery on, they fail the module.
    llvm::CrashRecoveryContext::Enable();
  }

  Outcome validate(std::span<const uint8_t> Wasm, const std::string &Name,
                   std::string &Summary) override {
    llvm::ArrayRef<uint8_t> Bytes(Wasm.data(), Wasm.size());
    auto M = decodeModule(Bytes);
    if (!M)
      return failure(Name, M.takeError());
    if (auto E = validateModule(*M))
      return failure(Name, std::move(E));
    auto N = [](size_t V) { return std::to_string(V); };
    Summary = N(M->Types.size()) + " types, " + N(M->Imports.size()) + " imports, " +
              N(M->Functions.size()) + " functions (" +
              N(M->Functions.size() - M->NumImportedFuncs) + " defined), " +
              N(M->Tables.size()) + " tables, " + N(M->Memories.size()) + " memories, " +
              N(M->Globals.size()) + " globals, " + N(M->Exports.size()) + " exports, " +
              N(M->Elems.size()) + " element and " + N(M->Datas.size()) + " data segments";
    return {};
  }

  Outcome assembleText(const std::string &Path, std::vector<uint8_t> &Binary) override {
    auto Assembled = assembleTextModule(Path);
    if (!Assembled)
      return failure(Path, Assembled.takeError());
    Binary = std::move(*Assembled);
    return {};
  }

  Outcome compile(const Request &R) override {
    if (auto E = run(R))
      return failure(R.InputName, std::move(E));
    return {};
  }

private:
  static llvm::Error run(const Request &R) {
    auto Target = TargetDesc::create(R.Triple, R.Cpu);
    if (!Target)
      return Target.takeError();
    llvm::ArrayRef<uint8_t> Wasm(R.Wasm.data(), R.Wasm.size());
    CompileOptions Options{R.Bounds, R.OptLevel, DefaultVerifyIR};
    switch (R.Kind) {
    case Emit::SharedObject:
      return compileToSharedObject(Wasm, Options, R.Output, &*Target);
    case Emit::Executable:
      return compileToExecutable(Wasm, *Target, Options,
                                 {DataSymbol{"wasmaot_exe_config", R.ExeConfig}},
                                 R.LinkInputs, R.Output);
    case Emit::Object: {
      auto Object = compileToObject(Wasm, *Target, Options);
      if (!Object)
        return Object.takeError();
      return writeFileAtomically(R.Output, *Object);
    }
    case Emit::LlvmIr:
    case Emit::Assembly: {
      llvm::LLVMContext Context;
      auto LM = buildModule(Wasm, *Target, Options, {}, Context);
      if (!LM)
        return LM.takeError();
      if (R.Kind == Emit::LlvmIr) {
        std::string Text;
        llvm::raw_string_ostream OS(Text);
        (*LM)->print(OS, nullptr);
        return writeText(R.Output, OS.str());
      }
      auto TM = Target->createTargetMachine(R.OptLevel);
      if (!TM)
        return TM.takeError();
      auto Asm = emitAssembly(**LM, **TM, Options.Verify);
      if (!Asm)
        return Asm.takeError();
      return writeText(R.Output, *Asm);
    }
    }
    return llvm::Error::success();
  }
};

} // namespace

extern "C" Compiler *wasmaot_compiler_plugin_create(uint32_t Version) {
  if (Version != PluginVersion)
    return nullptr;
  return new PluginCompiler();
}
