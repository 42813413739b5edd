//===- cli/ValidateCommand.cpp - `wasmaot validate FILE...` ----------------===//
#include "Commands.h"
#include "CompilerProcess.h"
#include "ModuleInput.h"

#include "Log.h"

#include <iostream>

using namespace wasmaot;

namespace {

/// Decodes and validates one file; prints a diagnostic and returns false when
/// it is not a valid module.
bool validateFile(const std::string &Path, const std::string &Features) {
  runtime::Result<cli::ModuleBytes> Bytes = cli::readModule(Path);
  if (!Bytes) {
    std::cerr << Bytes.error().message() << "\n";
    return false;
  }
  cli::CompilerOutcome O = cli::validateInCompiler(Bytes->bytes(), Path, Features);
  if (!O.Ok) {
    std::cerr << O.Message << "\n";
    return false;
  }
  cli::debugLog("%s: valid: %s", Path.c_str(), O.Output.c_str());
  return true;
}

} // namespace

void wasmaot::cli::addValidateCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("validate", "Check that modules decode and validate "
                                             "(WebAssembly 3.0 by default, see "
                                             "--wasm-features); exit 1 if any does not");
  Cmd->footer("Each rejected FILE gets one line on stderr, FILE:0xOFFSET: KIND: MESSAGE\n"
              "(CONTEXT), where KIND is malformed (not the binary format) or invalid\n"
              "(breaks a typing rule), or FILE: error: MESSAGE when it cannot be read.\n"
              "Text modules (.wat) are assembled first by wasmaot's text front end.\n"
              "Valid modules print nothing unless the global -v/--verbose flag (before\n"
              "or after `validate`) asks for a summary of each on stderr.\n"
              "\n"
              "Examples:\n"
              "  wasmaot validate app.wasm lib.wasm\n"
              "  wasmaot validate -v app.wasm\n"
              "  wasmaot validate app.wat\n"
              "  wasmaot validate --wasm-features=2.0 app.wasm\n"
              "  gunzip -c app.wasm.gz | wasmaot validate -\n"
              "\n"
              "Exit status: 0 all valid; 1 any rejected; 2 the command line was wrong.");
  auto Files = std::make_shared<std::vector<std::string>>();
  auto Features = std::make_shared<cli::FeatureFlags>();
  Features->addTo(*Cmd);
  Cmd->add_option("FILE", *Files, "WebAssembly modules (.wasm, or .wat); - reads stdin")
      ->required();
  Cmd->callback([&Run, Files, Features] {
    Run = [Files, Features] {
      if (runtime::Result<void> Known = Features->check(); !Known) {
        std::cerr << "wasmaot: error: " << Known.error().message() << "\n";
        return int(cli::ExitUsage);
      }
      bool AllValid = true;
      for (const std::string &Path : *Files)
        AllValid &= validateFile(Path, Features->features());
      return int(AllValid ? cli::ExitSuccess : cli::ExitRejected);
    };
  });
}
