//===- codegen/FrameTable.cpp ----------------------------------------------===//
#include "codegen/FrameTable.h"

#include "module/FrameTable.h"
#include "support/Error.h"

#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Endian.h"

#include <optional>
#include <span>

using namespace wasmaot;

namespace {

llvm::Error frameTableError(const llvm::Twine &Why) {
  return makeError(ErrorKind::Codegen, WasmError::NoOffset,
                   "cannot build the frame table: " + Why +
                       "; please report this as a wasmaot bug");
}

/// The contents of Object's FrameRowsSection, which must be resolved: no
/// relocation may apply to it.
llvm::Expected<llvm::StringRef> rowOffsets(const llvm::object::ObjectFile &Object) {
  std::optional<llvm::object::SectionRef> Rows;
  for (const llvm::object::SectionRef &Section : Object.sections()) {
    llvm::Expected<llvm::StringRef> Name = Section.getName();
    if (!Name)
      return Name.takeError();
    if (*Name == FrameRowsSection)
      Rows = Section;
  }
  if (!Rows)
    return frameTableError(llvm::Twine("the object has no ") + FrameRowsSection + " section");
  for (const llvm::object::SectionRef &Section : Object.sections()) {
    llvm::Expected<llvm::object::section_iterator> Target = Section.getRelocatedSection();
    if (!Target)
      return Target.takeError();
    if (*Target != Object.section_end() && **Target == *Rows)
      return frameTableError("the assembler left relocations in the row offsets");
  }
  return Rows->getContents();
}

} // namespace

llvm::Expected<std::vector<uint8_t>> wasmaot::buildFrameTable(llvm::ArrayRef<char> Object,
                                                              const FrameRows &Rows) {
  runtime::FrameTableWriter Writer;
  if (Rows.Rows.empty())
    return Writer.finish();
  llvm::MemoryBufferRef Buffer(llvm::StringRef(Object.data(), Object.size()), "object");
  auto Obj = llvm::object::ObjectFile::createObjectFile(Buffer);
  if (!Obj)
    return Obj.takeError();
  auto Offsets = rowOffsets(**Obj);
  if (!Offsets)
    return Offsets.takeError();
  if (Offsets->size() != Rows.Rows.size() * 4)
    return frameTableError(llvm::Twine(Rows.Rows.size()) + " rows were recorded but " +
                           llvm::Twine(Offsets->size() / 4) + " emitted");

  llvm::support::endianness Order =
      (*Obj)->isLittleEndian() ? llvm::support::little : llvm::support::big;
  std::optional<uint32_t> Current;
  for (size_t K = 0; K < Rows.Rows.size(); ++K) {
    const FrameRows::Row &Row = Rows.Rows[K];
    if (Row.Func != Current) {
      Writer.beginFunction(Row.Func);
      Current = Row.Func;
    }
    uint32_t Offset = llvm::support::endian::read32(Offsets->data() + 4 * K, Order);
    Writer.addRow(Offset, std::span(Rows.Frames).subspan(Row.FirstFrame, Row.Depth));
  }
  return Writer.finish();
}
