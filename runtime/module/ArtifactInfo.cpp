//===- module/ArtifactInfo.cpp ---------------------------------------------===//
#include "module/ArtifactInfo.h"
#include "module/HostCpu.h"

#include <cstdlib>

namespace wasmaot::runtime {

std::string_view hostArchitecture() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__arm__)
  return "armv7";
#elif defined(__i386__)
  return "i686";
#else
#error "hostArchitecture: name this architecture as LLVM's triples do"
#endif
}

std::string ArtifactInfo::serialize() const {
  std::string Features;
  for (const std::string &F : this->Features)
    Features += (Features.empty() ? "+" : ",+") + F;
  return "wasmaot=" + WasmaotVersion + "\nabi=" + std::to_string(AbiVersion) +
         "\ntriple=" + Triple + "\ncpu=" + Cpu + "\nfeatures=" + Features +
         "\nbounds-checks=" + (Bounds == WASMAOT_BOUNDS_GUARD ? "guard" : "explicit") +
         "\nwasm-features=" + WasmFeatures + "\n";
}

namespace {

/// Splits Text at each Separator (no empty trailing piece).
std::vector<std::string_view> split(std::string_view Text, char Separator) {
  std::vector<std::string_view> Pieces;
  while (!Text.empty()) {
    size_t At = Text.find(Separator);
    Pieces.push_back(Text.substr(0, At));
    if (At == std::string_view::npos)
      break;
    Text.remove_prefix(At + 1);
  }
  return Pieces;
}

} // namespace

// Parsed by hand: std::istringstream would pull the C++ locale machinery into
// every executable and cost its startup time.
Result<ArtifactInfo> ArtifactInfo::parse(std::string_view Text) {
  ArtifactInfo Info;
  unsigned Seen = 0;
  for (std::string_view Line : split(Text, '\n')) {
    size_t Eq = Line.find('=');
    if (Eq == std::string_view::npos)
      return Error("malformed artifact information line '" + std::string(Line) + "'");
    std::string_view Key = Line.substr(0, Eq), Value = Line.substr(Eq + 1);
    ++Seen;
    if (Key == "wasmaot") {
      Info.WasmaotVersion = Value;
    } else if (Key == "abi") {
      Info.AbiVersion = static_cast<uint32_t>(std::strtoul(std::string(Value).c_str(), nullptr, 10));
    } else if (Key == "triple") {
      Info.Triple = Value;
    } else if (Key == "cpu") {
      Info.Cpu = Value;
    } else if (Key == "features") {
      for (std::string_view Item : split(Value, ','))
        if (Item.size() > 1 && Item[0] == '+')
          Info.Features.emplace_back(Item.substr(1));
    } else if (Key == "bounds-checks") {
      if (Value != "guard" && Value != "explicit")
        return Error("unknown bounds-check strategy '" + std::string(Value) + "'");
      Info.Bounds = Value == "guard" ? WASMAOT_BOUNDS_GUARD : WASMAOT_BOUNDS_EXPLICIT;
    } else if (Key == "wasm-features") {
      Info.WasmFeatures = Value;
    } else {
      --Seen; // keys of later versions are ignored
    }
  }
  if (Seen < 7)
    return Error("incomplete artifact information");
  return Info;
}

Result<void> ArtifactInfo::checkHost() const {
  if (AbiVersion != WASMAOT_ABI_VERSION)
    return Error("it was built for runtime ABI version " + std::to_string(AbiVersion) +
                 " (wasmaot " + WasmaotVersion + "), this runtime has version " +
                 std::to_string(WASMAOT_ABI_VERSION));
  std::string_view Arch = hostArchitecture();
  if (Triple.substr(0, Triple.find('-')) != Arch)
    return Error("it was built for " + Triple + ", this machine is " + std::string(Arch));
  std::string Missing;
  for (const std::string &F : Features) {
    if (hostHasCpuFeature(F))
      continue;
    Missing += (Missing.empty() ? "" : ", ") + F;
  }
  if (!Missing.empty())
    return Error("it was built for CPU " + Cpu + " and uses features this CPU lacks: " +
                 Missing + " (recompile it here, or with the default portable --cpu)");
  return {};
}

} // namespace wasmaot::runtime
