//===- instance/TypeRegistry.cpp - Canonical function type ids -------------===//
#include "instance/TypeRegistry.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace wasmaot::runtime {

namespace {

std::mutex Lock;
std::map<std::string, uint32_t> Ids;
std::vector<const std::string *> KeysById{nullptr}; // ids start at 1

} // namespace

uint32_t canonicalTypeId(const FuncSig &Sig) {
  // Params, a separator that is no type code, results.
  std::string Key(Sig.Params.begin(), Sig.Params.end());
  Key.push_back('\0');
  Key.append(Sig.Results.begin(), Sig.Results.end());
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, Inserted] = Ids.try_emplace(std::move(Key), static_cast<uint32_t>(Ids.size() + 1));
  if (Inserted)
    KeysById.push_back(&It->first);
  return It->second;
}

std::optional<FuncSig> canonicalType(uint32_t Id) {
  std::lock_guard<std::mutex> Guard(Lock);
  if (Id == 0 || Id >= KeysById.size())
    return std::nullopt;
  const std::string &Key = *KeysById[Id];
  size_t Separator = Key.find('\0');
  FuncSig Sig;
  Sig.Params.assign(Key.begin(), Key.begin() + long(Separator));
  Sig.Results.assign(Key.begin() + long(Separator) + 1, Key.end());
  return Sig;
}

} // namespace wasmaot::runtime
