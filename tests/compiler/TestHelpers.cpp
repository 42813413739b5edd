//===- tests/compiler/TestHelpers.cpp --------------------------------------===//
#include "TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;

ErrorFields test::decodeError(const Bytes &B, const ir::Features &Features) {
  return takeError(decodeModule(B, Features));
}

ir::Module test::decodeOk(const Bytes &B, const ir::Features &Features) {
  auto M = decodeModule(B, Features);
  if (!M) {
    FAIL("decoding failed: " << consumeToString("", M.takeError()));
  }
  return std::move(*M);
}

ErrorFields test::validationError(const Bytes &B, const ir::Features &Features) {
  ir::Module M = decodeOk(B, Features);
  return takeError(validateModule(M, Features));
}

std::string test::check(const Bytes &B, const ir::Features &Features) {
  auto M = decodeModule(B, Features);
  if (!M)
    return consumeToString("", M.takeError());
  if (auto E = validateModule(*M, Features))
    return consumeToString("", std::move(E));
  return "ok";
}
