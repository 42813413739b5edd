//===- codegen/FrameTable.cpp ----------------------------------------------===//
#include "codegen/FrameTable.h"

#include "module/FrameTable.h"
#include "support/Error.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
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

/// The value of a symbol that relocates a row: its offset in its section,
/// and that section.
llvm::Expected<std::pair<uint64_t, llvm::object::section_iterator>>
symbolPosition(const llvm::object::SymbolRef &Symbol) {
  llvm::Expected<uint64_t> Value = Symbol.getValue();
  if (!Value)
    return Value.takeError();
  llvm::Expected<llvm::object::section_iterator> Section = Symbol.getSection();
  if (!Section)
    return Section.takeError();
  return std::make_pair(*Value, *Section);
}

/// Adds to Offsets what RISC-V's relocations of the rows say. LLVM 16's
/// RISC-V assembler leaves every label difference to the linker, as a pair
/// R_RISCV_ADD32 (end) and R_RISCV_SUB32 (start), even with linker
/// relaxation off. Relaxation is off for our code (target/Targets.h), so
/// the linker cannot change the distance, and it is the difference of the
/// two labels' offsets in the function's section.
llvm::Error applyRiscvDifferences(const llvm::object::SectionRef &Relocations,
                                  std::vector<uint32_t> &Offsets) {
  for (const llvm::object::RelocationRef &R : Relocations.relocations()) {
    uint64_t Type = R.getType();
    if (Type != llvm::ELF::R_RISCV_ADD32 && Type != llvm::ELF::R_RISCV_SUB32)
      return frameTableError("a row offset has relocation type " + llvm::Twine(Type));
    llvm::object::symbol_iterator Symbol = R.getSymbol();
    if (R.getOffset() % 4 != 0 || R.getOffset() / 4 >= Offsets.size() ||
        Symbol == R.getObject()->symbol_end())
      return frameTableError("a row offset relocation is not at a row");
    auto Position = symbolPosition(*Symbol);
    if (!Position)
      return Position.takeError();
    llvm::Expected<int64_t> Addend = llvm::object::ELFRelocationRef(R).getAddend();
    if (!Addend)
      return Addend.takeError();
    uint32_t Value = uint32_t(Position->first + uint64_t(*Addend));
    uint32_t &Offset = Offsets[R.getOffset() / 4];
    Offset = Type == llvm::ELF::R_RISCV_ADD32 ? Offset + Value : Offset - Value;
  }
  return llvm::Error::success();
}

/// The row offsets of Object's FrameRowsSection, resolved: by the assembler,
/// or on RISC-V by applyRiscvDifferences.
llvm::Expected<std::vector<uint32_t>> rowOffsets(const llvm::object::ObjectFile &Object) {
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
  llvm::Expected<llvm::StringRef> Contents = Rows->getContents();
  if (!Contents)
    return Contents.takeError();
  llvm::support::endianness Order =
      Object.isLittleEndian() ? llvm::support::little : llvm::support::big;
  std::vector<uint32_t> Offsets(Contents->size() / 4);
  for (size_t K = 0; K < Offsets.size(); ++K)
    Offsets[K] = llvm::support::endian::read32(Contents->data() + 4 * K, Order);

  for (const llvm::object::SectionRef &Section : Object.sections()) {
    llvm::Expected<llvm::object::section_iterator> Target = Section.getRelocatedSection();
    if (!Target)
      return Target.takeError();
    if (*Target == Object.section_end() || **Target != *Rows)
      continue;
    if (Object.getArch() != llvm::Triple::riscv64)
      return frameTableError("the assembler left relocations in the row offsets");
    if (llvm::Error E = applyRiscvDifferences(Section, Offsets))
      return E;
  }
  return Offsets;
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
  if (Offsets->size() != Rows.Rows.size())
    return frameTableError(llvm::Twine(Rows.Rows.size()) + " rows were recorded but " +
                           llvm::Twine(Offsets->size()) + " emitted");

  std::optional<uint32_t> Current;
  for (size_t K = 0; K < Rows.Rows.size(); ++K) {
    const FrameRows::Row &Row = Rows.Rows[K];
    if (Row.Func != Current) {
      Writer.beginFunction(Row.Func);
      Current = Row.Func;
    }
    Writer.addRow((*Offsets)[K], std::span(Rows.Frames).subspan(Row.FirstFrame, Row.Depth));
  }
  return Writer.finish();
}
