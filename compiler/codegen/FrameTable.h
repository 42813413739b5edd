//===- codegen/FrameTable.h - The frame table of an emitted object ---------===//
//
// Turns what FrameRecorder recorded while an object was emitted, and the row
// offsets it left in the object, into the artifact's frame table
// (runtime/module/FrameTable.h): for each code address of each wasm
// function, the wasm frames it stands for, inlined ones included.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "codegen/FrameRecorder.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

/// The encoded frame table of Object, a relocatable ELF object emitted with
/// recordFrames into Rows.
llvm::Expected<std::vector<uint8_t>> buildFrameTable(llvm::ArrayRef<char> Object,
                                                     const FrameRows &Rows);

} // namespace wasmaot
