//===- cli/PrintCommand.cpp - `wasmaot print MODULE` ------------------------===//
//
// A module in the text format, as `wasm-tools print` gives it: what a .wasm
// holds, readable, and assembled back into the same module by any command
// that takes .wat (docs/TextFormat.md).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CompilerProcess.h"
#include "ModuleInput.h"
#include "OutputFile.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

using namespace wasmaot;

namespace {

struct PrintFlags {
  std::string Module;
  std::string Output;
  cli::FeatureFlags Features;
};

int printModule(const PrintFlags &F) {
  if (runtime::Result<void> Known = F.Features.check(); !Known) {
    std::cerr << "wasmaot: error: " << Known.error().message() << "\n";
    return cli::ExitUsage;
  }
  if (!F.Output.empty())
    if (runtime::Result<void> Writable = cli::checkOutputPath(F.Output); !Writable) {
      std::cerr << "wasmaot: error: " << Writable.error().message() << "\n";
      return cli::ExitUsage;
    }
  runtime::Result<cli::ModuleBytes> Bytes = cli::readModule(F.Module);
  if (!Bytes) {
    std::cerr << Bytes.error().message() << "\n";
    return cli::ExitRejected;
  }
  cli::CompilerOutcome O = cli::printInCompiler(Bytes->bytes(), F.Module, F.Features.features());
  if (!O.Ok) {
    std::cerr << O.Message << "\n";
    return cli::ExitRejected;
  }
  if (F.Output.empty()) {
    std::cout << O.Output;
    return std::cout.flush() ? cli::ExitSuccess : cli::ExitRejected;
  }
  // writeOutput puts a file in place as `compile` does (atomically, or a
  // device as it is): the text goes through a temporary file first.
  const char *TmpDir = std::getenv("TMPDIR");
  std::string Temporary = std::string(TmpDir && *TmpDir ? TmpDir : "/tmp") + "/wasmaot-print-XXXXXX";
  int Fd = ::mkstemp(Temporary.data());
  bool Written = Fd >= 0 && ::write(Fd, O.Output.data(), O.Output.size()) == ssize_t(O.Output.size());
  Written &= Fd >= 0 && ::close(Fd) == 0;
  runtime::Result<void> Placed = Written ? cli::writeOutput(Temporary, F.Output, 0644)
                                         : runtime::Error("cannot write a temporary file");
  if (Fd >= 0)
    ::unlink(Temporary.c_str());
  if (!Placed) {
    std::cerr << "wasmaot: error: " << F.Output << ": " << Placed.error().message() << "\n";
    return cli::ExitRejected;
  }
  return cli::ExitSuccess;
}

} // namespace

void wasmaot::cli::addPrintCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("print", "Print a module in the WebAssembly text format");
  Cmd->footer("The module is decoded and validated first; the text has every field in\n"
              "index order, numeric indexes, function names from the name section as\n"
              "$\"...\" identifiers, exact floats (hexadecimal, nan:0x...). Assembling it\n"
              "(wasmaot validate/run/compile take .wat) gives back the same module;\n"
              "custom sections other than `name` are left out.\n"
              "\n"
              "Examples:\n"
              "  wasmaot print app.wasm\n"
              "  wasmaot print app.wasm -o app.wat\n"
              "\n"
              "Exit status: 0 printed; 1 the module was unreadable, malformed or invalid,\n"
              "or the output could not be written; 2 the command line was wrong.");
  auto F = std::make_shared<PrintFlags>();
  F->Features.addTo(*Cmd);
  Cmd->add_option("-o,--output", F->Output, "Write the text to this file (default: stdout)");
  Cmd->add_option("MODULE", F->Module, "A WebAssembly module (.wasm, or .wat); - reads stdin")
      ->required();
  Cmd->callback([&Run, F] { Run = [F] { return printModule(*F); }; });
}
