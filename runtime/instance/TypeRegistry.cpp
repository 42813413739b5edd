//===- instance/TypeRegistry.cpp - Canonical function type ids -------------===//
#include "instance/TypeRegistry.h"

#include <map>
#include <mutex>
#include <string>

namespace wasmaot::runtime {

uint32_t canonicalTypeId(const FuncSig &Sig) {
  static std::mutex Lock;
  static std::map<std::string, uint32_t> Ids;
  // Params, a separator that is no type code, results.
  std::string Key(Sig.Params.begin(), Sig.Params.end());
  Key.push_back('\0');
  Key.append(Sig.Results.begin(), Sig.Results.end());
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, Inserted] = Ids.try_emplace(std::move(Key), static_cast<uint32_t>(Ids.size() + 1));
  return It->second;
}

} // namespace wasmaot::runtime
