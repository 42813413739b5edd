//===- tests/differential/Outcome.cpp --------------------------------------===//
#include "Outcome.h"

#include <algorithm>
#include <utility>

using namespace wasmaot::difftest;

std::string wasmaot::difftest::canonicalTrap(std::string_view Message) {
  // wasm-interp's wording, then the spec's (and wasmaot's) name.
  static constexpr std::pair<std::string_view, std::string_view> Names[] = {
      {"unreachable executed", "unreachable"},
      {"out of bounds memory access", "out of bounds memory access"},
      {"out of bounds table access", "out of bounds table access"},
      {"undefined table index", "undefined element"},
      {"uninitialized table element", "uninitialized element"},
      {"indirect call signature mismatch", "indirect call type mismatch"},
      {"integer divide by zero", "integer divide by zero"},
      {"integer overflow", "integer overflow"},
      {"invalid conversion to integer", "invalid conversion to integer"},
      {"call stack exhausted", "call stack exhausted"},
  };
  for (auto [Prefix, Name] : Names)
    if (Message.substr(0, Prefix.size()) == Prefix)
      return std::string(Name);
  return std::string(Message);
}

Outcome wasmaot::difftest::parseInterpreterOutput(std::string_view Stdout) {
  Outcome O;
  while (!Stdout.empty()) {
    size_t End = std::min(Stdout.find('\n'), Stdout.size());
    std::string_view Line = Stdout.substr(0, End);
    Stdout.remove_prefix(std::min(End + 1, Stdout.size()));
    static constexpr std::string_view Error = "=> error: ";
    size_t At = Line.find(Error);
    if (At == std::string_view::npos) {
      O.Lines.emplace_back(Line);
      continue;
    }
    O.Lines.push_back(std::string(Line.substr(0, At)) + "=> error: " +
                      canonicalTrap(Line.substr(At + Error.size())));
  }
  return O;
}

std::string wasmaot::difftest::describeDifference(const Outcome &Ours,
                                                  const Outcome &Reference) {
  // A module that either side cannot run at all is a difference: generated
  // modules are valid and instantiate.
  if (!Ours.Failure.empty() || !Reference.Failure.empty())
    return "wasmaot:   " + (Ours.Failure.empty() ? "ran" : Ours.Failure) +
           "\n    reference: " + (Reference.Failure.empty() ? "ran" : Reference.Failure);
  size_t N = std::max(Ours.Lines.size(), Reference.Lines.size());
  for (size_t K = 0; K < N; ++K) {
    std::string A = K < Ours.Lines.size() ? Ours.Lines[K] : "(nothing)";
    std::string B = K < Reference.Lines.size() ? Reference.Lines[K] : "(nothing)";
    if (A != B)
      return "wasmaot:   " + A + "\n    reference: " + B;
  }
  return "";
}
