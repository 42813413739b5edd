//===- tests/fuzz/DecodeFuzzer.cpp - libFuzzer target: decode and validate -===//
//
// Arbitrary bytes through the frontend: the binary decoder, then the
// validator for what decodes, then the formatting of the error. Nothing may
// crash, hang, leak or trip a sanitizer; every input is either a valid module
// or an error value. Seeded with the spec testsuite's modules (RunFuzzer.sh).
//
//===----------------------------------------------------------------------===//
#include "decoder/Decoder.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Module = wasmaot::decodeModule(llvm::ArrayRef<uint8_t>(Data, Size));
  if (!Module) {
    (void)wasmaot::consumeToString("fuzz.wasm", Module.takeError());
    return 0;
  }
  if (llvm::Error E = wasmaot::validateModule(*Module))
    (void)wasmaot::consumeToString("fuzz.wasm", std::move(E));
  return 0;
}
