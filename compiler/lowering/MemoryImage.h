//===- lowering/MemoryImage.h - Memory 0's initial contents as one image ---===//
//
// A module's active data segments are applied at every instantiation. For a
// program with a 20 MB data segment, copying it costs more than everything
// else a warm start does. When the result is known at compile time, the
// artifact carries it instead: the initial contents of memory 0 as one
// page-aligned image (the symbol wasmaot_memory_image), which the runtime
// maps copy-on-write from the artifact's file into the new memory (or
// copies, where it cannot map). Pages the program never touches are never
// read, and pages it only reads are shared with every other instance.
//
// The result is known when memory 0 is defined by the module (an imported
// one has contents of its own) and every active data segment writes memory
// 0 at an i32.const offset, inside its initial size: then no segment traps,
// and applying them in order gives the image. A sparse image (segments far
// apart) is not worth its file size, and a module without data needs none.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace wasmaot::lowering {

/// The alignment of the image in the artifact and in memory, and the unit of
/// its size: the host page, so that it can be mapped.
inline constexpr uint64_t MemoryImageAlign = 4096;

struct MemoryImage {
  uint64_t Offset = 0; // where it goes in memory 0; a multiple of MemoryImageAlign
  std::vector<uint8_t> Bytes; // a multiple of MemoryImageAlign
};

/// Memory 0's image for WM, if the module qualifies (see above).
std::optional<MemoryImage> buildMemoryImage(const ir::Module &WM);

} // namespace wasmaot::lowering
