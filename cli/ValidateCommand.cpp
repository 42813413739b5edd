//===- cli/ValidateCommand.cpp - `wasmaot validate FILE...` ----------------===//
#include "Commands.h"

#include "decoder/Decoder.h"
#include "support/Error.h"
#include "validator/Validator.h"

#include "llvm/Support/MemoryBuffer.h"

#include <spdlog/spdlog.h>

#include <iostream>

using namespace wasmaot;

namespace {

/// Decodes and validates one file; prints a diagnostic and returns false when
/// it is not a valid module.
bool validateFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                                   /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    std::cerr << Path << ": error: cannot read file: " << Buffer.getError().message() << "\n";
    return false;
  }
  llvm::ArrayRef<uint8_t> Bytes(
      reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()), (*Buffer)->getBufferSize());
  auto M = decodeModule(Bytes);
  if (!M) {
    std::cerr << consumeToString(Path, M.takeError()) << "\n";
    return false;
  }
  if (auto E = validateModule(*M)) {
    std::cerr << consumeToString(Path, std::move(E)) << "\n";
    return false;
  }
  spdlog::debug("{}: valid: {} types, {} imports, {} functions ({} defined), {} tables, "
                "{} memories, {} globals, {} exports, {} element and {} data segments",
                Path, M->Types.size(), M->Imports.size(), M->Functions.size(),
                M->Functions.size() - M->NumImportedFuncs, M->Tables.size(),
                M->Memories.size(), M->Globals.size(), M->Exports.size(), M->Elems.size(),
                M->Datas.size());
  return true;
}

} // namespace

void wasmaot::cli::addValidateCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("validate", "Check that modules decode and validate "
                                             "(WebAssembly 2.0); exit 1 if any does not");
  Cmd->footer("Each rejected FILE gets one line on stderr, FILE:0xOFFSET: KIND: MESSAGE\n"
              "(CONTEXT), where KIND is malformed (not the binary format) or invalid\n"
              "(breaks a typing rule), or FILE: error: MESSAGE when it cannot be read.\n"
              "Valid modules print nothing unless the global -v/--verbose flag (before\n"
              "or after `validate`) asks for a summary of each on stdout.\n"
              "\n"
              "Examples:\n"
              "  wasmaot validate app.wasm lib.wasm\n"
              "  wasmaot validate -v app.wasm\n"
              "  wat2wasm app.wat -o - | wasmaot validate -\n"
              "\n"
              "Exit status: 0 all valid; 1 any rejected; 2 the command line was wrong.");
  auto Files = std::make_shared<std::vector<std::string>>();
  Cmd->add_option("FILE", *Files, "WebAssembly binary modules (.wasm); - reads stdin")
      ->required();
  Cmd->callback([&Run, Files] {
    Run = [Files] {
      bool AllValid = true;
      for (const std::string &Path : *Files)
        AllValid &= validateFile(Path);
      return AllValid ? cli::ExitSuccess : cli::ExitRejected;
    };
  });
}
