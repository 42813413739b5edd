//===- codegen/FrameTable.cpp ----------------------------------------------===//
#include "codegen/FrameTable.h"

#include "module/FrameTable.h"
#include "support/Error.h"

#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/Object/ObjectFile.h"

#include <map>

using namespace wasmaot;

namespace {

/// Where a wasm function's code starts: (section index, offset).
using CodeStart = std::pair<uint64_t, uint64_t>;

llvm::Error objectError(const llvm::Twine &Why) {
  return makeError(ErrorKind::Codegen, WasmError::NoOffset,
                   "cannot read the frame table's debug info: " + Why);
}

} // namespace

llvm::Expected<std::vector<uint8_t>> wasmaot::buildFrameTable(llvm::ArrayRef<char> Object) {
  llvm::MemoryBufferRef Buffer(llvm::StringRef(Object.data(), Object.size()), "object");
  auto Obj = llvm::object::ObjectFile::createObjectFile(Buffer);
  if (!Obj)
    return objectError(llvm::toString(Obj.takeError()));

  // The defined wasm functions, by where their code starts.
  std::map<CodeStart, uint32_t> Functions;
  for (const llvm::object::SymbolRef &Sym : (*Obj)->symbols()) {
    llvm::Expected<llvm::StringRef> Name = Sym.getName();
    llvm::Expected<uint64_t> Address = Sym.getAddress();
    llvm::Expected<llvm::object::section_iterator> Section = Sym.getSection();
    if (!Name || !Address || !Section) {
      llvm::consumeError(Name.takeError());
      llvm::consumeError(Address.takeError());
      llvm::consumeError(Section.takeError());
      continue;
    }
    uint32_t Index;
    if (!Name->consume_front("wasm.func.") || Name->getAsInteger(10, Index) ||
        *Section == (*Obj)->section_end())
      continue;
    Functions[{(*Section)->getIndex(), *Address}] = Index;
  }

  std::unique_ptr<llvm::DWARFContext> Dwarf = llvm::DWARFContext::create(**Obj);
  llvm::DILineInfoSpecifier Spec(llvm::DILineInfoSpecifier::FileLineInfoKind::RawValue,
                                 llvm::DILineInfoSpecifier::FunctionNameKind::ShortName);
  // Every address where the line table starts a row, in order.
  std::map<CodeStart, bool> Addresses;
  for (const auto &Unit : Dwarf->compile_units())
    if (const llvm::DWARFDebugLine::LineTable *Lines = Dwarf->getLineTableForUnit(Unit.get()))
      for (const llvm::DWARFDebugLine::Row &Row : Lines->Rows)
        if (!Row.EndSequence)
          Addresses[{Row.Address.SectionIndex, Row.Address.Address}] = true;

  runtime::FrameTableWriter Writer;
  std::vector<runtime::WasmFrame> Frames;
  auto Current = Functions.end();
  for (const auto &[Where, Unused] : Addresses) {
    // Every wasm function is in one section (WASMAOT_CODE_SECTION); a row
    // whose section is not resolved (UndefSection) is taken to be in it.
    uint64_t Section = Where.first;
    if (Section == llvm::object::SectionedAddress::UndefSection && !Functions.empty())
      Section = Functions.begin()->first.first;
    auto Next = Functions.upper_bound({Section, Where.second});
    if (Next == Functions.begin() || std::prev(Next)->first.first != Section)
      continue; // not in a wasm function's section
    auto Containing = std::prev(Next);
    if (Containing != Current) {
      Writer.beginFunction(Containing->second);
      Current = Containing;
    }
    llvm::DIInliningInfo Inlining =
        Dwarf->getInliningInfoForAddress({Where.second, Where.first}, Spec);
    Frames.clear();
    uint32_t Depth = Inlining.getNumberOfFrames();
    for (uint32_t K = 0; K < Depth; ++K) {
      const llvm::DILineInfo &Frame = Inlining.getFrame(K);
      uint32_t Func;
      // With line tables only, LLVM gives a function into which nothing was
      // inlined no subprogram entry: its frame has no name, and is the
      // containing function's.
      if (llvm::StringRef(Frame.FunctionName).getAsInteger(10, Func)) {
        if (K + 1 < Depth)
          break;
        Func = Containing->second;
      }
      Frames.push_back({Func, Frame.Line});
    }
    if (!Frames.empty())
      Writer.addRow(Where.second - Containing->first.second, Frames);
  }
  return Writer.finish();
}
