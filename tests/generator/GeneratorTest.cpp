//===- tests/generator/GeneratorTest.cpp -----------------------------------===//
//
// The generator's promises: a seed names one module, and every module it
// makes (from seeds, from arbitrary fuzzer bytes, from none) is valid.
// Execution of what it makes is the differential test's business.
//
//===----------------------------------------------------------------------===//
#include "ModuleGenerator.h"

#include "decoder/Decoder.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace wasmaot;

namespace {

/// Empty if Wasm decodes and validates, the error otherwise.
std::string checkValid(const std::vector<uint8_t> &Wasm) {
  auto Module = decodeModule(Wasm);
  if (!Module)
    return consumeToString("generated.wasm", Module.takeError());
  if (llvm::Error E = validateModule(*Module))
    return consumeToString("generated.wasm", std::move(E));
  return "";
}

} // namespace

TEST_CASE("a seed names one module") {
  gen::Entropy A(42), B(42), C(43);
  std::vector<uint8_t> First = gen::generateModule(A);
  CHECK(First == gen::generateModule(B));
  CHECK(First != gen::generateModule(C));
}

TEST_CASE("modules from seeds are valid") {
  for (uint64_t Seed = 1; Seed <= 300; ++Seed) {
    gen::Entropy E(Seed);
    INFO("seed " << Seed);
    CHECK(checkValid(gen::generateModule(E)) == "");
  }
}

TEST_CASE("modules without SIMD use no v128") {
  gen::GeneratorOptions Options;
  Options.Simd = false;
  for (uint64_t Seed = 1; Seed <= 50; ++Seed) {
    gen::Entropy E(Seed);
    std::vector<uint8_t> Wasm = gen::generateModule(E, Options);
    INFO("seed " << Seed);
    CHECK(checkValid(Wasm) == "");
    // No v128 anywhere a type is written (0x7B and the 0xFD prefix may
    // occur inside immediates, so the decoded module is what counts).
    auto Module = decodeModule(Wasm);
    REQUIRE(static_cast<bool>(Module));
    auto NoV128 = [](const std::vector<ir::ValType> &Ts) {
      return std::find(Ts.begin(), Ts.end(), ir::ValType::V128) == Ts.end();
    };
    for (const auto &Type : Module->Types)
      CHECK((NoV128(Type.Params) && NoV128(Type.Results)));
    for (const auto &F : Module->Functions)
      CHECK(NoV128(F.Locals));
    for (const auto &G : Module->Globals)
      CHECK(G.Type.Type != ir::ValType::V128);
  }
}

TEST_CASE("modules from fuzzer bytes are valid, even from too few") {
  gen::Entropy Empty(nullptr, 0);
  CHECK(checkValid(gen::generateModule(Empty)) == "");
  for (uint64_t Seed = 1; Seed <= 200; ++Seed) {
    gen::Entropy Bytes(Seed);
    std::vector<uint8_t> Input(Bytes.below(4096));
    for (uint8_t &B : Input)
      B = static_cast<uint8_t>(Bytes.bits());
    gen::Entropy E(Input.data(), Input.size());
    INFO("seed " << Seed << ", " << Input.size() << " bytes");
    CHECK(checkValid(gen::generateModule(E)) == "");
  }
}
