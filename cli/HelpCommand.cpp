//===- cli/HelpCommand.cpp - `wasmaot help [COMMAND]`, and unknown commands ===//
//
// CLI11 answers a mistyped subcommand ("wasmaot rnu app.wasm"), a module given
// without one ("wasmaot app.wasm") and an unknown option before the
// subcommand with "A subcommand is required" or with a complaint about
// another option. These are the first mistakes a newcomer makes, so the
// command line is checked for them before CLI11 parses it, and each gets a
// message that names the offending word and lists what would be right.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include <iostream>

using namespace wasmaot;

namespace {

/// "run, compile, validate, print, cache, targets and help": the subcommands
/// of Cmd.
std::string subcommandList(const CLI::App &Cmd) {
  std::vector<const CLI::App *> Subs = Cmd.get_subcommands([](const CLI::App *) { return true; });
  std::string List;
  for (size_t K = 0; K < Subs.size(); ++K) {
    if (K)
      List += K + 1 == Subs.size() ? " and " : ", ";
    List += Subs[K]->get_name();
  }
  return List;
}

/// Cmd's subcommand Name, or null.
const CLI::App *findSubcommand(const CLI::App &Cmd, const std::string &Name) {
  for (const CLI::App *Sub : Cmd.get_subcommands([](const CLI::App *) { return true; }))
    if (Sub->get_name() == Name)
      return Sub;
  return nullptr;
}

bool endsWith(const std::string &S, const char *Suffix) {
  size_t N = std::char_traits<char>::length(Suffix);
  return S.size() >= N && S.compare(S.size() - N, N, Suffix) == 0;
}

int unknownSubcommand(const CLI::App &Cmd, const std::string &Word) {
  std::string Path = Cmd.get_parent() ? "wasmaot " + Cmd.get_name() : "wasmaot";
  std::cerr << "wasmaot: error: unknown subcommand '" << Word << "'";
  if (Cmd.get_parent())
    std::cerr << " of '" << Path << "'";
  std::cerr << "\n" << Path << " has the subcommands " << subcommandList(Cmd) << ".\n";
  if (!Cmd.get_parent() && (endsWith(Word, ".wasm") || endsWith(Word, ".wat")))
    std::cerr << "To run the module: wasmaot run " << Word << "\n";
  std::cerr << "Run '" << Path << " --help' for more.\n";
  return cli::ExitUsage;
}

/// Whether Token is one of Cmd's own options (not an inherited one).
bool isOptionOf(const CLI::App &Cmd, const std::string &Token) {
  std::string Name = Token.substr(0, Token.find('='));
  if (Name.size() > 2 && Name[1] != '-')
    Name = Name.substr(0, 2); // -O2 is -O with its value
  return Cmd.get_option_no_throw(Name) != nullptr;
}

/// Whether Cmd's option Token takes the next token as its value.
bool takesValue(const CLI::App &Cmd, const std::string &Token) {
  if (Token.find('=') != std::string::npos || (Token[1] != '-' && Token.size() > 2))
    return false;
  const CLI::Option *Opt = Cmd.get_option_no_throw(Token);
  return Opt && Opt->get_expected_max() > 0;
}

} // namespace

void wasmaot::cli::addHelpCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("help", "Print the help of wasmaot or of a subcommand");
  Cmd->footer("Examples:\n"
              "  wasmaot help\n"
              "  wasmaot help run\n"
              "  wasmaot help cache prune");
  auto Words = std::make_shared<std::vector<std::string>>();
  Cmd->add_option("COMMAND", *Words, "The subcommand (and its subcommand) to explain");
  Cmd->callback([&Run, &App, Words] {
    Run = [&App, Words] {
      const CLI::App *Target = &App;
      std::string Path = "wasmaot";
      for (const std::string &Word : *Words) {
        const CLI::App *Sub = findSubcommand(*Target, Word);
        if (!Sub)
          return unknownSubcommand(*Target, Word);
        Target = Sub;
        Path += " " + Word;
      }
      // Not App.help(): that describes the subcommand that was parsed (help).
      std::cout << Target->get_formatter()->make_help(Target, Path, CLI::AppFormatMode::Normal);
      return int(ExitSuccess);
    };
  });
}

std::optional<int> wasmaot::cli::checkSubcommands(const CLI::App &App,
                                                  const std::vector<std::string> &Args) {
  const CLI::App *Cmd = &App;
  size_t I = 0;
  while (true) {
    // Options of the command found so far; global flags precede the first.
    for (; I < Args.size() && Args[I].size() > 1 && Args[I][0] == '-'; ++I) {
      if (Args[I] == "--")
        return std::nullopt;
      if (!isOptionOf(*Cmd, Args[I])) {
        if (Cmd != &App)
          return std::nullopt; // CLI11 names it, with the subcommand's help
        std::cerr << "wasmaot: error: unknown option '" << Args[I] << "' before the subcommand\n"
                  << "The options of wasmaot itself are -v/--verbose, -V/--version and "
                     "-h/--help; a subcommand's options follow it. Run 'wasmaot --help'.\n";
        return int(ExitUsage);
      }
      I += takesValue(*Cmd, Args[I]);
    }
    if (Cmd->get_subcommands([](const CLI::App *) { return true; }).empty())
      return std::nullopt;
    if (I >= Args.size()) {
      bool WantsHelp = false;
      for (const std::string &A : Args)
        WantsHelp |= A == "-h" || A == "--help" || A == "-V" || A == "--version";
      if (WantsHelp)
        return std::nullopt;
      std::string Path = Cmd == &App ? "wasmaot" : "wasmaot " + Cmd->get_name();
      std::cerr << "wasmaot: error: '" << Path << "' needs a subcommand: "
                << subcommandList(*Cmd) << "\n\n"
                << Cmd->help();
      return int(ExitUsage);
    }
    const CLI::App *Sub = findSubcommand(*Cmd, Args[I]);
    if (!Sub)
      return unknownSubcommand(*Cmd, Args[I]);
    Cmd = Sub;
    ++I;
  }
}
