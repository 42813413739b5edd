//===- tests/runtime/loader/RuntimeSymbolsTest.cpp -------------------------===//
//
// The table of symbols compiled code may import cannot fall behind abi.h:
// every wasmaot_rt_* function declared there must be in it, and nothing
// under that prefix that is not declared there.
//
//===----------------------------------------------------------------------===//
#include "loader/RuntimeSymbols.h"

#include <catch2/catch.hpp>

#include <math.h>
#include <string.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

using namespace wasmaot::runtime;

namespace {

/// The names of the functions that abi.h declares under wasmaot_rt_.
std::set<std::string> declaredEntryPoints() {
  std::ifstream In(WASMAOT_ABI_HEADER);
  REQUIRE(In);
  std::string Text(std::istreambuf_iterator<char>(In), {});
  // Comments may name entry points in passing; only declarations count.
  Text = std::regex_replace(Text, std::regex(R"(/\*[\s\S]*?\*/)"), " ");
  std::set<std::string> Names;
  std::regex Declaration(R"(\b(wasmaot_rt_\w+)\s*\()");
  for (auto It = std::sregex_iterator(Text.begin(), Text.end(), Declaration);
       It != std::sregex_iterator(); ++It)
    Names.insert((*It)[1]);
  return Names;
}

} // namespace

TEST_CASE("every entry point of abi.h can be bound, and only those", "[loader]") {
  std::set<std::string> Declared = declaredEntryPoints();
  // abi.h has at least wasmaot_rt_trap: an empty set means the parse broke.
  REQUIRE(Declared.count("wasmaot_rt_trap"));
  for (const std::string &Name : Declared) {
    INFO(Name);
    CHECK(resolveRuntimeSymbol(Name.c_str()) != nullptr);
  }
  std::set<std::string> Names;
  for (const RuntimeSymbol &Symbol : runtimeSymbols()) {
    INFO(Symbol.Name);
    CHECK(Names.insert(Symbol.Name).second);
    CHECK(Symbol.Address != nullptr);
    if (std::string(Symbol.Name).rfind("wasmaot_rt_", 0) == 0)
      CHECK(Declared.count(Symbol.Name));
  }
}

TEST_CASE("C library functions resolve to this process's, and nothing else does", "[loader]") {
  CHECK(resolveRuntimeSymbol("memset") == reinterpret_cast<void *>(&memset));
  CHECK(resolveRuntimeSymbol("roundevenf") ==
        reinterpret_cast<void *>(static_cast<float (*)(float)>(&roundevenf)));
  CHECK(resolveRuntimeSymbol("printf") == nullptr);
  CHECK(resolveRuntimeSymbol("wasmaot_rt_") == nullptr);
  CHECK(resolveRuntimeSymbol("") == nullptr);
}
