//===- link/CRuntime.cpp ---------------------------------------------------===//
#include "link/CRuntime.h"

#include "support/Error.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace wasmaot;

llvm::Expected<CRuntime> CRuntime::read(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return makeError(ErrorKind::Link, WasmError::NoOffset,
                     "cannot use the C runtime description " + Path + ": " + Why);
  };
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Fail(Buffer.getError().message());
  CRuntime C;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  unsigned LineNumber = 0;
  for (llvm::StringRef Line : Lines) {
    ++LineNumber;
    Line = Line.trim();
    if (Line.empty() || Line.startswith("#"))
      continue;
    auto [Key, Value] = Line.split(' ');
    Value = Value.trim();
    if (Key == "pie" && (Value == "yes" || Value == "no")) {
      C.Pie = Value == "yes";
      continue;
    }
    std::vector<std::string> *List = Key == "start" ? &C.Start
                                     : Key == "libs" ? &C.Libs
                                     : Key == "end"  ? &C.End
                                                     : nullptr;
    if (!List || Value.empty())
      return Fail("line " + llvm::Twine(LineNumber) + " is not understood: '" + Line + "'");
    if (!llvm::sys::fs::exists(Value))
      return Fail("it lists " + Value + ", which does not exist (reinstall the target's C " +
                  "library, or rebuild wasmaot)");
    List->push_back(Value.str());
  }
  if (C.Start.empty() || C.Libs.empty())
    return Fail("it lists no start files or no libraries");
  return C;
}
