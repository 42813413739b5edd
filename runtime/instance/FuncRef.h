//===- instance/FuncRef.h - Making wasmaot_funcrefs ------------------------===//
#pragma once

#include "wasmaot/abi.h"

namespace wasmaot::runtime {

/// A function reference with every other byte zero: on 32-bit targets the
/// high halves of its pointers (abi.h).
inline wasmaot_funcref makeFuncRef(void *Code, wasmaot_vmctx *Vmctx, uint32_t TypeId,
                                   uint32_t Flags = 0) {
  wasmaot_funcref Ref{};
  Ref.code = Code;
  Ref.vmctx = Vmctx;
  Ref.type_id = TypeId;
  Ref.flags = Flags;
  return Ref;
}

} // namespace wasmaot::runtime
