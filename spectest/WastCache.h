//===- spectest/WastCache.h - .wast -> wast2json output, cached -------------===//
//
// wasmaot consumes binary modules only, so every .wast script goes through
// wast2json first. The conversion of DIR/name.wast lives in
// CACHE/<basename of DIR>/name/name.json (plus the module files next to it),
// and is reused while it is newer than the script and was made from the same
// script path: converting the whole testsuite takes far longer than checking
// it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "WastScript.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace wasmaot::spectest {

struct ConvertedScript {
  WastScript Script;
  std::string ModuleDir; // where the command's module files are
  bool FromCache = false;
};

class WastCache {
public:
  explicit WastCache(std::string Dir) : Dir(std::move(Dir)) {}

  /// The commands of the .wast at WastPath, converting it unless a fresh
  /// conversion is cached. Errors say why the script cannot be run.
  llvm::Expected<ConvertedScript> load(llvm::StringRef WastPath);

private:
  /// Runs wast2json WastPath -o JsonPath into an emptied OutDir.
  llvm::Error convert(llvm::StringRef WastPath, llvm::StringRef OutDir, llvm::StringRef JsonPath);
  llvm::Expected<std::string> wast2jsonProgram();

  std::string Dir;
  std::optional<std::string> Wast2Json; // found on PATH on first use
};

} // namespace wasmaot::spectest
