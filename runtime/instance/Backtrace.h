//===- instance/Backtrace.h - Naming the frames of a trap ------------------===//
#pragma once

#include "instance/CompiledModule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::runtime {

/// The names of the wasm functions of Module in a trap's backtrace (see
/// lastTrapBacktrace), innermost first: "$name" from the name section, else
/// "func[N] (export \"name\")" or "func[N]". A native frame into which
/// LLVM inlined calls gives a name for each wasm frame it holds (from the
/// module's frame table). With Details, each name is followed by the byte
/// offset of its instruction in the module (", at 0x1a3") and, for inlined
/// frames, ", inlined". Frames of code outside Module end the list.
std::vector<std::string> symbolizeBacktrace(const CompiledModule &Module,
                                            const std::vector<uintptr_t> &Pcs,
                                            bool ExactFirst, bool Details = false);

} // namespace wasmaot::runtime
