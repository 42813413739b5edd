//===- tests/compiler/TestHelpers.cpp --------------------------------------===//
#include "TestHelpers.h"

using namespace wasmaot;
using namespace wasmaot::test;

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
