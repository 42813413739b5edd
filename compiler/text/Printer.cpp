//===- text/Printer.cpp - Module IR back to the text format -----------------===//
//
// Instructions are printed from their ir/Opcodes.def entry: the name, then
// the immediates their ImmKind says, in the syntax the text front end reads
// (InstructionParser.cpp). Floats are printed exactly: hexadecimal for
// numbers, `nan:0x...` with the payload for NaNs.
//
//===----------------------------------------------------------------------===//
#include "text/Printer.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::ir;

namespace {

class Printer {
public:
  Printer(const Module &M, llvm::raw_ostream &OS) : M(M), OS(OS) {}

  void print();

private:
  void printTypes();
  void printImport(const Import &I, uint32_t Index);
  void printFunction(uint32_t Index);
  /// `i64? min max?`
  void printLimits(const Limits &L, bool Is64);
  void printTable(const TableType &T);
  void printMemory(const MemoryType &T);
  void printGlobalType(const GlobalType &T);
  void printSegments();
  /// Instructions of a function body, one per line at Indent (blocks
  /// indent their contents), or of a constant expression (Indent 0), on
  /// one line; each after a space or a line break.
  void printInstructions(llvm::ArrayRef<Instruction> Body, const Function *F, unsigned Indent);
  void printInstruction(const Instruction &I, const Function *F);
  void printBlockType(const BlockType &BT);
  void printMemArg(const Instruction &I, bool AlwaysMemory);
  void printString(llvm::StringRef Bytes);
  /// `$name`, or `$"name"` when it has characters an id cannot.
  void printId(llvm::StringRef Name);
  void printF32(uint32_t Bits);
  void printF64(uint64_t Bits);

  /// The name section's function names that make valid, unique `$"..."` ids.
  void collectNames();

  const Module &M;
  llvm::raw_ostream &OS;
  llvm::DenseMap<uint32_t, std::string> FunctionIds;
};

llvm::StringRef heapTypeName(ValType T) { return T == ValType::FuncRef ? "func" : "extern"; }

void Printer::print() {
  collectNames();
  OS << "(module";
  printTypes();
  uint32_t Next[4] = {};
  for (const Import &I : M.Imports)
    printImport(I, Next[unsigned(I.Kind)]++);
  for (uint32_t F = M.NumImportedFuncs; F < M.Functions.size(); ++F)
    printFunction(F);
  for (uint32_t T = M.NumImportedTables; T < M.Tables.size(); ++T) {
    OS << "\n  (table ";
    printTable(M.Tables[T].Type);
    OS << ")";
  }
  for (uint32_t Mem = M.NumImportedMemories; Mem < M.Memories.size(); ++Mem) {
    OS << "\n  (memory ";
    printMemory(M.Memories[Mem].Type);
    OS << ")";
  }
  for (uint32_t G = M.NumImportedGlobals; G < M.Globals.size(); ++G) {
    OS << "\n  (global ";
    printGlobalType(M.Globals[G].Type);
    printInstructions(M.Globals[G].Init.Instrs, nullptr, 0);
    OS << ")";
  }
  for (const Export &E : M.Exports) {
    OS << "\n  (export ";
    printString(E.Name);
    OS << " (" << (E.Kind == ExternKind::Func ? "func" : toString(E.Kind)) << " " << E.Index
       << "))";
  }
  if (M.Start)
    OS << "\n  (start " << *M.Start << ")";
  printSegments();
  OS << ")\n";
}

void Printer::collectNames() {
  // The parser refuses empty and duplicate ids: a name given twice names
  // neither function, and references are by index anyway.
  llvm::DenseMap<llvm::StringRef, unsigned> Uses;
  for (const auto &[Index, Name] : M.Names.FunctionNames)
    ++Uses[Name];
  for (const auto &[Index, Name] : M.Names.FunctionNames)
    if (!Name.empty() && Uses[Name] == 1)
      FunctionIds[Index] = Name;
}

void Printer::printTypes() {
  for (const FuncType &T : M.Types) {
    OS << "\n  (type (func";
    if (!T.Params.empty()) {
      OS << " (param";
      for (ValType P : T.Params)
        OS << " " << toString(P);
      OS << ")";
    }
    if (!T.Results.empty()) {
      OS << " (result";
      for (ValType R : T.Results)
        OS << " " << toString(R);
      OS << ")";
    }
    OS << "))";
  }
}

void Printer::printImport(const Import &I, uint32_t Index) {
  OS << "\n  (import ";
  printString(I.ModuleName);
  OS << " ";
  printString(I.FieldName);
  switch (I.Kind) {
  case ExternKind::Func:
    OS << " (func";
    if (auto Id = FunctionIds.find(Index); Id != FunctionIds.end())
      printId(Id->second);
    OS << " (type " << M.Functions[Index].TypeIndex << "))";
    break;
  case ExternKind::Table:
    OS << " (table ";
    printTable(M.Tables[Index].Type);
    OS << ")";
    break;
  case ExternKind::Memory:
    OS << " (memory ";
    printMemory(M.Memories[Index].Type);
    OS << ")";
    break;
  case ExternKind::Global:
    OS << " (global ";
    printGlobalType(M.Globals[Index].Type);
    OS << ")";
    break;
  }
  OS << ")";
}

void Printer::printLimits(const Limits &L, bool Is64) {
  if (Is64)
    OS << "i64 ";
  OS << L.Min;
  if (L.Max)
    OS << " " << *L.Max;
}

void Printer::printTable(const TableType &T) {
  printLimits(T.Lim, T.Is64);
  OS << " " << toString(T.Elem);
}

void Printer::printMemory(const MemoryType &T) {
  printLimits(T.Lim, T.Is64);
  if (T.PageSizeLog2 != DefaultPageSizeLog2)
    OS << " (pagesize " << T.pageSize() << ")";
}

void Printer::printGlobalType(const GlobalType &T) {
  if (T.Mutable)
    OS << "(mut " << toString(T.Type) << ")";
  else
    OS << toString(T.Type);
}

void Printer::printFunction(uint32_t Index) {
  const Function &F = M.Functions[Index];
  OS << "\n  (func";
  if (auto Id = FunctionIds.find(Index); Id != FunctionIds.end())
    printId(Id->second);
  OS << " (type " << F.TypeIndex << ")";
  if (!F.Locals.empty()) {
    OS << "\n    (local";
    for (ValType L : F.Locals)
      OS << " " << toString(L);
    OS << ")";
  }
  // The body's final `end` is the function's closing parenthesis.
  llvm::ArrayRef<Instruction> Body(F.Body);
  printInstructions(Body.drop_back(), &F, 2);
  OS << ")";
}

void Printer::printSegments() {
  for (const ElemSegment &S : M.Elems) {
    OS << "\n  (elem";
    if (S.Mode == SegmentMode::Active) {
      OS << " (table " << S.Table << ") (offset";
      printInstructions(S.TableOffset.Instrs, nullptr, 0);
      OS << ")";
    } else if (S.Mode == SegmentMode::Declarative) {
      OS << " declare";
    }
    OS << " " << toString(S.Type);
    for (const ConstExpr &Init : S.Inits) {
      OS << " (item";
      printInstructions(Init.Instrs, nullptr, 0);
      OS << ")";
    }
    OS << ")";
  }
  for (const DataSegment &S : M.Datas) {
    OS << "\n  (data";
    if (S.Mode == SegmentMode::Active) {
      OS << " (memory " << S.Memory << ") (offset";
      printInstructions(S.MemoryOffset.Instrs, nullptr, 0);
      OS << ")";
    }
    OS << " ";
    printString(llvm::StringRef(reinterpret_cast<const char *>(S.Bytes.data()), S.Bytes.size()));
    OS << ")";
  }
}

void Printer::printInstructions(llvm::ArrayRef<Instruction> Body, const Function *F,
                                unsigned Indent) {
  for (const Instruction &I : Body) {
    // Indent 0: on one line (constant expressions).
    if (I.Op == Opcode::End || I.Op == Opcode::Else)
      Indent -= Indent ? 1 : 0;
    if (Indent)
      OS << "\n" << std::string(2 * Indent, ' ');
    else
      OS << " ";
    printInstruction(I, F);
    if (Indent && (I.Op == Opcode::Block || I.Op == Opcode::Loop || I.Op == Opcode::If ||
                   I.Op == Opcode::Else))
      ++Indent;
  }
}

void Printer::printBlockType(const BlockType &BT) {
  switch (BT.K) {
  case BlockType::Empty:
    return;
  case BlockType::Value:
    OS << " (result " << toString(BT.Type) << ")";
    return;
  case BlockType::TypeIndex:
    OS << " (type " << BT.Index << ")";
    return;
  }
}

void Printer::printMemArg(const Instruction &I, bool AlwaysMemory) {
  if (I.Mem.Memory != 0 || AlwaysMemory)
    OS << " " << I.Mem.Memory;
  if (I.Mem.Offset != 0)
    OS << " offset=" << I.Mem.Offset;
  unsigned NaturalLog2 = llvm::Log2_32(opcodeInfo(I.Op).Aux);
  if (I.Mem.AlignLog2 != NaturalLog2)
    OS << " align=" << (uint64_t(1) << I.Mem.AlignLog2);
}

void Printer::printInstruction(const Instruction &I, const Function *F) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  OS << Info.Name;
  switch (Info.Imm) {
  case ImmKind::None:
    return;
  case ImmKind::BlockType:
    return printBlockType(I.Block);
  case ImmKind::LabelIdx:
  case ImmKind::FuncIdx:
  case ImmKind::LocalIdx:
  case ImmKind::GlobalIdx:
  case ImmKind::TableIdx:
  case ImmKind::DataIdx:
  case ImmKind::ElemIdx:
    OS << " " << I.Index;
    return;
  case ImmKind::BrTable:
    for (uint32_t K = 0; K < I.Targets.Count; ++K)
      OS << " " << F->BrTableTargets[I.Targets.First + K];
    return;
  case ImmKind::CallIndirect:
    OS << " " << I.Pair.B << " (type " << I.Pair.A << ")";
    return;
  case ImmKind::MemArg:
    return printMemArg(I, /*AlwaysMemory=*/false);
  case ImmKind::MemArgLane:
    // A memory index always: a lone number after a lane instruction would
    // be read as the memory when an instruction follows on the next line.
    printMemArg(I, /*AlwaysMemory=*/true);
    OS << " " << unsigned(I.Lane);
    return;
  case ImmKind::MemIdx:
    if (I.Index != 0)
      OS << " " << I.Index;
    return;
  case ImmKind::I32:
    OS << " " << I.I32;
    return;
  case ImmKind::I64:
    OS << " " << I.I64;
    return;
  case ImmKind::F32:
    OS << " ";
    return printF32(I.F32Bits);
  case ImmKind::F64:
    OS << " ";
    return printF64(I.F64Bits);
  case ImmKind::V128: {
    OS << " i32x4";
    for (unsigned K = 0; K < 4; ++K) {
      uint32_t Lane;
      std::memcpy(&Lane, I.V128 + 4 * K, 4);
      OS << " 0x" << llvm::utohexstr(Lane, /*LowerCase=*/true);
    }
    return;
  }
  case ImmKind::Shuffle:
    for (uint8_t Lane : I.V128)
      OS << " " << unsigned(Lane);
    return;
  case ImmKind::Lane:
    OS << " " << unsigned(I.Lane);
    return;
  case ImmKind::SelectT:
    // A valid typed select has one type.
    OS << " (result " << toString(I.Type) << ")";
    return;
  case ImmKind::RefType:
    OS << " " << heapTypeName(I.Type);
    return;
  case ImmKind::MemoryInit:
  case ImmKind::TableInit:
    // Encoded (segment, target); written `target? segment`.
    OS << " " << I.Pair.B << " " << I.Pair.A;
    return;
  case ImmKind::MemoryCopy:
  case ImmKind::TableCopy:
    OS << " " << I.Pair.A << " " << I.Pair.B;
    return;
  }
}

void Printer::printString(llvm::StringRef Bytes) {
  OS << '"';
  for (unsigned char C : Bytes) {
    if (C >= 0x20 && C < 0x7F && C != '"' && C != '\\')
      OS << C;
    else
      OS << '\\' << llvm::hexdigit(C >> 4, true) << llvm::hexdigit(C & 15, true);
  }
  OS << '"';
}

void Printer::printId(llvm::StringRef Name) {
  auto IsIdChar = [](char C) {
    return llvm::isAlnum(C) || llvm::StringRef("!#$%&'*+-./:<=>?@\\^_`|~").contains(C);
  };
  OS << " $";
  if (llvm::all_of(Name, IsIdChar))
    OS << Name;
  else
    printString(Name);
}

void Printer::printF32(uint32_t Bits) {
  bool Negative = Bits >> 31;
  uint32_t Exponent = (Bits >> 23) & 0xFF, Mantissa = Bits & 0x7FFFFF;
  if (Exponent == 0xFF) {
    OS << (Negative ? "-" : "") << (Mantissa ? "nan:0x" + llvm::utohexstr(Mantissa, true) : "inf");
    return;
  }
  float F;
  std::memcpy(&F, &Bits, 4);
  // Every float is a double exactly; %a prints a double exactly.
  OS << llvm::format("%a", double(F));
}

void Printer::printF64(uint64_t Bits) {
  bool Negative = Bits >> 63;
  uint64_t Exponent = (Bits >> 52) & 0x7FF, Mantissa = Bits & ((uint64_t(1) << 52) - 1);
  if (Exponent == 0x7FF) {
    OS << (Negative ? "-" : "") << (Mantissa ? "nan:0x" + llvm::utohexstr(Mantissa, true) : "inf");
    return;
  }
  double D;
  std::memcpy(&D, &Bits, 8);
  OS << llvm::format("%a", D);
}

} // namespace

std::string wasmaot::text::printModule(const Module &M) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Printer(M, OS).print();
  return Text;
}
