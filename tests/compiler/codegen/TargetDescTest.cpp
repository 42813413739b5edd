//===- tests/compiler/codegen/TargetDescTest.cpp ---------------------------===//
//
// The target description: the targets of the table, their portable baseline
// CPUs, the native CPU, and the stable list of enabled features artifacts
// will record.
//
//===----------------------------------------------------------------------===//
#include "CodegenTestSupport.h"

#include "module/CpuFeatureTables.h"
#include "module/HostCpu.h"
#include "target/TargetDesc.h"
#include "target/Targets.h"

#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Target/TargetMachine.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

llvm::Triple hostTriple() { return llvm::Triple(llvm::sys::getProcessTriple()); }

} // namespace

TEST_CASE("the default target is the host with its baseline CPU", "[target]") {
  TargetDesc Desc = valueOf(TargetDesc::create());
  CHECK(Desc.triple().getArch() == hostTriple().getArch());
  CHECK(Desc.triple().getOS() == hostTriple().getOS());
  CHECK(Desc.cpu() == std::string(hostTarget().BaselineCpu));
  CHECK(Desc.featureString().empty());
  CHECK(std::is_sorted(Desc.enabledFeatures().begin(), Desc.enabledFeatures().end()));
}

TEST_CASE("the x86-64 baseline is x86-64-v2: SSE4.2 but no AVX", "[target]") {
  if (hostTriple().getArch() != llvm::Triple::x86_64) {
    WARN("skipped: the host is not x86-64");
    return;
  }
  TargetDesc Desc = valueOf(TargetDesc::create("x86_64-pc-linux-gnu"));
  CHECK(Desc.cpu() == "x86-64-v2");
  for (const char *Feature : {"sse4.2", "sse4.1", "ssse3", "popcnt", "cx16", "sahf", "sse2"})
    CHECK(Desc.hasFeature(Feature));
  for (const char *Feature : {"avx", "avx2", "avx512f", "bmi", "fma", "lzcnt", "movbe"})
    CHECK_FALSE(Desc.hasFeature(Feature));

  std::string List = Desc.enabledFeatureList();
  INFO("features: " << List);
  CHECK(("," + List + ",").find(",+sse4.2,") != std::string::npos);
  CHECK(List.find("+avx2") == std::string::npos);
  // The list is what artifacts record: the same every time.
  CHECK(valueOf(TargetDesc::create("x86_64-pc-linux-gnu")).enabledFeatureList() == List);
}

TEST_CASE("extra features are applied with what they imply", "[target]") {
  if (hostTriple().getArch() != llvm::Triple::x86_64) {
    WARN("skipped: the host is not x86-64");
    return;
  }
  TargetDesc Desc = valueOf(TargetDesc::create("", "", "+avx2"));
  CHECK(Desc.cpu() == "x86-64-v2");
  CHECK(Desc.featureString() == "+avx2");
  CHECK(Desc.hasFeature("avx2"));
  CHECK(Desc.hasFeature("avx"));

  CHECK(valueOf(TargetDesc::create("", "", " +avx2 , +bmi ")).featureString() == "+avx2,+bmi");

  TargetDesc Without = valueOf(TargetDesc::create("", "", "-sse4.2"));
  CHECK_FALSE(Without.hasFeature("sse4.2"));
  CHECK(Without.hasFeature("sse4.1"));
}

TEST_CASE("native targets this machine's CPU and features", "[target]") {
  TargetDesc Desc = valueOf(TargetDesc::create("", TargetDesc::NativeCpu));
  CHECK(Desc.cpu() == llvm::sys::getHostCPUName().str());
  llvm::StringMap<bool> Host;
  llvm::sys::getHostCPUFeatures(Host);
  for (const auto &Entry : Host) {
    INFO("feature " << Entry.getKey().str());
    CHECK(Desc.hasFeature(Entry.getKey()) == Entry.getValue());
  }
}

// --cpu native records every feature LLVM's host detection reports, and the
// runtime refuses an artifact with a feature it cannot find on the machine:
// a name it does not know would make native code refuse its own machine.
TEST_CASE("the load-time check knows every feature host detection reports", "[target]") {
  llvm::StringMap<bool> Host;
  llvm::sys::getHostCPUFeatures(Host);
  REQUIRE(!Host.empty());
  for (const auto &Entry : Host) {
    INFO("feature " << Entry.getKey().str());
    CHECK(runtime::isKnownCpuFeature(Entry.getKey().str()));
    if (Entry.getValue())
      CHECK(runtime::hostHasCpuFeature(Entry.getKey().str()));
  }
  // Code for this machine's own CPU passes the check that loading does.
  TargetDesc Native = valueOf(TargetDesc::create("", TargetDesc::NativeCpu));
  for (const std::string &Feature : Native.enabledFeatures()) {
    INFO("feature " << Feature);
    CHECK(runtime::hostHasCpuFeature(Feature));
  }
}

TEST_CASE("cross targets get their baselines, and only features their runtime checks",
          "[target]") {
  TargetDesc Arm = valueOf(TargetDesc::create("aarch64-linux-gnu"));
  CHECK(Arm.triple().getArch() == llvm::Triple::aarch64);
  CHECK(Arm.cpu() == "generic");
  CHECK(Arm.enabledFeatureList() == "+fp-armv8,+neon");
  // Vendors and aliases name the same target.
  CHECK(valueOf(TargetDesc::create("arm64-unknown-linux-gnu")).triple() == Arm.triple());

  TargetDesc Riscv = valueOf(TargetDesc::create("riscv64-linux-gnu"));
  CHECK(Riscv.triple().getArch() == llvm::Triple::riscv64);
  // RV64GC, with the hard-float ABI of Debian's libraries.
  CHECK(Riscv.enabledFeatureList() == "+a,+c,+d,+f,+m");
  auto TM = valueOf(Riscv.createTargetMachine(2));
  CHECK(TM->Options.MCOptions.getABIName() == "lp64d");

  // 32-bit targets: Debian's armhf baseline without NEON, and SSE2 (not
  // x87) arithmetic on i686; neither can have guard pages.
  TargetDesc Arm32 = valueOf(TargetDesc::create("armv7-linux-gnueabihf"));
  CHECK(Arm32.triple().getArch() == llvm::Triple::arm);
  CHECK(Arm32.enabledFeatureList() == "+vfp2,+vfp3d16");
  CHECK_FALSE(Arm32.hasGuardPages());
  TargetDesc X86 = valueOf(TargetDesc::create("i386-linux-gnu"));
  CHECK(X86.triple().getArch() == llvm::Triple::x86);
  CHECK(X86.cpu() == "pentium4");
  CHECK(X86.hasFeature("sse2"));
  CHECK_FALSE(X86.hasFeature("64bit"));
  CHECK_FALSE(X86.hasGuardPages());
  CHECK(Arm.hasGuardPages());

  // A named CPU gains its features; a feature the runtime cannot check is
  // refused, as it would refuse the artifact.
  TargetDesc Lse = valueOf(TargetDesc::create("aarch64-linux-gnu", "", "+lse"));
  CHECK(Lse.hasFeature("lse"));
  ErrorFields E = takeError(TargetDesc::create("aarch64-linux-gnu", "", "+avx2"));
  CHECK_THAT(E.Text, Catch::Contains("unknown CPU feature 'avx2'"));
}

// A name LLVM does not know would be a feature no artifact ever enables, and
// one the loader checks for nothing.
TEST_CASE("every feature the runtimes check is one LLVM knows for the target", "[target]") {
  initializeTargets();
  for (const TargetInfo &T : allTargets()) {
    llvm::Triple Triple(llvm::Triple::normalize(std::string(T.Triple)));
    std::string Error;
    const llvm::Target *Target = llvm::TargetRegistry::lookupTarget(Triple.str(), Error);
    REQUIRE(Target);
    std::span<const std::string_view> Vocabulary = runtime::cpuFeatureVocabulary(T.Arch);
    CHECK(!Vocabulary.empty());
    for (std::string_view Name : Vocabulary) {
      INFO(T.Triple << ": feature " << Name);
      // checkFeatures is false for a name the target does not know.
      std::string Flag = "+" + std::string(Name);
      std::unique_ptr<llvm::MCSubtargetInfo> Info(
          Target->createMCSubtargetInfo(Triple.str(), std::string(T.BaselineCpu), Flag));
      REQUIRE(Info);
      CHECK(Info->checkFeatures(Flag));
    }
  }
}

TEST_CASE("unknown targets and --cpu native for another machine are refused", "[target]") {
  ErrorFields E = takeError(TargetDesc::create("mips-linux-gnu"));
  CHECK(E.Kind == ErrorKind::Unsupported);
  CHECK_THAT(E.Text, Catch::Contains("mips-linux-gnu") && Catch::Contains("aarch64-linux-gnu"));

  std::string OtherOs = hostTriple().getArchName().str() + "-pc-windows-msvc";
  E = takeError(TargetDesc::create(OtherOs));
  CHECK(E.Kind == ErrorKind::Unsupported);
  CHECK_THAT(E.Text, Catch::Contains("windows") && Catch::Contains("not supported"));

  const char *Other = hostTriple().getArch() == llvm::Triple::x86_64 ? "aarch64-linux-gnu"
                                                                     : "x86_64-linux-gnu";
  E = takeError(TargetDesc::create(Other, TargetDesc::NativeCpu));
  CHECK(E.Kind == ErrorKind::Unsupported);
  CHECK_THAT(E.Text, Catch::Contains("--cpu native"));
}

TEST_CASE("unknown CPUs and features are errors", "[target]") {
  ErrorFields E = takeError(TargetDesc::create("", "no-such-cpu"));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("unknown CPU 'no-such-cpu'"));

  E = takeError(TargetDesc::create("", "", "+no-such-feature"));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("unknown CPU feature 'no-such-feature'"));

  E = takeError(TargetDesc::create("", "", "sse4.2"));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("must start with '+' or '-'"));
}

TEST_CASE("target machines for each optimization level", "[target]") {
  TargetDesc Desc = valueOf(TargetDesc::create());
  for (unsigned Level = 0; Level <= 3; ++Level) {
    std::unique_ptr<llvm::TargetMachine> TM = valueOf(Desc.createTargetMachine(Level));
    CHECK(TM->getTargetCPU() == Desc.cpu());
    CHECK(TM->isPositionIndependent());
  }
  ErrorFields E = takeError(Desc.createTargetMachine(4));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("optimization level 4"));
}
