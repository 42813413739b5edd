//===- codegen/FrameRecorder.cpp -------------------------------------------===//
#include "codegen/FrameRecorder.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/AsmPrinterHandler.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCStreamer.h"

using namespace wasmaot;

namespace {

/// Records into Out; or, without Out, only says each row's frames in a
/// comment of the assembly text.
class FrameRecorder final : public llvm::AsmPrinterHandler {
public:
  FrameRecorder(llvm::AsmPrinter &Asm, FrameRows *Out) : Asm(Asm), Out(Out) {}

  void setSymbolSize(const llvm::MCSymbol *, uint64_t) override {}
  void beginFunction(const llvm::MachineFunction *MF) override;
  void endFunction(const llvm::MachineFunction *) override { InWasmFunction = false; }
  void beginInstruction(const llvm::MachineInstr *MI) override;
  void endInstruction() override {}
  void endModule() override;

private:
  void addRow(const llvm::DILocation *Loc);
  void comment(const llvm::DILocation *Loc);
  uint32_t functionOf(const llvm::DILocation *Loc);

  llvm::AsmPrinter &Asm;
  FrameRows *Out;
  /// Per row, its label and the symbol of its function.
  std::vector<std::pair<llvm::MCSymbol *, llvm::MCSymbol *>> Labels;
  llvm::DenseMap<const llvm::DISubprogram *, uint32_t> Functions;

  bool InWasmFunction = false;
  uint32_t Func = 0;
  const llvm::MachineBasicBlock *Block = nullptr;
  bool HasRow = false;
  const llvm::DILocation *Last = nullptr; // null: the last row is unknown
};

void FrameRecorder::beginFunction(const llvm::MachineFunction *MF) {
  // Only wasm functions' code is symbolized; they are named by their index.
  llvm::StringRef Name = MF->getName();
  InWasmFunction = Name.consume_front("wasm.func.") && !Name.getAsInteger(10, Func);
  Block = nullptr;
  HasRow = false;
  Last = nullptr;
}

void FrameRecorder::beginInstruction(const llvm::MachineInstr *MI) {
  if (!InWasmFunction || MI->isMetaInstruction())
    return;
  bool BlockStart = MI->getParent() != Block;
  Block = MI->getParent();
  const llvm::DILocation *Loc = MI->getDebugLoc().get();
  if (Loc) {
    if (HasRow && Loc == Last)
      return;
  } else {
    // Code without a location (spills, the prologue, what passes made
    // without one) belongs to the row before it, as in DWARF line tables;
    // but not at the start of a block, which code elsewhere branches to:
    // there it gets an unknown location of its own function.
    if (!BlockStart || (HasRow && !Last))
      return;
  }
  addRow(Loc);
}

void FrameRecorder::addRow(const llvm::DILocation *Loc) {
  HasRow = true;
  Last = Loc;
  if (!Out)
    return comment(Loc);
  llvm::MCSymbol *Label = Asm.OutContext.createTempSymbol();
  Asm.OutStreamer->emitLabel(Label);
  Labels.emplace_back(Label, Asm.CurrentFnSym);
  FrameRows::Row Row{Func, uint32_t(Out->Frames.size()), 0};
  if (!Loc)
    Out->Frames.push_back({Func, 0});
  for (const llvm::DILocation *L = Loc; L; L = L->getInlinedAt())
    Out->Frames.push_back({functionOf(L), L->getLine()});
  Row.Depth = Out->Frames.size() - Row.FirstFrame;
  Out->Rows.push_back(Row);
}

void FrameRecorder::comment(const llvm::DILocation *Loc) {
  if (!Loc)
    return Asm.OutStreamer->AddComment("wasm: unknown offset in func[" + llvm::Twine(Func) +
                                       "]");
  std::string Text = "wasm:";
  for (const llvm::DILocation *L = Loc; L; L = L->getInlinedAt())
    Text += (llvm::Twine(L == Loc ? " " : ", inlined at ") + "0x" +
             llvm::Twine::utohexstr(L->getLine()) + " in func[" + llvm::Twine(functionOf(L)) +
             "]")
                .str();
  Asm.OutStreamer->AddComment(Text);
}

uint32_t FrameRecorder::functionOf(const llvm::DILocation *Loc) {
  const llvm::DISubprogram *SP = Loc->getScope()->getSubprogram();
  if (auto It = Functions.find(SP); It != Functions.end())
    return It->second;
  // A subprogram is named by its function's index (DebugLocations::attach);
  // code of one that is not is taken to be the containing function's.
  uint32_t Index;
  if (!SP || SP->getName().getAsInteger(10, Index))
    return Func;
  Functions[SP] = Index;
  return Index;
}

void FrameRecorder::endModule() {
  if (!Out || Labels.empty())
    return;
  llvm::MCContext &Ctx = Asm.OutContext;
  Asm.OutStreamer->switchSection(
      Ctx.getELFSection(FrameRowsSection, llvm::ELF::SHT_PROGBITS, llvm::ELF::SHF_EXCLUDE));
  // Both symbols are in the code section: the assembler resolves their
  // difference to a constant once it has laid the code out.
  for (auto [Label, Start] : Labels)
    Asm.OutStreamer->emitValue(
        llvm::MCBinaryExpr::createSub(llvm::MCSymbolRefExpr::create(Label, Ctx),
                                      llvm::MCSymbolRefExpr::create(Start, Ctx), Ctx),
        4);
}

} // namespace

void wasmaot::recordFrames(llvm::AsmPrinter &Printer, FrameRows &Rows) {
  Printer.addAsmPrinterHandler({std::make_unique<FrameRecorder>(Printer, &Rows), "wasm-frames",
                                "Record wasm frames", "wasmaot", "wasmaot"});
}

void wasmaot::commentFrames(llvm::AsmPrinter &Printer) {
  Printer.addAsmPrinterHandler({std::make_unique<FrameRecorder>(Printer, nullptr),
                                "wasm-frames", "Comment wasm frames", "wasmaot", "wasmaot"});
}
