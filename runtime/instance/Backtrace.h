//===- instance/Backtrace.h - Naming the frames of a trap ------------------===//
#pragma once

#include "instance/CompiledModule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::runtime {

/// The names of the wasm functions of Module in a trap's backtrace (see
/// lastTrapBacktrace), innermost first: "$name" from the name section, else
/// "func[N]". Frames of code outside Module end the list.
std::vector<std::string> symbolizeBacktrace(const CompiledModule &Module,
                                            const std::vector<uintptr_t> &Pcs,
                                            bool ExactFirst);

} // namespace wasmaot::runtime
