//===- lowering/bounds/BoundsCheck.h - Linear-memory access strategies -----===//
//
// How a wasm memory access becomes a native address. One interface, chosen
// per memory (abi.h's wasmaot_memory_bounds_checks, from the target's
// strategy and the memory's type):
//   guard     the runtime reserves the 4 GiB index space plus a guard region,
//             so base + index + offset is always inside the reservation and
//             an out-of-bounds access faults; no check is emitted. For
//             memories of 64 KiB pages, 32-bit ones and 64-bit ones of at
//             most 4 GiB, whose index is clamped to 4 GiB first.
//   explicit  every access compares index + offset + size with the current
//             memory size and traps when it does not fit; 64-bit indexes
//             also trap when the sum wraps.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "wasmaot/abi.h"

#include "llvm/IR/IRBuilder.h"

#include <memory>

namespace wasmaot::lowering {

class FunctionLowering;

class BoundsCheck {
public:
  virtual ~BoundsCheck() = default;

  /// The native address of an access of Size bytes at Index (i32 or i64)
  /// + Offset in memory Memory.
  virtual llvm::Value *address(FunctionLowering &FL, uint32_t Memory, llvm::Value *Index,
                               uint64_t Offset, unsigned Size) = 0;

  /// Whether loads and stores must be volatile. Under guard pages the fault
  /// is the check, and LLVM assumes no access faults: it would delete a load
  /// whose value is unused, and merge, widen or reorder stores (a byte-store
  /// loop becomes a memset that writes its end first, a word loop becomes
  /// vector stores), so a trap in the middle of a loop would leave stores
  /// before it undone, which an embedder sees in memory after the trap.
  /// Volatile accesses happen one by one, in program order.
  virtual bool accessesMustStay() const = 0;

  static std::unique_ptr<BoundsCheck> create(wasmaot_bounds_checks Strategy);

  /// Metadata on the compare of each explicit check (`access end > memory
  /// size`), by which loop versioning finds the checks it may remove.
  static constexpr llvm::StringLiteral CheckMetadata = "wasmaot.bounds.check";
};

} // namespace wasmaot::lowering
