//===- service/CompilerRequest.cpp -----------------------------------------===//

#include "service/CompilerRequest.h"

#include "support/Hex.h"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace wasmaot::service {

namespace {

constexpr const char *EmitNames[] = {"exe", "shared", "obj", "llvm-ir", "asm"};

runtime::Result<std::vector<uint8_t>> fromHex(const std::string &Hex) {
  std::vector<uint8_t> Bytes(Hex.size() / 2);
  if (Hex.size() % 2)
    return runtime::Error("odd number of hex digits");
  if (!runtime::fromHex(Hex, Bytes.data()))
    return runtime::Error("not a hex digit in '" + Hex + "'");
  return Bytes;
}

} // namespace

std::vector<std::string> toArguments(const Request &R) {
  std::vector<std::string> Args = {
      R.InputName,
      "--emit",
      EmitNames[static_cast<size_t>(R.Kind)],
      "--output",
      R.Output,
      "--opt",
      std::to_string(R.OptLevel),
      "--bounds-checks",
      R.Bounds == WASMAOT_BOUNDS_EXPLICIT ? "explicit" : "guard",
  };
  if (!R.Features.empty())
    Args.insert(Args.end(), {"--wasm-features", R.Features});
  if (!R.Triple.empty())
    Args.insert(Args.end(), {"--target", R.Triple});
  if (!R.Cpu.empty())
    Args.insert(Args.end(), {"--cpu", R.Cpu});
  if (!R.ExeConfig.empty())
    Args.insert(Args.end(), {"--exe-config", runtime::toHex(R.ExeConfig)});
  for (const std::string &Input : R.LinkInputs)
    Args.insert(Args.end(), {"--link", Input});
  if (!R.CRuntime.empty())
    Args.insert(Args.end(), {"--c-runtime", R.CRuntime});
  if (R.TrapUnknownImports)
    Args.insert(Args.end(), {"--unknown-imports", "trap"});
  if (R.Verbose)
    Args.insert(Args.end(), {"--verbose", "yes"});
  if (R.Interruptible)
    Args.insert(Args.end(), {"--interruptible", "yes"});
  if (R.Jobs)
    Args.insert(Args.end(), {"--jobs", std::to_string(R.Jobs)});
  if (R.Progress)
    Args.insert(Args.end(), {"--progress", "yes"});
  return Args;
}

runtime::Result<Request> requestFromArguments(std::span<const std::string> Args) {
  if (Args.empty())
    return runtime::Error("no module name");
  Request R;
  R.InputName = Args[0];
  bool HasEmit = false, HasOutput = false;
  for (size_t I = 1; I < Args.size(); I += 2) {
    const std::string &Option = Args[I];
    if (I + 1 == Args.size())
      return runtime::Error("'" + Option + "' needs a value");
    const std::string &Value = Args[I + 1];
    if (Option == "--emit") {
      auto Name = std::find(std::begin(EmitNames), std::end(EmitNames), Value);
      if (Name == std::end(EmitNames))
        return runtime::Error("unknown output kind '" + Value + "'");
      R.Kind = static_cast<Emit>(Name - std::begin(EmitNames));
      HasEmit = true;
    } else if (Option == "--output") {
      R.Output = Value;
      HasOutput = true;
    } else if (Option == "--opt") {
      auto [End, Ec] = std::from_chars(Value.data(), Value.data() + Value.size(), R.OptLevel);
      if (Ec != std::errc() || End != Value.data() + Value.size() || R.OptLevel > 3)
        return runtime::Error("bad optimization level '" + Value + "'");
    } else if (Option == "--bounds-checks") {
      if (Value != "guard" && Value != "explicit")
        return runtime::Error("unknown bounds-check strategy '" + Value + "'");
      R.Bounds = Value == "guard" ? WASMAOT_BOUNDS_GUARD : WASMAOT_BOUNDS_EXPLICIT;
    } else if (Option == "--wasm-features") {
      R.Features = Value;
    } else if (Option == "--target") {
      R.Triple = Value;
    } else if (Option == "--cpu") {
      R.Cpu = Value;
    } else if (Option == "--exe-config") {
      runtime::Result<std::vector<uint8_t>> Bytes = fromHex(Value);
      if (!Bytes)
        return runtime::Error("bad --exe-config: " + Bytes.error().message());
      R.ExeConfig = std::move(*Bytes);
    } else if (Option == "--link") {
      R.LinkInputs.push_back(Value);
    } else if (Option == "--c-runtime") {
      R.CRuntime = Value;
    } else if (Option == "--unknown-imports") {
      if (Value != "trap" && Value != "refuse")
        return runtime::Error("bad --unknown-imports '" + Value + "'");
      R.TrapUnknownImports = Value == "trap";
    } else if (Option == "--jobs") {
      auto [End, Ec] = std::from_chars(Value.data(), Value.data() + Value.size(), R.Jobs);
      if (Ec != std::errc() || End != Value.data() + Value.size())
        return runtime::Error("bad number of jobs '" + Value + "'");
    } else if (Option == "--verbose" || Option == "--interruptible" || Option == "--progress") {
      if (Value != "yes" && Value != "no")
        return runtime::Error("bad " + Option + " '" + Value + "'");
      bool &Flag = Option == "--verbose"         ? R.Verbose
                   : Option == "--interruptible" ? R.Interruptible
                                                 : R.Progress;
      Flag = Value == "yes";
    } else {
      return runtime::Error("unknown option '" + Option + "'");
    }
  }
  if (!HasEmit || !HasOutput)
    return runtime::Error("--emit and --output are required");
  return R;
}

} // namespace wasmaot::service
