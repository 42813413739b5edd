//===- spectest/WastScript.h - A .wast script as wast2json describes it ----===//
//
// wast2json turns a .wast script into a JSON list of commands plus one file
// per module (.wasm for binary modules, .wat for text ones). This is that
// list, typed; each command keeps its line in the .wast so that a failure can
// point at it.
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
  Unknown, // a type this runner does not know; its spelling is in Command::Type
};

enum class ModuleType : uint8_t { Binary, Text };

/// What `action`, `assert_return`, `assert_trap` and `assert_exhaustion` do:
/// call an export, or read an exported global.
struct Command {
  CommandKind Kind = CommandKind::Unknown;
  std::string Type; // as spelled in the JSON, e.g. "assert_invalid"
  unsigned Line = 0;
  // Commands that carry a module (see carriesModule) only.
  std::string Filename; // relative to the JSON file's directory
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
  std::string SourceFilename; // the .wast path wast2json was given
  std::vector<Command> Commands;
};

/// Parses wast2json output. Anything not shaped as wast2json writes it
/// (missing or mistyped fields of the commands this runner relies on) is an
/// error naming the offending command, never an exception or an abort.
llvm::Expected<WastScript> parseWastScript(llvm::StringRef Json);

/// Reads and parses the wast2json output at JsonPath.
llvm::Expected<WastScript> loadWastScript(llvm::StringRef JsonPath);

} // namespace wasmaot::spectest
