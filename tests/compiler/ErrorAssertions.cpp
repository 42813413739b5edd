//===- tests/compiler/ErrorAssertions.cpp ----------------------------------===//
#include "ErrorAssertions.h"

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
        Fields = {W.kind(), W.offset(), W.text(), W.context(), W.line(), W.column()};
      },
      [&](const llvm::ErrorInfoBase &Info) { Other = Info.message(); });
  if (!SawWasmError) {
    FAIL("expected a WasmError, got: " << Other);
  }
  return Fields;
}

void test::requireOk(llvm::Error E) {
  if (E) {
    FAIL("unexpected error: " << consumeToString("", std::move(E)));
  }
}
