//===- text/TextFormat.cpp - Modules in the WebAssembly text format --------===//
#include "text/TextFormat.h"

#include "support/Error.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

using namespace wasmaot;

bool wasmaot::isTextModule(llvm::ArrayRef<uint8_t> Bytes) {
  static constexpr uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  return Bytes.size() < 4 || !std::equal(Magic, Magic + 4, Bytes.begin());
}

llvm::Expected<std::vector<uint8_t>> wasmaot::assembleTextModule(llvm::StringRef Path) {
  auto Wat2Wasm = llvm::sys::findProgramByName("wat2wasm");
  if (!Wat2Wasm)
    return makeError(ErrorKind::Unsupported, 0,
                     "text-format modules need wabt's wat2wasm on PATH (Debian package "
                     "`wabt`); compile a binary .wasm module instead");

  llvm::SmallString<128> Output, Diagnostics;
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot-wat", "wasm", Output))
    return makeError(ErrorKind::Io, 0, "cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveOutput(Output);
  if (auto EC = llvm::sys::fs::createTemporaryFile("wasmaot-wat", "txt", Diagnostics))
    return makeError(ErrorKind::Io, 0, "cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveDiagnostics(Diagnostics);

  // Every feature of Wasm 2.0 is on by default in wabt; --no-check leaves
  // validation to wasmaot's validator, which reports it the same way as for
  // binary modules.
  llvm::StringRef Args[] = {*Wat2Wasm, "--no-check", Path, "-o", Output};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                llvm::StringRef(Diagnostics)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Wat2Wasm, Args, std::nullopt, Redirects,
                                         /*SecondsToWait=*/60, 0, &ExecError);
  if (Status < 0)
    return makeError(ErrorKind::Io, 0, "cannot run " + *Wat2Wasm + ": " + ExecError);
  if (Status != 0) {
    auto Text = llvm::MemoryBuffer::getFile(Diagnostics);
    std::string Message = Text ? (*Text)->getBuffer().trim().str() : "wat2wasm failed";
    // wat2wasm names the file in each line ("PATH:LINE:COLUMN: error: WHAT");
    // the caller names it once.
    llvm::StringRef First = llvm::StringRef(Message).split('\n').first;
    if (First.starts_with(Path))
      First = First.drop_front(Path.size()).ltrim(':');
    auto [LineText, AfterLine] = First.split(':');
    auto [ColumnText, What] = AfterLine.split(':');
    unsigned Line = 0, Column = 0;
    if (LineText.getAsInteger(10, Line) || ColumnText.getAsInteger(10, Column) || !Line)
      return makeError(ErrorKind::Malformed, WasmError::NoOffset, First.trim());
    What = What.trim();
    What.consume_front("error:");
    return llvm::Error(WasmError::atText(ErrorKind::Malformed, Line, Column, What.trim().str()));
  }
  auto Binary = llvm::MemoryBuffer::getFile(Output, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Binary)
    return makeError(ErrorKind::Io, 0, "cannot read wat2wasm's output: " +
                                           Binary.getError().message());
  llvm::StringRef B = (*Binary)->getBuffer();
  return std::vector<uint8_t>(B.begin(), B.end());
}
