//===- cli/main.cpp - The wasmaot command line -----------------------------===//
#include "Commands.h"

#include "Log.h"

#include <algorithm>
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
               "Compiles WebAssembly 2.0 modules with LLVM into native code that runs with\n"
               "WASI (preview 1) in a sandbox.",
               "wasmaot"}; // named, so that usage does not show argv[0]'s path
  App.footer("Examples:\n"
             "  wasmaot run app.wasm ARGS...         compile (once, then cached) and run\n"
             "  wasmaot compile app.wasm -o app      a native executable\n"
             "  wasmaot validate app.wasm            check a module; silent when valid\n"
             "  wasmaot cache stats                  what the cache of compiled code holds\n"
             "  wasmaot help run                     the options of a subcommand\n"
             "\n"
             "\n"
             "Exit status: 0 success; 1 an input was unreadable, malformed or invalid, or\n"
             "could not be compiled; 2 the command line was wrong; `run` and compiled\n"
             "programs exit with the program's status, or 134 after a trap. Run\n"
             "`wasmaot COMMAND --help` for each command's options.");
  App.set_version_flag("-V,--version", "wasmaot " WASMAOT_VERSION);
  App.require_subcommand(1);
  App.fallthrough(); // global flags such as -v may follow the subcommand
  bool Verbose = false;
  App.add_flag("-v,--verbose", Verbose, "Log what each stage does")->configurable(false);

  std::function<int()> Run;
  addRunCommand(App, Run);
  addCompileCommand(App, Run);
  addValidateCommand(App, Run);
  addPrintCommand(App, Run);
  addCacheCommand(App, Run);
  addTargetsCommand(App, Run);
  addHelpCommand(App, Run);

  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  if (std::optional<int> Mistake = checkSubcommands(App, Args))
    return *Mistake;
  setAsideProgramArguments(App, Args);
  std::reverse(Args.begin(), Args.end()); // CLI11 takes a vector last argument first
  try {
    App.parse(Args);
  } catch (const CLI::ParseError &E) {
    // --help and --version arrive here too, as "errors" that exit with 0.
    if (E.get_exit_code() == ExitSuccess)
      return App.exit(E);
    return reportUsageError(App, E);
  }
  setVerbose(Verbose);
  return Run();
}
