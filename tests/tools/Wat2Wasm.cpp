//===- tests/tools/Wat2Wasm.cpp - Assemble a text module for tests ---------===//
//
// wasmaot-wat2wasm IN.wat -o OUT.wasm: assembles IN with wasmaot's own text
// front end (text/TextFormat.h) and writes the binary module to OUT. The
// tests and benchmarks that keep their inputs as text use it to make the
// binaries they feed to wasmaot. Like the front end, it does not validate:
// a deliberately invalid module assembles, and the validator under test
// rejects it. A module that does not parse fails with exit status 1 and
// `IN.wat:LINE:COL: malformed: ...` on stderr; bad usage exits with 2.
//
//===----------------------------------------------------------------------===//
#include "support/Error.h"
#include "text/TextFormat.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace wasmaot;

int main(int Argc, char **Argv) {
  const char *In = nullptr, *Out = nullptr;
  bool Usage = false;
  for (int I = 1; I < Argc; ++I) {
    if (!std::strcmp(Argv[I], "-o") && I + 1 < Argc && !Out)
      Out = Argv[++I];
    else if (Argv[I][0] != '-' && !In)
      In = Argv[I];
    else
      Usage = true;
  }
  if (Usage || !In || !Out) {
    llvm::errs() << "usage: wasmaot-wat2wasm IN.wat -o OUT.wasm\n";
    return 2;
  }
  auto Binary = assembleTextModule(In);
  if (!Binary) {
    llvm::errs() << consumeToString(In, Binary.takeError()) << "\n";
    return 1;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Out, EC, llvm::sys::fs::OF_None);
  if (!EC) {
    OS.write(reinterpret_cast<const char *>(Binary->data()), Binary->size());
    OS.close();
    EC = OS.error();
  }
  if (EC) {
    llvm::errs() << Out << ": error: cannot write: " << EC.message() << "\n";
    llvm::sys::fs::remove(Out);
    return 1;
  }
  return 0;
}
