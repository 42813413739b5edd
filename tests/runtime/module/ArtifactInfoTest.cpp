//===- module/ArtifactInfoTest.cpp - What artifacts record, and the checks -===//
#include "module/ArtifactInfo.h"
#include "module/HostCpu.h"

#include <catch2/catch.hpp>

using namespace wasmaot::runtime;

namespace {

ArtifactInfo hostInfo() {
  ArtifactInfo Info;
  Info.WasmaotVersion = "0.1.0";
  Info.Triple = std::string(hostArchitecture()) + "-pc-linux-gnu";
  Info.Cpu = "x86-64-v2";
  Info.Features = {"sse2", "sse4.2", "popcnt", "cx16"};
  Info.Bounds = WASMAOT_BOUNDS_EXPLICIT;
  Info.WasmFeatures = "simd";
  return Info;
}

} // namespace

TEST_CASE("artifact information survives its text form") {
  ArtifactInfo Info = hostInfo();
  Result<ArtifactInfo> Parsed = ArtifactInfo::parse(Info.serialize());
  REQUIRE(Parsed);
  CHECK(Parsed->WasmaotVersion == "0.1.0");
  CHECK(Parsed->AbiVersion == WASMAOT_ABI_VERSION);
  CHECK(Parsed->Triple == Info.Triple);
  CHECK(Parsed->Cpu == "x86-64-v2");
  CHECK(Parsed->Features == Info.Features);
  CHECK(Parsed->Bounds == WASMAOT_BOUNDS_EXPLICIT);
  CHECK(Parsed->WasmFeatures == "simd");

  CHECK(!ArtifactInfo::parse("wasmaot=0.1.0\nabi=2\n"));
  CHECK(!ArtifactInfo::parse("not a key value line"));
  std::string BadBounds = Info.serialize();
  BadBounds.replace(BadBounds.find("explicit"), 8, "sometimes");
  CHECK(!ArtifactInfo::parse(BadBounds));
}

TEST_CASE("an artifact runs only where its ABI, architecture and CPU features hold") {
  ArtifactInfo Info = hostInfo();
  // The portable baseline: every x86-64 machine this runs on has it.
  CHECK(Info.checkHost());

  ArtifactInfo OtherAbi = Info;
  OtherAbi.AbiVersion = WASMAOT_ABI_VERSION + 1;
  Result<void> R = OtherAbi.checkHost();
  REQUIRE(!R);
  CHECK(R.error().message().find("ABI version") != std::string::npos);

  ArtifactInfo OtherArch = Info;
  OtherArch.Triple = "riscv64-unknown-linux-gnu";
  R = OtherArch.checkHost();
  REQUIRE(!R);
  CHECK(R.error().message().find("riscv64-unknown-linux-gnu") != std::string::npos);

  ArtifactInfo Unknown = Info;
  Unknown.Features.push_back("quantum-entanglement");
  R = Unknown.checkHost();
  REQUIRE(!R);
  CHECK(R.error().message().find("lacks: quantum-entanglement") != std::string::npos);
}

TEST_CASE("CPU features are read from the CPU") {
  CHECK(hostHasCpuFeature("sse2")); // every x86-64 CPU
  CHECK(hostHasCpuFeature("64bit"));
  CHECK(!hostHasCpuFeature("no-such-feature"));
  std::string List = hostCpuFeatureList();
  CHECK(List.find("sse2") != std::string::npos);
  // Every listed feature is one hostHasCpuFeature confirms.
  size_t Start = 0;
  while (Start < List.size()) {
    size_t Comma = List.find(',', Start);
    std::string Name = List.substr(Start, Comma - Start);
    CHECK(hostHasCpuFeature(Name));
    Start = Comma == std::string::npos ? List.size() : Comma + 1;
  }
}
