//===- tests/compiler/TestHelpers.cpp --------------------------------------===//
#include "TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;

ErrorFields test::takeError(llvm::Error E) {
  if (!E) {
    FAIL("expected an error, but the operation succeeded");
  }
  ErrorFields Fields;
  bool SawWasmError = false;
  std::string Other;
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        SawWasmError = true;
        Fields = {W.kind(), W.offset(), W.text(), W.context()};
      },
      [&](const llvm::ErrorInfoBase &Info) { Other = Info.message(); });
  if (!SawWasmError) {
    FAIL("expected a WasmError, got: " << Other);
  }
  return Fields;
}

ErrorFields test::decodeError(const Bytes &B) { return takeError(decodeModule(B)); }

ir::Module test::decodeOk(const Bytes &B) {
  auto M = decodeModule(B);
  if (!M) {
    FAIL("decoding failed: " << consumeToString("", M.takeError()));
  }
  return std::move(*M);
}

ErrorFields test::validationError(const Bytes &B) {
  ir::Module M = decodeOk(B);
  return takeError(validateModule(M));
}

std::string test::check(const Bytes &B) {
  auto M = decodeModule(B);
  if (!M)
    return consumeToString("", M.takeError());
  if (auto E = validateModule(*M))
    return consumeToString("", std::move(E));
  return "ok";
}
