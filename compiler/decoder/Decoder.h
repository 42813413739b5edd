//===- decoder/Decoder.h - Binary format -> module IR ----------------------===//
#pragma once

#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

/// Decodes a module in the WebAssembly binary format of the Enabled
/// features. Only the binary format's own rules are checked here (malformed
/// errors); validate() checks the module's typing rules. The result does not
/// refer to Bytes.
llvm::Expected<ir::Module> decodeModule(llvm::ArrayRef<uint8_t> Bytes,
                                        const ir::Features &Enabled = ir::Features::wasm3());

} // namespace wasmaot
