//===- host/HostModule.h - Modules whose functions the host implements -----===//
//
// A host module offers native functions to wasm imports (WASI, the spec
// testsuite's `spectest`). A host function has the native signature of wasm
// code: a wasmaot_vmctx pointer, then the wasm parameters, returning the
// result (see abi.h). Its vmctx is the host module's own, whose `runtime`
// field is the Context the module was created with, so a host function
// reaches its state with HostModule::context(Vmctx).
//
// The host module must outlive every instance that imports from it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "instance/Extern.h"
#include "module/ModuleInfo.h"
#include "wasmaot/abi.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace wasmaot::runtime {

class HostModule {
public:
  explicit HostModule(void *Context) { Vmctx.runtime = Context; }
  HostModule(const HostModule &) = delete;
  HostModule &operator=(const HostModule &) = delete;

  /// Offers Code, a function of type Sig, as export Name.
  void addFunction(const std::string &Name, const FuncSig &Sig, void *Code);
  /// Offers a table, memory or global as export Name.
  void addExtern(const std::string &Name, Extern E) { Others[Name] = std::move(E); }

  /// The export Name, or nullopt.
  std::optional<Extern> exported(const std::string &Name) const;

  /// The Context of the host module a host function was called through.
  static void *context(wasmaot_vmctx *Vmctx) { return Vmctx->runtime; }

private:
  wasmaot_vmctx Vmctx = {};
  std::map<std::string, std::unique_ptr<wasmaot_funcref>> Functions;
  std::map<std::string, Extern> Others;
};

} // namespace wasmaot::runtime
