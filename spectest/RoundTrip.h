//===- spectest/RoundTrip.h - Modules printed and assembled again ----------===//
//
// What `wasmaot-spectest --round-trip` checks of every valid module of a
// script: text::printModule gives text that the text front end assembles
// into the same module, which prints the same.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Features.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace wasmaot::spectest {

/// Checks that the module in the file at Path, when it decodes and
/// validates under Features, prints to text that assembles back into the
/// same module (byte offsets and custom sections aside) which prints the
/// same. Empty when it does (or when the module is not valid: nothing to
/// print); else what differs.
std::string checkRoundTrip(llvm::StringRef Path, const ir::Features &Features);

} // namespace wasmaot::spectest
