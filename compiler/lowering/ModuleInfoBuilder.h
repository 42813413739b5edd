//===- lowering/ModuleInfoBuilder.h - Module IR to runtime ModuleInfo ------===//
//
// The runtime instantiates a compiled module from the ModuleInfo serialized
// into its artifact; this builds that ModuleInfo from the module IR.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"
#include "lowering/MemoryImage.h"
#include "module/ModuleInfo.h"

namespace wasmaot::lowering {

/// The runtime's description of a validated module. Its data segments refer
/// to the bytes of WM, which must outlive it. With Image, the active
/// segments' bytes are left to it.
runtime::ModuleInfo buildModuleInfo(const ir::Module &WM, const MemoryImage *Image = nullptr);

} // namespace wasmaot::lowering
