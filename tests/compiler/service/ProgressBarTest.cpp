//===- tests/compiler/service/ProgressBarTest.cpp --------------------------===//
//
// The progress bar of long compilations: what a line says, and that the bar
// stays off the terminal for quick compilations and is erased at the end.
//
//===----------------------------------------------------------------------===//
#include "service/ProgressBar.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <thread>

using namespace wasmaot;
using namespace wasmaot::service;

namespace {

/// What a ProgressBar that lived for Life wrote, with Now recorded at once.
std::string drawn(std::chrono::milliseconds Life, const CompileProgress &Now) {
  std::FILE *Out = std::tmpfile();
  REQUIRE(Out);
  {
    ProgressBar Bar("app.wasm", Out);
    Bar.update(Now);
    std::this_thread::sleep_for(Life);
  }
  std::string Text(size_t(std::ftell(Out)), '\0');
  std::rewind(Out);
  size_t Read = std::fread(Text.data(), 1, Text.size(), Out);
  std::fclose(Out);
  Text.resize(Read);
  return Text;
}

} // namespace

TEST_CASE("a progress line gives functions done, time and an estimate", "[service]") {
  CompileProgress Half{1301, 2602, 500, 1000};
  CHECK(ProgressBar::render("app.wasm", Half, 9.84) ==
        "compiling app.wasm [##########----------] 1301/2602 functions, 9.8 s, ~9.8 s left");
  // The estimate goes by instructions, not by functions.
  CompileProgress Quarter{10, 20, 250, 1000};
  CHECK(ProgressBar::render("m", Quarter, 30.0, 4) ==
        "compiling m [#---] 10/20 functions, 30.0 s, ~1m30s left");
  CompileProgress None{0, 20, 0, 1000};
  CHECK(ProgressBar::render("m", None, 0.5, 4) == "compiling m [----] 0/20 functions, 0.5 s");
  CompileProgress All{20, 20, 1000, 1000};
  CHECK(ProgressBar::render("m", All, 61.0, 4) == "compiling m [####] 20/20 functions, 1m01s");
}

TEST_CASE("the bar shows only after a second, and is erased at the end", "[service]") {
  CompileProgress Half{1, 2, 50, 100};
  CHECK(drawn(std::chrono::milliseconds(100), Half).empty());
  std::string Text = drawn(std::chrono::milliseconds(1400), Half);
  CHECK(Text.starts_with("\rcompiling app.wasm [##########----------] 1/2 functions, 1."));
  CHECK(Text.ends_with("\r\033[K"));
}
