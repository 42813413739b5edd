//===- codegen/FrameTable.h - The frame table of an emitted object ---------===//
//
// Reads the DWARF that lowering's debug locations (lowering/DebugLocations.h)
// became in an emitted object, and turns it into the artifact's frame table
// (runtime/module/FrameTable.h): for each code address of each wasm
// function, the wasm frames it stands for, inlined ones included.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

/// The encoded frame table of Object, a relocatable ELF object.
llvm::Expected<std::vector<uint8_t>> buildFrameTable(llvm::ArrayRef<char> Object);

} // namespace wasmaot
