//===- cli/main.cpp - The wasmaot command line -----------------------------===//
#include "Commands.h"

#include <spdlog/spdlog.h>

#include <iostream>

using namespace wasmaot::cli;

namespace {

/// Reports a command-line mistake with the help of the command it concerns,
/// so that a newcomer sees at once what is expected.
int reportUsageError(const CLI::App &App, const CLI::ParseError &E) {
  const CLI::App *Cmd = &App;
  if (auto Subcommands = App.get_subcommands(); !Subcommands.empty())
    Cmd = Subcommands.back();
  std::cerr << "wasmaot: error: " << E.what() << "\n\n" << Cmd->help();
  return ExitUsage;
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"wasmaot: an ahead-of-time WebAssembly-to-native compiler.\n"
               "Today it decodes and validates WebAssembly 2.0 binary modules.",
               "wasmaot"}; // named, so that usage does not show argv[0]'s path
  App.footer("Examples:\n"
             "  wasmaot validate app.wasm      check one module; silent when it is valid\n"
             "  wasmaot -v validate *.wasm     check several and summarize each valid one\n"
             "\n"
             "Exit status: 0 success; 1 an input was unreadable, malformed or invalid;\n"
             "2 the command line was wrong. Run `wasmaot COMMAND --help` for details.");
  App.set_version_flag("--version", "wasmaot " WASMAOT_VERSION);
  App.require_subcommand(1);
  App.fallthrough(); // global flags such as -v may follow the subcommand
  bool Verbose = false;
  App.add_flag("-v,--verbose", Verbose, "Log what each stage does")->configurable(false);

  std::function<int()> Run;
  addValidateCommand(App, Run);

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::ParseError &E) {
    // --help and --version arrive here too, as "errors" that exit with 0.
    if (E.get_exit_code() == ExitSuccess)
      return App.exit(E);
    return reportUsageError(App, E);
  }
  spdlog::set_level(Verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_pattern("%^%l%$: %v");
  return Run();
}
