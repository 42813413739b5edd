//===- target/TargetDesc.cpp -----------------------------------------------===//
#include "target/TargetDesc.h"

#include "module/CpuFeatureTables.h"
#include "support/Error.h"
#include "target/Targets.h"

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

/// The features the runtime of T's architecture can check on the machine
/// that runs an artifact (module/CpuFeatureTables.h): the vocabulary of
/// TargetDesc features. Host detection reports a subset of it.
std::vector<std::string> featureVocabulary(const TargetInfo &T) {
  std::vector<std::string> Names;
  for (std::string_view Name : runtime::cpuFeatureVocabulary(T.Arch))
    Names.emplace_back(Name);
  std::sort(Names.begin(), Names.end());
  return Names;
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
                                              llvm::ArrayRef<std::string> Known) {
  llvm::SmallVector<llvm::StringRef, 16> Items;
  FS.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::string Normalized;
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (!Item.startswith("+") && !Item.startswith("-"))
      return codegenError("CPU feature '" + Item + "' must start with '+' or '-'");
    if (!std::binary_search(Known.begin(), Known.end(), Item.drop_front().str()))
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

// The LLVM targets of the architectures in target/Targets.h.
#define WASMAOT_LLVM_TARGETS(X) X(X86) X(AArch64) X(RISCV) X(ARM)
#define WASMAOT_DECLARE_TARGET(Name)                                                         \
  extern "C" void LLVMInitialize##Name##TargetInfo();                                         \
  extern "C" void LLVMInitialize##Name##Target();                                             \
  extern "C" void LLVMInitialize##Name##TargetMC();                                           \
  extern "C" void LLVMInitialize##Name##AsmPrinter();                                         \
  extern "C" void LLVMInitialize##Name##AsmParser();
WASMAOT_LLVM_TARGETS(WASMAOT_DECLARE_TARGET)
#undef WASMAOT_DECLARE_TARGET

void wasmaot::initializeTargets() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    // The parsers too: without one, inline assembly in a module is a fatal
    // error in the object streamer instead of a diagnostic.
#define WASMAOT_INITIALIZE_TARGET(Name)                                                      \
  LLVMInitialize##Name##TargetInfo();                                                         \
  LLVMInitialize##Name##Target();                                                             \
  LLVMInitialize##Name##TargetMC();                                                           \
  LLVMInitialize##Name##AsmPrinter();                                                         \
  LLVMInitialize##Name##AsmParser();
    WASMAOT_LLVM_TARGETS(WASMAOT_INITIALIZE_TARGET)
#undef WASMAOT_INITIALIZE_TARGET
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

llvm::Expected<TargetDesc> TargetDesc::create(llvm::StringRef TripleName, llvm::StringRef CpuName,
                                              llvm::StringRef ExtraFeatures) {
  initializeTargets();

  const TargetInfo *Info = TripleName.empty() ? &hostTarget() : findTarget(TripleName);
  if (!Info) {
    std::string Known;
    for (const TargetInfo &T : allTargets())
      Known += (Known.empty() ? "" : ", ") + std::string(T.Triple);
    return makeError(ErrorKind::Unsupported, WasmError::NoOffset,
                     "target '" + TripleName + "' is not supported; the targets are " + Known);
  }
  std::string Canonical(Info->Triple);
  if (CpuName == NativeCpu && !isHostTarget(*Info))
    return makeError(ErrorKind::Unsupported, WasmError::NoOffset,
                     "--cpu native names this machine's CPU, which cannot run code for " +
                         Canonical + ": name a CPU of the target, or leave --cpu out for its "
                                     "portable baseline");
  llvm::Triple T(llvm::Triple::normalize(Canonical));

  std::string LookupError;
  const llvm::Target *Target = llvm::TargetRegistry::lookupTarget(T.str(), LookupError);
  if (!Target)
    return codegenError("no LLVM target for '" + T.str() + "': " + LookupError);

  std::vector<std::string> Vocabulary = featureVocabulary(*Info);
  TargetDesc Desc;
  Desc.TheTarget = Target;
  Desc.TheTriple = T;
  Desc.AbiName = std::string(Info->AbiName);
  Desc.CodegenFeatures = std::string(Info->CodegenFeatures);
  Desc.GuardPages = Info->GuardPages;
  Desc.Info = Info;
  if (CpuName.empty()) {
    Desc.Cpu = std::string(Info->BaselineCpu);
    Desc.Features = std::string(Info->BaselineFeatures);
  } else if (CpuName == NativeCpu) {
    Desc.Cpu = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> HostFeatures;
    llvm::sys::getHostCPUFeatures(HostFeatures);
    Desc.Features = nativeFeatureString(HostFeatures);
  } else {
    // A named CPU keeps the baseline's extensions: a RISC-V CPU name alone
    // implies none, and the runtime is built for them.
    Desc.Cpu = CpuName.str();
    Desc.Features = std::string(Info->BaselineFeatures);
  }

  std::unique_ptr<llvm::MCSubtargetInfo> Plain(Target->createMCSubtargetInfo(T.str(), "", ""));
  if (!Plain)
    return codegenError("no subtarget information for '" + T.str() + "'");
  if (!Plain->isCPUStringValid(Desc.Cpu))
    return codegenError("unknown CPU '" + Desc.Cpu + "' for target '" + T.str() + "'");

  llvm::Expected<std::string> Extra = normalizeFeatures(ExtraFeatures, Vocabulary);
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
  for (const std::string &Name : Vocabulary)
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
  if (TheTriple.isX86() && Cpu == hostTarget().BaselineCpu)
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
  Options.MCOptions.ABIName = AbiName;
  std::string AllFeatures = Features;
  if (!CodegenFeatures.empty())
    AllFeatures += (AllFeatures.empty() ? "" : ",") + CodegenFeatures;
  std::unique_ptr<llvm::TargetMachine> TM(TheTarget->createTargetMachine(
      TheTriple.str(), Cpu, AllFeatures, Options, llvm::Reloc::PIC_, std::nullopt, *Level));
  if (!TM)
    return codegenError("LLVM could not create a target machine for '" + TheTriple.str() + "'");
  return TM;
}
