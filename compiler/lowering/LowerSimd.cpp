//===- lowering/LowerSimd.cpp - Fixed-width SIMD (0xFD prefix) -------------===//
#include "lowering/FunctionLowering.h"
#include "support/Error.h"

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

llvm::Error FunctionLowering::lowerSimd(const Instruction &I) {
  return makeError(ErrorKind::Unsupported, I.Offset,
                   opcodeName(I.Op) + " cannot be compiled yet");
}
