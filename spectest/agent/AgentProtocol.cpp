//===- spectest/agent/AgentProtocol.cpp ------------------------------------===//
#include "AgentProtocol.h"

#include "support/Hex.h"

#include <charconv>

namespace wasmaot::spectest::agent {
namespace {

std::optional<unsigned> numberOf(std::string_view Word) {
  unsigned Value = 0;
  auto [End, Ec] = std::from_chars(Word.data(), Word.data() + Word.size(), Value);
  if (Ec != std::errc() || End != Word.data() + Word.size())
    return std::nullopt;
  return Value;
}

std::string actionResponse(const ActionResult &R) {
  switch (R.S) {
  case ActionResult::Returned: {
    std::string Line = "returned";
    for (const TypedSlot &V : R.Values)
      Line += " " + encodeSlot(V);
    return Line;
  }
  case ActionResult::Trapped:
    return "trapped " + std::to_string(R.Trap);
  case ActionResult::Failed:
    break;
  }
  return "failed " + encodeText(R.Error);
}

std::string serveAction(Session &S, const std::vector<std::string_view> &Words) {
  if (Words.size() < 3)
    return "failed " + encodeText("malformed request");
  ActionRequest A;
  A.K = Words[0] == "get" ? ActionRequest::Get : ActionRequest::Invoke;
  std::optional<std::string> Module = decodeText(Words[1]), Field = decodeText(Words[2]);
  if (!Module || !Field || (A.K == ActionRequest::Get && Words.size() != 3))
    return "failed " + encodeText("malformed request");
  A.Module = *Module;
  A.Field = *Field;
  for (size_t K = 3; K < Words.size(); ++K) {
    std::optional<TypedSlot> Arg = decodeSlot(Words[K]);
    if (!Arg)
      return "failed " + encodeText("malformed argument");
    A.Args.push_back(*Arg);
  }
  return actionResponse(S.perform(A));
}

} // namespace

std::string encodeText(std::string_view Text) {
  if (Text.empty())
    return "-";
  return runtime::toHex({reinterpret_cast<const uint8_t *>(Text.data()), Text.size()});
}

std::optional<std::string> decodeText(std::string_view Word) {
  if (Word == "-")
    return std::string();
  std::string Text(Word.size() / 2, '\0');
  if (Word.empty() || !runtime::fromHex(Word, reinterpret_cast<uint8_t *>(Text.data())))
    return std::nullopt;
  return Text;
}

std::string encodeSlot(const TypedSlot &S) {
  return runtime::toHex({&S.Type, 1}) + ":" + runtime::toHex(S.Value.Bytes);
}

std::optional<TypedSlot> decodeSlot(std::string_view Word) {
  TypedSlot S;
  if (Word.size() != 2 + 1 + 2 * sizeof S.Value.Bytes || Word[2] != ':' ||
      !runtime::fromHex(Word.substr(0, 2), &S.Type) ||
      !runtime::fromHex(Word.substr(3), S.Value.Bytes))
    return std::nullopt;
  return S;
}

std::vector<std::string_view> splitWords(std::string_view Line) {
  std::vector<std::string_view> Words;
  while (!Line.empty()) {
    size_t At = Line.find(' ');
    Words.push_back(Line.substr(0, At));
    if (At == std::string_view::npos)
      break;
    Line.remove_prefix(At + 1);
  }
  return Words;
}

std::string instantiateRequest(const std::string &ObjectPath, const std::string &Name) {
  return "instantiate " + encodeText(ObjectPath) + " " + encodeText(Name);
}

std::string registerRequest(const std::string &Name, const std::string &As) {
  return "register " + encodeText(Name) + " " + encodeText(As);
}

std::string actionRequest(const ActionRequest &A) {
  std::string Line = (A.K == ActionRequest::Get ? "get " : "invoke ") + encodeText(A.Module) +
                     " " + encodeText(A.Field);
  for (const TypedSlot &Arg : A.Args)
    Line += " " + encodeSlot(Arg);
  return Line;
}

std::string serve(Session &S, std::string_view Line) {
  std::vector<std::string_view> Words = splitWords(Line);
  if (Words.empty())
    return "error " + encodeText("empty request");
  if (Words[0] == "invoke" || Words[0] == "get")
    return serveAction(S, Words);
  if (Words.size() != 3)
    return "error " + encodeText("malformed request");
  std::optional<std::string> First = decodeText(Words[1]), Second = decodeText(Words[2]);
  if (!First || !Second)
    return "error " + encodeText("malformed request");
  if (Words[0] == "instantiate") {
    std::optional<InstantiateFailure> Failure = S.instantiate(*First, *Second);
    if (!Failure)
      return "ok";
    return "fail " + std::to_string(Failure->K) + " " + encodeText(Failure->Message);
  }
  if (Words[0] == "register") {
    std::string Error = S.registerAs(*First, *Second);
    return Error.empty() ? "ok" : "error " + encodeText(Error);
  }
  return "error " + encodeText("unknown request '" + std::string(Words[0]) + "'");
}

std::optional<InstantiateFailure> parseInstantiateResponse(std::string_view Line,
                                                           bool &Malformed) {
  Malformed = false;
  if (Line == "ok")
    return std::nullopt;
  std::vector<std::string_view> Words = splitWords(Line);
  std::optional<unsigned> Kind;
  std::optional<std::string> Message;
  if (Words.size() == 3 && Words[0] == "fail" && (Kind = numberOf(Words[1])) &&
      *Kind <= InstantiateFailure::Resource && (Message = decodeText(Words[2])))
    return InstantiateFailure{InstantiateFailure::Kind(*Kind), *Message};
  Malformed = true;
  return InstantiateFailure{InstantiateFailure::Unloadable,
                            "the agent's response is malformed: " + std::string(Line)};
}

std::string parseRegisterResponse(std::string_view Line, bool &Malformed) {
  Malformed = false;
  if (Line == "ok")
    return "";
  std::vector<std::string_view> Words = splitWords(Line);
  if (Words.size() == 2 && Words[0] == "error")
    if (std::optional<std::string> Message = decodeText(Words[1]); Message && !Message->empty())
      return *Message;
  Malformed = true;
  return "the agent's response is malformed: " + std::string(Line);
}

ActionResult parseActionResponse(std::string_view Line) {
  ActionResult R;
  std::vector<std::string_view> Words = splitWords(Line);
  if (!Words.empty() && Words[0] == "returned") {
    R.S = ActionResult::Returned;
    for (size_t K = 1; K < Words.size(); ++K) {
      std::optional<TypedSlot> V = decodeSlot(Words[K]);
      if (!V)
        break;
      R.Values.push_back(*V);
    }
    if (R.Values.size() == Words.size() - 1)
      return R;
  } else if (Words.size() == 2 && Words[0] == "trapped") {
    if (std::optional<unsigned> Kind = numberOf(Words[1]); Kind && *Kind <= WASMAOT_TRAP_LAST) {
      R.S = ActionResult::Trapped;
      R.Trap = wasmaot_trap_kind(*Kind);
      return R;
    }
  } else if (Words.size() == 2 && Words[0] == "failed") {
    if (std::optional<std::string> Message = decodeText(Words[1])) {
      R.S = ActionResult::Failed;
      R.Error = *Message;
      return R;
    }
  }
  R = ActionResult{};
  R.Error = "the agent's response is malformed: " + std::string(Line);
  return R;
}

} // namespace wasmaot::spectest::agent
