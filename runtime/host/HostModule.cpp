//===- host/HostModule.cpp -------------------------------------------------===//
#include "host/HostModule.h"
#include "instance/FuncRef.h"
#include "instance/TypeRegistry.h"

namespace wasmaot::runtime {

void HostModule::addFunction(const std::string &Name, const FuncSig &Sig, void *Code) {
  Functions[Name] = std::make_unique<wasmaot_funcref>(
      makeFuncRef(Code, &Vmctx, canonicalTypeId(Sig), WASMAOT_FUNCREF_HOST));
}

std::optional<Extern> HostModule::exported(const std::string &Name) const {
  if (auto F = Functions.find(Name); F != Functions.end()) {
    Extern E;
    E.Kind = ExternKind::Func;
    E.Func = F->second.get();
    return E;
  }
  if (auto O = Others.find(Name); O != Others.end())
    return O->second;
  return std::nullopt;
}

} // namespace wasmaot::runtime
