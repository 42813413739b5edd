//===- spectest/WastScript.cpp ---------------------------------------------===//
#include "WastScript.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MemoryBuffer.h"

#include <nlohmann/json.hpp>

using namespace wasmaot::spectest;
using Json = nlohmann::json;

namespace {

llvm::Error formatError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unexpected wast2json output: " + Message);
}

CommandKind kindOf(llvm::StringRef Type) {
  return llvm::StringSwitch<CommandKind>(Type)
      .Case("module", CommandKind::Module)
      .Case("assert_invalid", CommandKind::AssertInvalid)
      .Case("assert_malformed", CommandKind::AssertMalformed)
      .Case("assert_unlinkable", CommandKind::AssertUnlinkable)
      .Case("assert_uninstantiable", CommandKind::AssertUninstantiable)
      .Case("register", CommandKind::Register)
      .Case("action", CommandKind::Action)
      .Case("assert_return", CommandKind::AssertReturn)
      .Case("assert_trap", CommandKind::AssertTrap)
      .Case("assert_exhaustion", CommandKind::AssertExhaustion)
      .Default(CommandKind::Unknown);
}

/// The string field Key of Object, which must be present when Required.
llvm::Expected<std::string> stringField(const Json &Object, const char *Key, bool Required,
                                        const llvm::Twine &Where) {
  auto It = Object.find(Key);
  if (It == Object.end()) {
    if (Required)
      return formatError(Where + " has no \"" + Key + "\"");
    return std::string();
  }
  if (!It->is_string())
    return formatError(Where + ": \"" + Key + "\" is not a string");
  return It->get<std::string>();
}

llvm::Expected<std::vector<WastValue>> parseValues(const Json &Object, const char *Key,
                                                   const llvm::Twine &Where) {
  std::vector<WastValue> Values;
  auto It = Object.find(Key);
  if (It == Object.end())
    return Values;
  if (!It->is_array())
    return formatError(Where + ": \"" + Key + "\" is not a list");
  for (const Json &Item : *It) {
    auto V = parseWastValue(Item);
    if (!V)
      return formatError(Where + ": " + llvm::toString(V.takeError()));
    Values.push_back(std::move(*V));
  }
  return Values;
}

llvm::Expected<ActionRequest> parseAction(const Json &Object, const llvm::Twine &Where) {
  if (!Object.is_object())
    return formatError(Where + ": the action is not an object");
  ActionRequest A;
  auto Type = stringField(Object, "type", /*Required=*/true, Where);
  if (!Type)
    return Type.takeError();
  if (*Type != "invoke" && *Type != "get")
    return formatError(Where + ": unknown action \"" + *Type + "\"");
  A.K = *Type == "get" ? ActionRequest::Get : ActionRequest::Invoke;
  auto Module = stringField(Object, "module", /*Required=*/false, Where);
  if (!Module)
    return Module.takeError();
  A.Module = std::move(*Module);
  auto Field = stringField(Object, "field", /*Required=*/true, Where);
  if (!Field)
    return Field.takeError();
  A.Field = std::move(*Field);
  auto Args = parseValues(Object, "args", Where);
  if (!Args)
    return Args.takeError();
  for (const WastValue &Arg : *Args)
    A.Args.push_back(TypedSlot{Arg.typeCode(), Arg.toSlot()});
  return A;
}

/// The fields of commands that do not carry a module.
llvm::Error parseActionCommand(const Json &Object, Command &C, const llvm::Twine &Where) {
  auto Name = stringField(Object, "name", /*Required=*/false, Where);
  if (!Name)
    return Name.takeError();
  C.Name = std::move(*Name);
  if (C.Kind == CommandKind::Register) {
    auto As = stringField(Object, "as", /*Required=*/true, Where);
    if (!As)
      return As.takeError();
    C.As = std::move(*As);
    return llvm::Error::success();
  }
  auto Text = stringField(Object, "text", /*Required=*/false, Where);
  if (!Text)
    return Text.takeError();
  C.Text = std::move(*Text);
  auto ActionIt = Object.find("action");
  if (ActionIt == Object.end())
    return formatError(Where + " has no action");
  auto A = parseAction(*ActionIt, Where);
  if (!A)
    return A.takeError();
  C.Act = std::move(*A);
  // assert_trap lists the result types without values: only results matter.
  if (C.Kind != CommandKind::AssertReturn)
    return llvm::Error::success();
  auto Expected = parseValues(Object, "expected", Where);
  if (!Expected)
    return Expected.takeError();
  C.Expected = std::move(*Expected);
  return llvm::Error::success();
}

llvm::Expected<Command> parseCommand(const Json &Object, size_t Index) {
  std::string Where = "command #" + std::to_string(Index);
  if (!Object.is_object())
    return formatError(Where + " is not an object");

  Command C;
  auto Line = Object.find("line");
  if (Line == Object.end() || !Line->is_number_unsigned())
    return formatError(Where + " has no line number");
  C.Line = Line->get<unsigned>();
  Where += " (line " + std::to_string(C.Line) + ")";

  auto Type = stringField(Object, "type", /*Required=*/true, Where);
  if (!Type)
    return Type.takeError();
  C.Type = std::move(*Type);
  C.Kind = kindOf(C.Type);
  if (C.Kind == CommandKind::Unknown)
    return C;
  if (!carriesModule(C.Kind)) {
    if (auto E = parseActionCommand(Object, C, Where))
      return E;
    return C;
  }

  auto Name = stringField(Object, "name", /*Required=*/false, Where);
  if (!Name)
    return Name.takeError();
  C.Name = std::move(*Name);

  auto Filename = stringField(Object, "filename", /*Required=*/true, Where);
  if (!Filename)
    return Filename.takeError();
  C.Filename = std::move(*Filename);
  if (C.Filename.empty())
    return formatError(Where + " has an empty \"filename\"");

  // wast2json 1.0.32 omits module_type on `module` commands, whose modules it
  // always writes as binaries.
  auto ModType = stringField(Object, "module_type", /*Required=*/false, Where);
  if (!ModType)
    return ModType.takeError();
  if (*ModType == "text")
    C.ModType = ModuleType::Text;
  else if (!ModType->empty() && *ModType != "binary")
    return formatError(Where + " has unknown module_type \"" + *ModType + "\"");

  auto Text = stringField(Object, "text", /*Required=*/false, Where);
  if (!Text)
    return Text.takeError();
  C.Text = std::move(*Text);
  return C;
}

} // namespace

bool wasmaot::spectest::carriesModule(CommandKind K) {
  switch (K) {
  case CommandKind::Module:
  case CommandKind::AssertInvalid:
  case CommandKind::AssertMalformed:
  case CommandKind::AssertUnlinkable:
  case CommandKind::AssertUninstantiable:
    return true;
  case CommandKind::Register:
  case CommandKind::Action:
  case CommandKind::AssertReturn:
  case CommandKind::AssertTrap:
  case CommandKind::AssertExhaustion:
  case CommandKind::Unknown:
    return false;
  }
  return false;
}

llvm::Expected<WastScript> wasmaot::spectest::parseWastScript(llvm::StringRef Text) {
  Json Root = Json::parse(Text.begin(), Text.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (Root.is_discarded())
    return formatError("not valid JSON");
  if (!Root.is_object())
    return formatError("the top level is not an object");

  WastScript Script;
  auto Source = stringField(Root, "source_filename", /*Required=*/true, "the top level");
  if (!Source)
    return Source.takeError();
  Script.SourceFilename = std::move(*Source);

  auto Commands = Root.find("commands");
  if (Commands == Root.end() || !Commands->is_array())
    return formatError("no \"commands\" array");
  Script.Commands.reserve(Commands->size());
  for (size_t I = 0; I < Commands->size(); ++I) {
    auto C = parseCommand((*Commands)[I], I);
    if (!C)
      return C.takeError();
    Script.Commands.push_back(std::move(*C));
  }
  return Script;
}

llvm::Expected<WastScript> wasmaot::spectest::loadWastScript(llvm::StringRef JsonPath) {
  auto Buffer = llvm::MemoryBuffer::getFile(JsonPath, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read " + JsonPath + ": " + Buffer.getError().message());
  auto Script = parseWastScript((*Buffer)->getBuffer());
  if (!Script)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   JsonPath + ": " + llvm::toString(Script.takeError()));
  return Script;
}
