//===- support/Error.cpp ---------------------------------------------------===//
#include "support/Error.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace wasmaot;

char WasmError::ID = 0;

llvm::StringRef wasmaot::toString(ErrorKind K) {
  switch (K) {
  case ErrorKind::Malformed:
    return "malformed";
  case ErrorKind::Invalid:
    return "invalid";
  case ErrorKind::Unlinkable:
    return "unlinkable";
  case ErrorKind::Trap:
    return "trap";
  case ErrorKind::Io:
    return "error";
  case ErrorKind::Codegen:
    return "codegen error";
  case ErrorKind::Link:
    return "link error";
  case ErrorKind::Unsupported:
    return "unsupported";
  }
  llvm_unreachable("unknown error kind");
}

void WasmError::log(llvm::raw_ostream &OS) const {
  if (Line != 0)
    OS << Line << ":" << Column << ": ";
  else if (Offset != NoOffset)
    OS << llvm::format("0x%llx: ", static_cast<unsigned long long>(Offset));
  OS << toString(Kind) << ": " << Message;
  if (!Context.empty())
    OS << " (" << Context << ")";
}

std::error_code WasmError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Error wasmaot::withContext(llvm::Error E, const llvm::Twine &Context) {
  return llvm::handleErrors(std::move(E), [&](std::unique_ptr<WasmError> W) -> llvm::Error {
    if (W->context().empty())
      W->setContext(Context.str());
    return llvm::Error(std::move(W));
  });
}

std::string wasmaot::consumeToString(llvm::StringRef File, llvm::Error E) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::handleAllErrors(
      std::move(E),
      [&](const WasmError &W) {
        if (!File.empty())
          OS << File << (W.hasPosition() ? ":" : ": ");
        W.log(OS);
      },
      [&](const llvm::ErrorInfoBase &Other) {
        if (!File.empty())
          OS << File << ": ";
        OS << "error: " << Other.message();
      });
  return OS.str();
}
