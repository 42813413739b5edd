//===- service/ExecutableImports.cpp ---------------------------------------===//
#include "service/ExecutableImports.h"

#include "module/TypeText.h"
#include "support/Error.h"
#include "wasi/WasiContext.h"

using namespace wasmaot;

namespace {

constexpr llvm::StringLiteral WasiModule = "wasi_snapshot_preview1";

runtime::FuncSig toSig(const ir::FuncType &T) {
  runtime::FuncSig Sig;
  for (ir::ValType P : T.Params)
    Sig.Params.push_back(static_cast<uint8_t>(P));
  for (ir::ValType R : T.Results)
    Sig.Results.push_back(static_cast<uint8_t>(R));
  return Sig;
}

const char *kindName(ir::ExternKind Kind) {
  return runtime::externKindName(static_cast<runtime::ExternKind>(Kind));
}

} // namespace

llvm::Error service::checkExecutableImports(const ir::Module &M, bool TrapUnknownFunctions) {
  uint32_t FuncIndex = 0;
  for (const ir::Import &I : M.Imports) {
    bool IsFunc = I.Kind == ir::ExternKind::Func;
    std::string Name = "\"" + I.ModuleName + "\" \"" + I.FieldName + "\"";
    std::optional<runtime::FuncSig> Provided;
    if (IsFunc && I.ModuleName == WasiModule)
      Provided = runtime::wasi::WasiContext::functionSignature(I.FieldName);
    const ir::FuncType *Wanted = IsFunc ? &M.funcType(FuncIndex++) : nullptr;

    if (!Provided) {
      if (IsFunc && TrapUnknownFunctions)
        continue;
      std::string Why =
          I.ModuleName == WasiModule
              ? "unknown import " + Name + ": the runtime executables link with has no " +
                    (IsFunc ? "such WASI preview 1 function" : std::string("such import"))
              : "unknown import " + Name + " (" + kindName(I.Kind) +
                    "): the runtime executables link with provides only the functions of "
                    "wasi_snapshot_preview1";
      if (IsFunc)
        Why += "; --allow-unknown-imports compiles it anyway, to trap when it is called";
      return makeError(ErrorKind::Unlinkable, I.Offset, Why);
    }
    runtime::FuncSig Sig = toSig(*Wanted);
    if (Sig != *Provided)
      return makeError(ErrorKind::Unlinkable, I.Offset,
                       "incompatible import type " + Name + ": the module imports " +
                           runtime::funcTypeText(Sig) + ", but the runtime's is " +
                           runtime::funcTypeText(*Provided));
  }
  return llvm::Error::success();
}
