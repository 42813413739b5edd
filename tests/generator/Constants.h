//===- tests/generator/Constants.h - Constants worth testing ---------------===//
#pragma once

#include "Entropy.h"
#include "ModuleShape.h"
#include "WasmWriter.h"

namespace wasmaot::gen {

/// The instruction pushing a constant of type T (ref.null for references):
/// most often a value where operators change behaviour (zero, signs, limits,
/// powers of two; NaNs, infinities, subnormals and the bounds of conversion
/// to integers), otherwise any bits.
void writeConstant(Entropy &E, WasmWriter &Code, ValType T);

} // namespace wasmaot::gen
