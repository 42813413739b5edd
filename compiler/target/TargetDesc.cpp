//===- target/TargetDesc.cpp -----------------------------------------------===//
#include "target/TargetDesc.h"

#include "support/Error.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <mutex>
#include <optional>

using namespace wasmaot;

namespace {

llvm::Error codegenError(const llvm::Twine &Message) {
  return makeError(ErrorKind::Codegen, WasmError::NoOffset, Message);
}

/// The features host detection reports, each with whether this machine has
/// it. Its names are the vocabulary of TargetDesc features: the loader can
/// check exactly these on the machine that runs an artifact.
llvm::StringMap<bool> hostFeatures() {
  llvm::StringMap<bool> Features;
  llvm::sys::getHostCPUFeatures(Features);
  return Features;
}

std::vector<std::string> sortedNames(const llvm::StringMap<bool> &Features) {
  std::vector<std::string> Names;
  for (const auto &Entry : Features)
    Names.push_back(Entry.getKey().str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

/// Every host feature, on or off: a host CPU name can imply features that this
/// particular machine lacks (e.g. AVX turned off by the OS), and the explicit
/// "-feature" entries override those.
std::string nativeFeatureString(const llvm::StringMap<bool> &Host) {
  std::string FS;
  for (const std::string &Name : sortedNames(Host)) {
    if (!FS.empty())
      FS += ',';
    FS += Host.lookup(Name) ? '+' : '-';
    FS += Name;
  }
  return FS;
}

/// Checks a user's "+a,-b" string against the known feature names (LLVM
/// would only print a warning and ignore an unknown one) and drops spaces.
llvm::Expected<std::string> normalizeFeatures(llvm::StringRef FS,
                                              const llvm::StringMap<bool> &Known) {
  llvm::SmallVector<llvm::StringRef, 16> Items;
  FS.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::string Normalized;
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (!Item.startswith("+") && !Item.startswith("-"))
      return codegenError("CPU feature '" + Item + "' must start with '+' or '-'");
    if (!Known.count(Item.drop_front()))
      return codegenError("unknown CPU feature '" + Item.drop_front() + "'");
    if (!Normalized.empty())
      Normalized += ',';
    Normalized += Item.str();
  }
  return Normalized;
}

std::optional<llvm::CodeGenOpt::Level> codeGenOptLevel(unsigned OptLevel) {
  switch (OptLevel) {
  case 0:
    return llvm::CodeGenOpt::None;
  case 1:
    return llvm::CodeGenOpt::Less;
  case 2:
    return llvm::CodeGenOpt::Default;
  case 3:
    return llvm::CodeGenOpt::Aggressive;
  default:
    return std::nullopt;
  }
}

} // namespace

void wasmaot::initializeNativeTarget() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    // Without the parser, inline assembly in a module is a fatal error in the
    // object streamer instead of a diagnostic.
    llvm::InitializeNativeTargetAsmParser();
    // Compiled code has line tables only (lowering/DebugLocations.h), no
    // variables. LLVM's default tracker of variable locations on x86-64
    // (instruction referencing) analyses every register of every function
    // all the same, 4% of an -O2 compile; the other one has nothing to do
    // then. The code is the same either way. Set through the option's own
    // parser, as a command line would.
    if (llvm::cl::Option *Locations =
            llvm::cl::getRegisteredOptions().lookup("experimental-debug-variable-locations"))
      Locations->addOccurrence(0, "experimental-debug-variable-locations", "false");
  });
}

llvm::StringRef TargetDesc::baselineCpu(const llvm::Triple &T) {
  switch (T.getArch()) {
  case llvm::Triple::x86_64:
    // SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF: every x86-64 CPU since ~2009.
    return "x86-64-v2";
  case llvm::Triple::aarch64:
    return "generic";
  default:
    return "";
  }
}

llvm::Expected<TargetDesc> TargetDesc::create(llvm::StringRef TripleName, llvm::StringRef CpuName,
                                              llvm::StringRef ExtraFeatures) {
  initializeNativeTarget();

  llvm::Triple Host(llvm::sys::getProcessTriple());
  llvm::Triple T = TripleName.empty() ? Host : llvm::Triple(llvm::Triple::normalize(TripleName));
  // Only the native target is registered, and artifacts are only loaded where
  // they were built, so anything else would fail later in a less clear way.
  if (T.getArch() != Host.getArch() || T.getOS() != Host.getOS() || !T.isOSBinFormatELF())
    return makeError(ErrorKind::Unsupported, WasmError::NoOffset,
                     "target '" + TripleName + "' is not supported yet: only the host target '" +
                         Host.str() + "' is");
  if (baselineCpu(T).empty())
    return makeError(ErrorKind::Unsupported, WasmError::NoOffset,
                     "architecture '" + T.getArchName() + "' is not supported yet");

  std::string LookupError;
  const llvm::Target *Target = llvm::TargetRegistry::lookupTarget(T.str(), LookupError);
  if (!Target)
    return codegenError("no LLVM target for '" + T.str() + "': " + LookupError);

  llvm::StringMap<bool> HostFeatures = hostFeatures();
  TargetDesc Desc;
  Desc.TheTarget = Target;
  Desc.TheTriple = T;
  if (CpuName.empty()) {
    Desc.Cpu = baselineCpu(T).str();
  } else if (CpuName == NativeCpu) {
    Desc.Cpu = llvm::sys::getHostCPUName().str();
    Desc.Features = nativeFeatureString(HostFeatures);
  } else {
    Desc.Cpu = CpuName.str();
  }

  std::unique_ptr<llvm::MCSubtargetInfo> Plain(Target->createMCSubtargetInfo(T.str(), "", ""));
  if (!Plain)
    return codegenError("no subtarget information for '" + T.str() + "'");
  if (!Plain->isCPUStringValid(Desc.Cpu))
    return codegenError("unknown CPU '" + Desc.Cpu + "' for target '" + T.str() + "'");

  llvm::Expected<std::string> Extra = normalizeFeatures(ExtraFeatures, HostFeatures);
  if (!Extra)
    return Extra.takeError();
  if (!Extra->empty()) {
    if (!Desc.Features.empty())
      Desc.Features += ',';
    Desc.Features += *Extra;
  }

  // The subtarget applies the CPU's features, the feature string and every
  // feature they imply; asking it about each known name gives the closure.
  std::unique_ptr<llvm::MCSubtargetInfo> Subtarget(
      Target->createMCSubtargetInfo(T.str(), Desc.Cpu, Desc.Features));
  if (!Subtarget)
    return codegenError("no subtarget information for '" + T.str() + "'");
  for (const std::string &Name : sortedNames(HostFeatures))
    if (Subtarget->checkFeatures("+" + Name))
      Desc.Enabled.push_back(Name);
  return Desc;
}

bool TargetDesc::hasFeature(llvm::StringRef Name) const {
  return std::binary_search(Enabled.begin(), Enabled.end(), Name.str());
}

std::string TargetDesc::enabledFeatureList() const {
  std::string List;
  for (const std::string &Name : Enabled) {
    if (!List.empty())
      List += ',';
    List += '+';
    List += Name;
  }
  return List;
}

llvm::StringRef TargetDesc::tuneCpu() const {
  if (TheTriple.isX86() && Cpu == baselineCpu(TheTriple))
    return "generic";
  return Cpu;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
TargetDesc::createTargetMachine(unsigned OptLevel) const {
  std::optional<llvm::CodeGenOpt::Level> Level = codeGenOptLevel(OptLevel);
  if (!Level)
    return codegenError("optimization level " + llvm::Twine(OptLevel) + " is not in 0..3");
  llvm::TargetOptions Options;
  // Assembly text (--emit=asm) with comments: loops, spills, and the wasm
  // frames of each instruction (codegen/FrameRecorder.h). Objects are alike.
  Options.MCOptions.AsmVerbose = true;
  std::unique_ptr<llvm::TargetMachine> TM(TheTarget->createTargetMachine(
      TheTriple.str(), Cpu, Features, Options, llvm::Reloc::PIC_, std::nullopt, *Level));
  if (!TM)
    return codegenError("LLVM could not create a target machine for '" + TheTriple.str() + "'");
  return TM;
}
