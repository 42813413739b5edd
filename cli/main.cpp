//===- cli/main.cpp - The wasmaot command line -----------------------------===//
#include "Commands.h"

#include <spdlog/spdlog.h>

int main(int Argc, char **Argv) {
  CLI::App App{"wasmaot: an ahead-of-time WebAssembly-to-native compiler"};
  App.set_version_flag("--version", "wasmaot " WASMAOT_VERSION);
  App.require_subcommand(1);
  App.fallthrough(); // global flags such as -v may follow the subcommand
  bool Verbose = false;
  App.add_flag("-v,--verbose", Verbose, "Log what each stage does")->configurable(false);

  std::function<int()> Run;
  wasmaot::cli::addValidateCommand(App, Run);

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }
  spdlog::set_level(Verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_pattern("%^%l%$: %v");
  return Run();
}
