//===- tests/compiler/service/CompilerRequestTest.cpp ----------------------===//
//
// The request protocol between the `wasmaot` command and the compiler
// program (lib/wasmaot/wasmaot-compiler): what one side encodes, the other
// decodes to the same request, and anything else is refused with a reason.
//
//===----------------------------------------------------------------------===//
#include "service/CompilerRequest.h"

#include <catch2/catch.hpp>

using namespace wasmaot;
using namespace wasmaot::service;

namespace {

Request decode(const std::vector<std::string> &Args) {
  runtime::Result<Request> R = requestFromArguments(Args);
  if (!R)
    FAIL(R.error().message());
  return *R;
}

std::string refusal(const std::vector<std::string> &Args) {
  runtime::Result<Request> R = requestFromArguments(Args);
  REQUIRE_FALSE(R);
  return R.error().message();
}

} // namespace

TEST_CASE("every request field survives the trip through arguments", "[service]") {
  Request Minimal;
  Minimal.InputName = "app.wasm";
  Minimal.Output = "/tmp/out.so";
  CHECK(decode(toArguments(Minimal)) == Minimal);

  Request Full;
  Full.InputName = "dir with spaces/--emit";
  Full.Kind = Emit::Executable;
  Full.Output = "-";
  Full.Triple = "x86_64-unknown-linux-gnu";
  Full.Cpu = "native";
  Full.OptLevel = 0;
  Full.Bounds = WASMAOT_BOUNDS_EXPLICIT;
  Full.ExeConfig = {0x00, 0x01, 0x7f, 0x80, 0xff, '-', '\n'};
  Full.LinkInputs = {"lib/a.a", "lib/b.a"};
  Full.TrapUnknownImports = true;
  Full.Verbose = true;
  Full.Interruptible = true;
  Full.Jobs = 3;
  Full.Progress = true;
  CHECK(decode(toArguments(Full)) == Full);

  for (Emit Kind : {Emit::Executable, Emit::SharedObject, Emit::Object, Emit::LlvmIr,
                    Emit::Assembly}) {
    Request R = Minimal;
    R.Kind = Kind;
    CHECK(decode(toArguments(R)).Kind == Kind);
  }
}

TEST_CASE("malformed requests are refused with a reason", "[service]") {
  CHECK_THAT(refusal({}), Catch::Contains("no module name"));
  CHECK_THAT(refusal({"m.wasm", "--output", "o"}), Catch::Contains("required"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "dll", "--output", "o"}),
             Catch::Contains("unknown output kind 'dll'"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output"}),
             Catch::Contains("'--output' needs a value"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--opt", "4"}),
             Catch::Contains("bad optimization level '4'"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--opt", "2x"}),
             Catch::Contains("bad optimization level"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--bounds-checks", "none"}),
             Catch::Contains("unknown bounds-check strategy 'none'"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--exe-config", "abc"}),
             Catch::Contains("odd number of hex digits"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--exe-config", "zz"}),
             Catch::Contains("not a hex digit"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--frobnicate", "1"}),
             Catch::Contains("unknown option '--frobnicate'"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--jobs", "two"}),
             Catch::Contains("bad number of jobs 'two'"));
  CHECK_THAT(refusal({"m.wasm", "--emit", "obj", "--output", "o", "--progress", "maybe"}),
             Catch::Contains("bad --progress 'maybe'"));
}
