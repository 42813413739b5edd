//===- tests/differential/InterpreterEngine.cpp ----------------------------===//
#include "Engines.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace wasmaot::difftest;

InterpreterEngine::InterpreterEngine(std::string Interpreter, std::string WorkDir)
    : Interpreter(std::move(Interpreter)), WorkDir(std::move(WorkDir)) {}

static std::string readFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : "";
}

Outcome InterpreterEngine::run(const std::vector<uint8_t> &Wasm) {
  Outcome O;
  std::string Input = WorkDir + "/module.wasm", Out = WorkDir + "/interp.out",
              Err = WorkDir + "/interp.err";
  {
    std::error_code EC;
    llvm::raw_fd_ostream File(Input, EC);
    File.write(reinterpret_cast<const char *>(Wasm.data()), Wasm.size());
    if (EC || File.has_error()) {
      O.Failure = "cannot write " + Input;
      return O;
    }
  }
  // The redirections do not truncate what an earlier run left.
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  // Stacks deep enough for any generated module: fuel bounds its depth.
  llvm::StringRef Args[] = {Interpreter, "--run-all-exports", "-C", "100000",
                            "-V",        "10000000",          Input};
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  std::string Message;
  int Status = llvm::sys::ExecuteAndWait(Interpreter, Args, std::nullopt, Redirects,
                                         /*SecondsToWait=*/120, 0, &Message);
  if (Status != 0) {
    O.Failure = "the reference failed (" +
                (Message.empty() ? "exit status " + std::to_string(Status) : Message) +
                "): " + readFile(Err);
    return O;
  }
  return parseInterpreterOutput(readFile(Out));
}
