//===- spectest/RoundTrip.cpp ----------------------------------------------===//
#include "RoundTrip.h"

#include "decoder/Decoder.h"
#include "text/Printer.h"
#include "text/TextFormat.h"
#include "validator/Validator.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstring>

using namespace wasmaot;

namespace {

/// Where A and B, modules of one decoder, differ in anything but the byte
/// offsets they were decoded from and custom sections other than `name`;
/// empty when they do not.
std::string moduleDifference(const ir::Module &A, const ir::Module &B) {
  auto SameInstrs = [](llvm::ArrayRef<ir::Instruction> X, llvm::ArrayRef<ir::Instruction> Y) {
    if (X.size() != Y.size())
      return false;
    // The immediates' union starts zeroed, so whole-union compares work.
    for (size_t K = 0; K < X.size(); ++K)
      if (X[K].Op != Y[K].Op || X[K].Lane != Y[K].Lane ||
          std::memcmp(X[K].V128, Y[K].V128, sizeof X[K].V128) != 0)
        return false;
    return true;
  };
  auto SameExpr = [&](const ir::ConstExpr &X, const ir::ConstExpr &Y) {
    return SameInstrs(X.Instrs, Y.Instrs);
  };
  if (A.Types != B.Types)
    return "types differ";
  if (A.Imports.size() != B.Imports.size())
    return "import counts differ";
  for (size_t K = 0; K < A.Imports.size(); ++K)
    if (A.Imports[K].ModuleName != B.Imports[K].ModuleName ||
        A.Imports[K].FieldName != B.Imports[K].FieldName || A.Imports[K].Kind != B.Imports[K].Kind)
      return "import " + std::to_string(K) + " differs";
  if (A.Functions.size() != B.Functions.size())
    return "function counts differ";
  for (size_t K = 0; K < A.Functions.size(); ++K) {
    const ir::Function &F = A.Functions[K], &G = B.Functions[K];
    if (F.TypeIndex != G.TypeIndex || F.Imported != G.Imported || F.Locals != G.Locals ||
        !SameInstrs(F.Body, G.Body) || F.BrTableTargets != G.BrTableTargets)
      return "function " + std::to_string(K) + " differs";
  }
  if (A.Tables.size() != B.Tables.size())
    return "table counts differ";
  for (size_t K = 0; K < A.Tables.size(); ++K) {
    const ir::TableType &T = A.Tables[K].Type, &U = B.Tables[K].Type;
    if (T.Elem != U.Elem || T.Is64 != U.Is64 || T.Lim.Min != U.Lim.Min || T.Lim.Max != U.Lim.Max)
      return "table " + std::to_string(K) + " differs";
  }
  if (A.Memories.size() != B.Memories.size())
    return "memory counts differ";
  for (size_t K = 0; K < A.Memories.size(); ++K) {
    const ir::MemoryType &T = A.Memories[K].Type, &U = B.Memories[K].Type;
    if (T.Is64 != U.Is64 || T.PageSizeLog2 != U.PageSizeLog2 || T.Shared != U.Shared ||
        T.Lim.Min != U.Lim.Min || T.Lim.Max != U.Lim.Max)
      return "memory " + std::to_string(K) + " differs";
  }
  if (A.Globals.size() != B.Globals.size())
    return "global counts differ";
  for (size_t K = 0; K < A.Globals.size(); ++K)
    if (A.Globals[K].Type.Type != B.Globals[K].Type.Type ||
        A.Globals[K].Type.Mutable != B.Globals[K].Type.Mutable ||
        !SameExpr(A.Globals[K].Init, B.Globals[K].Init))
      return "global " + std::to_string(K) + " differs";
  if (A.Exports.size() != B.Exports.size())
    return "export counts differ";
  for (size_t K = 0; K < A.Exports.size(); ++K)
    if (A.Exports[K].Name != B.Exports[K].Name || A.Exports[K].Kind != B.Exports[K].Kind ||
        A.Exports[K].Index != B.Exports[K].Index)
      return "export " + std::to_string(K) + " differs";
  if (A.Start != B.Start)
    return "start functions differ";
  if (A.Elems.size() != B.Elems.size())
    return "element segment counts differ";
  for (size_t K = 0; K < A.Elems.size(); ++K) {
    const ir::ElemSegment &E = A.Elems[K], &F = B.Elems[K];
    bool Same = E.Mode == F.Mode && E.Type == F.Type && E.Table == F.Table &&
                SameExpr(E.TableOffset, F.TableOffset) && E.Inits.size() == F.Inits.size();
    for (size_t I = 0; Same && I < E.Inits.size(); ++I)
      Same = SameExpr(E.Inits[I], F.Inits[I]);
    if (!Same)
      return "element segment " + std::to_string(K) + " differs";
  }
  if (A.Datas.size() != B.Datas.size())
    return "data segment counts differ";
  for (size_t K = 0; K < A.Datas.size(); ++K) {
    const ir::DataSegment &D = A.Datas[K], &E = B.Datas[K];
    if (D.Mode != E.Mode || D.Memory != E.Memory || D.Bytes != E.Bytes ||
        !SameExpr(D.MemoryOffset, E.MemoryOffset))
      return "data segment " + std::to_string(K) + " differs";
  }
  return "";
}

} // namespace

std::string wasmaot::spectest::checkRoundTrip(llvm::StringRef Path,
                                             const ir::Features &Features) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "cannot read it: " + Buffer.getError().message();
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                                (*Buffer)->getBufferSize());
  auto M = decodeModule(Bytes, Features);
  if (!M) {
    llvm::consumeError(M.takeError());
    return "";
  }
  if (llvm::Error E = validateModule(*M, Features)) {
    llvm::consumeError(std::move(E));
    return "";
  }
  std::string Text = text::printModule(*M);
  auto Reassembled = assembleText(Text);
  if (!Reassembled)
    return "the printed text does not assemble: " + llvm::toString(Reassembled.takeError()) +
           "\n" + Text;
  auto Again = decodeModule(*Reassembled, Features);
  if (!Again)
    return "the printed text assembles into a module that does not decode: " +
           llvm::toString(Again.takeError());
  if (std::string Difference = moduleDifference(*M, *Again); !Difference.empty())
    return "the printed text assembles into another module (" + Difference + "):\n" + Text;
  // Function names too, where the printer could write them as ids.
  std::string Reprinted = text::printModule(*Again);
  if (Reprinted != Text)
    return "printing the reassembled module gives other text:\n" + Text + "---\n" + Reprinted;
  return "";
}

