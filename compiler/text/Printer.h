//===- text/Printer.h - Module IR back to the text format -------------------===//
//
// The inverse of the text front end, as `wasm-tools print` is: a decoded
// module printed as one `(module ...)` in the flat text format, fields in
// index order, every index numeric, function names (from the name section)
// as `$"..."` identifiers. Assembling the text gives back the same module:
// parse(print(m)) == m, which `wasmaot-spectest --round-trip` checks for
// every module of the testsuites. Custom sections other than `name` are not
// printed (the module IR keeps only where they were).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Module.h"

#include <string>

namespace wasmaot::text {

/// M, valid, in the text format.
std::string printModule(const ir::Module &M);

} // namespace wasmaot::text
