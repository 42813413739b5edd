//===- launch/ExeConfig.cpp ------------------------------------------------===//
#include "launch/ExeConfig.h"

#include <cstdlib>
#include <cstring>

namespace wasmaot::runtime {

namespace {

// Fields are NUL-terminated strings: "dir", HOST, GUEST or "env", ENTRY or
// "trap-unknown-imports" or "max-wasm-stack", BYTES or "max-memory", BYTES
// or "timeout-ms", MILLISECONDS (decimal).
void add(std::vector<uint8_t> &Out, const std::string &S) {
  Out.insert(Out.end(), S.begin(), S.end());
  Out.push_back(0);
}

} // namespace

std::vector<uint8_t> ExeConfig::serialize() const {
  std::vector<uint8_t> Out;
  for (const wasi::Preopen &D : Dirs) {
    add(Out, "dir");
    add(Out, D.HostPath);
    add(Out, D.GuestPath);
  }
  for (const std::string &E : Env) {
    add(Out, "env");
    add(Out, E);
  }
  if (TrapUnknownImports)
    add(Out, "trap-unknown-imports");
  if (MaxWasmStack) {
    add(Out, "max-wasm-stack");
    add(Out, std::to_string(MaxWasmStack));
  }
  if (MaxMemory) {
    add(Out, "max-memory");
    add(Out, std::to_string(MaxMemory));
  }
  if (TimeoutMs) {
    add(Out, "timeout-ms");
    add(Out, std::to_string(TimeoutMs));
  }
  return Out;
}

Result<ExeConfig> ExeConfig::parse(std::span<const uint8_t> Bytes) {
  std::vector<std::string> Fields;
  size_t Start = 0;
  for (size_t K = 0; K < Bytes.size(); ++K) {
    if (Bytes[K] != 0)
      continue;
    Fields.emplace_back(reinterpret_cast<const char *>(Bytes.data()) + Start, K - Start);
    Start = K + 1;
  }
  if (Start != Bytes.size())
    return Error("executable configuration is truncated");
  ExeConfig C;
  for (size_t K = 0; K < Fields.size();) {
    if (Fields[K] == "dir" && K + 2 < Fields.size()) {
      C.Dirs.push_back({Fields[K + 1], Fields[K + 2]});
      K += 3;
    } else if (Fields[K] == "env" && K + 1 < Fields.size()) {
      C.Env.push_back(Fields[K + 1]);
      K += 2;
    } else if (Fields[K] == "trap-unknown-imports") {
      C.TrapUnknownImports = true;
      K += 1;
    } else if ((Fields[K] == "max-wasm-stack" || Fields[K] == "max-memory" ||
                Fields[K] == "timeout-ms") &&
               K + 1 < Fields.size()) {
      char *End = nullptr;
      uint64_t Value = std::strtoull(Fields[K + 1].c_str(), &End, 10);
      if (Fields[K + 1].empty() || *End)
        return Error("executable configuration is malformed");
      (Fields[K] == "max-memory"   ? C.MaxMemory
       : Fields[K] == "timeout-ms" ? C.TimeoutMs
                                   : C.MaxWasmStack) = Value;
      K += 2;
    } else {
      return Error("executable configuration is malformed");
    }
  }
  return C;
}

std::vector<std::string> ExeConfig::resolveEnv() const {
  std::vector<std::string> Out;
  for (const std::string &E : Env) {
    if (E.find('=') != std::string::npos) {
      Out.push_back(E);
      continue;
    }
    if (const char *Value = std::getenv(E.c_str()))
      Out.push_back(E + "=" + Value);
  }
  return Out;
}

wasi::Preopen parseDirFlag(const std::string &Flag) {
  size_t Sep = Flag.find("::");
  if (Sep == std::string::npos)
    return {Flag, Flag};
  return {Flag.substr(0, Sep), Flag.substr(Sep + 2)};
}

} // namespace wasmaot::runtime
