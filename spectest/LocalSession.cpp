//===- spectest/LocalSession.cpp -------------------------------------------===//
#include "LocalSession.h"

#include "loader/ArtifactLoader.h"

#include <algorithm>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;

std::optional<InstantiateFailure> LocalSession::instantiate(const std::string &ObjectPath,
                                                           const std::string &Name) {
  auto Module = runtime::loadCompiledModule(ObjectPath);
  if (!Module)
    return InstantiateFailure{InstantiateFailure::Unloadable, Module.error().message()};
  runtime::Instantiation Result = runtime::Instance::instantiate(
      std::move(*Module),
      [&](const std::string &M, const std::string &F) { return resolve(M, F); }, Checks);
  // An instance whose initialization trapped may have written its functions
  // into shared tables: keep it, but do not make it the latest module.
  if (Result.Inst)
    Instances.push_back(std::move(Result.Inst));
  if (Result.Failure) {
    using K = runtime::InstantiationError;
    InstantiateFailure::Kind Kind = Result.Failure->K == K::Unlinkable ? InstantiateFailure::Unlinkable
                                    : Result.Failure->K == K::Trap     ? InstantiateFailure::Trap
                                                                       : InstantiateFailure::Resource;
    return InstantiateFailure{Kind, Result.Failure->Message};
  }
  Latest = Instances.back().get();
  if (!Name.empty())
    Named[Name] = Latest;
  return std::nullopt;
}

std::string LocalSession::registerAs(const std::string &Name, const std::string &As) {
  std::string Error;
  runtime::Instance *Inst = find(Name, Error);
  if (!Inst)
    return Error;
  Registered[As] = Inst;
  return "";
}

runtime::Instance *LocalSession::find(const std::string &Name, std::string &Error) const {
  if (Name.empty()) {
    if (!Latest)
      Error = "no module has been instantiated";
    return Latest;
  }
  auto It = Named.find(Name);
  if (It == Named.end()) {
    Error = "no module named " + Name;
    return nullptr;
  }
  return It->second;
}

std::optional<runtime::Extern> LocalSession::resolve(const std::string &Module,
                                                      const std::string &Field) {
  if (Module == "spectest")
    return Host.exported(Field);
  auto It = Registered.find(Module);
  if (It == Registered.end())
    return std::nullopt;
  return It->second->exported(Field);
}

ActionResult LocalSession::perform(const ActionRequest &A) {
  ActionResult R;
  runtime::Instance *Inst = find(A.Module, R.Error);
  if (!Inst)
    return R;

  if (A.K == ActionRequest::Get) {
    std::optional<runtime::Extern> E = Inst->exported(A.Field);
    if (!E || E->Kind != runtime::ExternKind::Global) {
      R.Error = "no exported global \"" + A.Field + "\"";
      return R;
    }
    TypedSlot Value;
    Value.Type = E->Glob->Type;
    std::memcpy(Value.Value.Bytes, E->Glob->Value, 16);
    R.S = ActionResult::Returned;
    R.Values.push_back(Value);
    return R;
  }

  std::optional<uint32_t> Func = Inst->exportedFunction(A.Field);
  if (!Func) {
    R.Error = "no exported function \"" + A.Field + "\"";
    return R;
  }
  const runtime::ModuleInfo &Info = Inst->module().info();
  const runtime::FuncSig &Sig = Info.Types[Info.FuncTypes[*Func]];
  if (Sig.Params.size() != A.Args.size()) {
    R.Error = "\"" + A.Field + "\" takes " + std::to_string(Sig.Params.size()) +
              " arguments, the script passes " + std::to_string(A.Args.size());
    return R;
  }
  std::vector<runtime::Slot> Slots(std::max<size_t>({Sig.Params.size(), Sig.Results.size(), 1}));
  for (size_t K = 0; K < A.Args.size(); ++K) {
    if (A.Args[K].Type != Sig.Params[K]) {
      R.Error = "argument " + std::to_string(K) + " of \"" + A.Field + "\" has the wrong type";
      return R;
    }
    Slots[K] = A.Args[K].Value;
  }
  R.Trap = Inst->call(*Func, Slots);
  if (R.Trap != WASMAOT_TRAP_NONE) {
    R.S = ActionResult::Trapped;
    return R;
  }
  R.S = ActionResult::Returned;
  for (size_t K = 0; K < Sig.Results.size(); ++K)
    R.Values.push_back(TypedSlot{Sig.Results[K], Slots[K]});
  return R;
}
