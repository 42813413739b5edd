//===- tests/spectest/AgentProtocolTest.cpp --------------------------------===//
//
// The spec runner's agent protocol: what the runner sends is what the agent
// carries out, and what the agent answers is what the runner reads back,
// for any bytes in names and values; malformed answers and a dead agent are
// failures that say so, never a hang or a pass.
//
//===----------------------------------------------------------------------===//
#include "agent/AgentProtocol.h"
#include "agent/RemoteSession.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::spectest;

namespace {

/// Records what it is asked and answers what the test sets.
class FakeSession final : public Session {
public:
  std::vector<std::string> Calls;
  std::optional<InstantiateFailure> InstantiateAnswer;
  std::string RegisterAnswer;
  ActionResult ActionAnswer;
  ActionRequest LastAction;

  std::optional<InstantiateFailure> instantiate(const std::string &Path,
                                                const std::string &Name) override {
    Calls.push_back("instantiate|" + Path + "|" + Name);
    return InstantiateAnswer;
  }
  std::string registerAs(const std::string &Name, const std::string &As) override {
    Calls.push_back("register|" + Name + "|" + As);
    return RegisterAnswer;
  }
  ActionResult perform(const ActionRequest &A) override {
    LastAction = A;
    Calls.push_back(std::string(A.K == ActionRequest::Get ? "get|" : "invoke|") + A.Module +
                    "|" + A.Field);
    return ActionAnswer;
  }
};

TypedSlot slot(uint8_t Type, uint8_t First) {
  TypedSlot S;
  S.Type = Type;
  for (unsigned K = 0; K < 16; ++K)
    S.Value.Bytes[K] = uint8_t(First + K);
  return S;
}

bool sameSlot(const TypedSlot &A, const TypedSlot &B) {
  return A.Type == B.Type && std::memcmp(A.Value.Bytes, B.Value.Bytes, 16) == 0;
}

} // namespace

TEST_CASE("texts and slots survive encoding, whatever their bytes", "[agent]") {
  for (std::string Text : {std::string(), std::string("$M"), std::string("a b\nc"),
                           std::string("\xff\x00 \xe2\x82\xac", 6)}) {
    std::string Word = agent::encodeText(Text);
    CHECK(Word.find(' ') == std::string::npos);
    CHECK(Word.find('\n') == std::string::npos);
    CHECK(agent::decodeText(Word) == Text);
  }
  CHECK_FALSE(agent::decodeText("abc"));  // odd length
  CHECK_FALSE(agent::decodeText("zz"));   // not hex
  CHECK_FALSE(agent::decodeText(""));     // an empty text is "-"

  TypedSlot S = slot(0x7b, 0xf0);
  std::optional<TypedSlot> Back = agent::decodeSlot(agent::encodeSlot(S));
  REQUIRE(Back);
  CHECK(sameSlot(*Back, S));
  CHECK_FALSE(agent::decodeSlot("7f:00"));
  CHECK_FALSE(agent::decodeSlot("7f-" + std::string(32, '0')));
}

TEST_CASE("each request reaches the session as the runner sent it", "[agent]") {
  FakeSession S;
  CHECK(agent::serve(S, agent::instantiateRequest("/tmp/a b.so", "")) == "ok");
  CHECK(agent::serve(S, agent::registerRequest("$M", "M 2")) == "ok");
  ActionRequest A;
  A.Module = "$M";
  A.Field = "f\n";
  A.Args = {slot(0x7f, 1), slot(0x7e, 2)};
  S.ActionAnswer.S = ActionResult::Returned;
  S.ActionAnswer.Values = {slot(0x7c, 9)};
  ActionResult R = agent::parseActionResponse(agent::serve(S, agent::actionRequest(A)));
  REQUIRE(R.S == ActionResult::Returned);
  REQUIRE(R.Values.size() == 1);
  CHECK(sameSlot(R.Values[0], slot(0x7c, 9)));
  REQUIRE(S.LastAction.Args.size() == 2);
  CHECK(sameSlot(S.LastAction.Args[1], slot(0x7e, 2)));
  CHECK(S.Calls == std::vector<std::string>{"instantiate|/tmp/a b.so|", "register|$M|M 2",
                                            "invoke|$M|f\n"});

  A.K = ActionRequest::Get;
  A.Args.clear();
  S.ActionAnswer = ActionResult{};
  S.ActionAnswer.S = ActionResult::Trapped;
  S.ActionAnswer.Trap = WASMAOT_TRAP_STACK_EXHAUSTED;
  R = agent::parseActionResponse(agent::serve(S, agent::actionRequest(A)));
  CHECK(R.S == ActionResult::Trapped);
  CHECK(R.Trap == WASMAOT_TRAP_STACK_EXHAUSTED);
}

TEST_CASE("failures come back with their kind and message", "[agent]") {
  FakeSession S;
  S.InstantiateAnswer = InstantiateFailure{InstantiateFailure::Unlinkable, "unknown import"};
  bool Malformed = true;
  std::optional<InstantiateFailure> F = agent::parseInstantiateResponse(
      agent::serve(S, agent::instantiateRequest("x.so", "$M")), Malformed);
  CHECK_FALSE(Malformed);
  REQUIRE(F);
  CHECK(F->K == InstantiateFailure::Unlinkable);
  CHECK(F->Message == "unknown import");

  S.RegisterAnswer = "no module named $N";
  CHECK(agent::parseRegisterResponse(agent::serve(S, agent::registerRequest("$N", "n")),
                                     Malformed) == "no module named $N");
  CHECK_FALSE(Malformed);

  S.ActionAnswer.Error = "no exported function \"g\"";
  ActionResult R = agent::parseActionResponse(agent::serve(S, "invoke - 67"));
  CHECK(R.S == ActionResult::Failed);
  CHECK(R.Error == "no exported function \"g\"");
}

TEST_CASE("malformed requests and responses are failures that say so", "[agent]") {
  FakeSession S;
  CHECK(agent::serve(S, "frobnicate 00 00").rfind("error ", 0) == 0);
  CHECK(agent::serve(S, "").rfind("error ", 0) == 0);
  CHECK(agent::parseActionResponse(agent::serve(S, "invoke 6 7")).S == ActionResult::Failed);
  CHECK(agent::parseActionResponse(agent::serve(S, "get - 66 7f:00")).S == ActionResult::Failed);
  CHECK(S.Calls.empty());

  bool Malformed = false;
  std::optional<InstantiateFailure> F = agent::parseInstantiateResponse("fine", Malformed);
  CHECK(Malformed);
  REQUIRE(F);
  CHECK_THAT(F->Message, Catch::Contains("malformed"));
  agent::parseRegisterResponse("error -", Malformed);
  CHECK(Malformed);
  for (const char *Line : {"returned 7f:00", "trapped 999", "trapped x", "failed", "ok"}) {
    INFO(Line);
    ActionResult R = agent::parseActionResponse(Line);
    CHECK(R.S == ActionResult::Failed);
    CHECK_THAT(R.Error, Catch::Contains("malformed"));
  }
}

TEST_CASE("a remote session runs the host's agent, and reports one that dies", "[agent]") {
  {
    RemoteSession Agent({WASMAOT_TEST_AGENT}, WASMAOT_BOUNDS_GUARD);
    std::optional<InstantiateFailure> F = Agent.instantiate("/no/such/module.so", "");
    REQUIRE(F);
    CHECK(F->K == InstantiateFailure::Unloadable);
    CHECK_THAT(F->Message, Catch::Contains("/no/such/module.so"));
    // The agent answers after a failure: the session goes on.
    CHECK_THAT(Agent.registerAs("", "M"), Catch::Contains("no module has been instantiated"));
  }
  RemoteSession Dying({"/bin/false"}, WASMAOT_BOUNDS_GUARD);
  std::optional<InstantiateFailure> F = Dying.instantiate("x.so", "");
  REQUIRE(F);
  CHECK_THAT(F->Message, Catch::Contains("exited with status 1"));
  ActionRequest A;
  A.Field = "f";
  ActionResult R = Dying.perform(A);
  CHECK(R.S == ActionResult::Failed);
  CHECK_THAT(R.Error, Catch::Contains("exited with status 1"));

  RemoteSession Missing({"/no/such/agent"}, WASMAOT_BOUNDS_GUARD);
  CHECK_THAT(Missing.registerAs("", "M"), Catch::Contains("cannot start /no/such/agent"));
}

TEST_CASE("an agent that does not answer in time is killed, and says so", "[agent]") {
  // sh takes the appended --bounds-checks words as $0 and $1.
  RemoteSession Silent({"/bin/sh", "-c", "exec sleep 60"}, WASMAOT_BOUNDS_GUARD,
                       std::chrono::milliseconds(300));
  auto Start = std::chrono::steady_clock::now();
  std::optional<InstantiateFailure> F = Silent.instantiate("x.so", "");
  REQUIRE(F);
  CHECK_THAT(F->Message, Catch::Contains("did not answer within 300 ms and was killed"));
  CHECK(std::chrono::steady_clock::now() - Start < std::chrono::seconds(30));
  ActionRequest A;
  A.Field = "f";
  CHECK_THAT(Silent.perform(A).Error, Catch::Contains("did not answer"));
}
