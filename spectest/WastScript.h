//===- spectest/WastScript.h - The commands of a .wast script --------------===//
//
// A .wast script is read with wasmaot's own text front end (text/): its
// modules are assembled and written one file each into a directory, as
// binaries (.wasm) or, for quoted text the script expects to be malformed,
// as text (.wat); its commands become this typed list. Each command keeps
// its line in the .wast so that a failure can point at it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Session.h"
#include "WastValue.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spectest {

enum class CommandKind : uint8_t {
  Module,
  AssertInvalid,
  AssertMalformed,
  AssertUnlinkable,
  AssertUninstantiable,
  Register,
  Action,
  AssertReturn,
  AssertTrap,
  AssertExhaustion,
  AssertException, // the action must end in an uncaught wasm exception
  ModuleDefinition, // `(module definition ...)`: checked, instantiated by `module instance`
  Unknown, // a command this runner cannot run yet; its keyword is in Command::Type
};

enum class ModuleType : uint8_t { Binary, Text };

/// What `action`, `assert_return`, `assert_trap`, `assert_exhaustion` and
/// `assert_exception` do:
/// call an export, or read an exported global.
struct Command {
  CommandKind Kind = CommandKind::Unknown;
  std::string Type; // the command's keyword, e.g. "assert_invalid"
  unsigned Line = 0;
  /// Why the command could not be read (a module or value the text front
  /// end rejects): the command fails with it.
  std::string ReadError;
  // Commands that carry a module (see carriesModule) only.
  std::string Filename; // relative to the module directory
  ModuleType ModType = ModuleType::Binary;
  std::string Text; // the expected error message of assert_* commands
  std::string Name; // module: the name it is given; register: the module's name
  std::string As;   // register: the name other modules import it by
  std::optional<ActionRequest> Act; // commands that perform an action (arguments as slots)
  std::vector<WastValue> Expected; // assert_return: the results
};

/// Whether commands of this kind name a module file to decode.
bool carriesModule(CommandKind K);

struct WastScript {
  std::string ModuleDir; // where the commands' module files are
  std::vector<Command> Commands;
};

/// Reads the script Source, writing its modules into ModuleDir (created if
/// needed). A command whose module or values cannot be read gets a
/// ReadError; the script as a whole is an error only when its command
/// structure is broken (unbalanced parentheses, unknown tokens between
/// commands).
llvm::Expected<WastScript> readWastScript(llvm::StringRef Source, llvm::StringRef ModuleDir);

/// Reads the .wast at WastPath, with its modules written under CacheDir in
/// <basename of the script's directory>/<script name>/.
llvm::Expected<WastScript> loadWastScript(llvm::StringRef WastPath, llvm::StringRef CacheDir);

} // namespace wasmaot::spectest
