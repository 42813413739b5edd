//===- ir/Features.cpp -----------------------------------------------------===//
#include "ir/Features.h"

#include "ir/Module.h"

#include "llvm/ADT/SmallVector.h"

using namespace wasmaot::ir;

namespace {

struct FeatureInfo {
  llvm::StringLiteral Name;
  llvm::StringLiteral Summary;
  bool InWasm3;
};

constexpr FeatureInfo Infos[NumFeatures] = {
#define WASM_FEATURE(Enum, Name, InWasm3, Summary) {Name, Summary, InWasm3},
#include "ir/Features.def"
};

} // namespace

llvm::StringRef wasmaot::ir::featureName(Feature F) { return Infos[unsigned(F)].Name; }
llvm::StringRef wasmaot::ir::featureSummary(Feature F) { return Infos[unsigned(F)].Summary; }

std::optional<Feature> wasmaot::ir::featureFromName(llvm::StringRef Name) {
  for (unsigned K = 0; K < NumFeatures; ++K)
    if (Infos[K].Name == Name)
      return Feature(K);
  return std::nullopt;
}

Features Features::wasm3() {
  Features Result;
  for (unsigned K = 0; K < NumFeatures; ++K)
    Result.set(Feature(K), Infos[K].InWasm3);
  return Result;
}

Features Features::all() {
  Features Result;
  for (unsigned K = 0; K < NumFeatures; ++K)
    Result.set(Feature(K));
  return Result;
}

llvm::Error Features::apply(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  List.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item == "2.0" || Item == "3.0" || Item == "all") {
      *this = Item == "2.0" ? wasm2() : Item == "3.0" ? wasm3() : all();
      continue;
    }
    bool On = !Item.consume_front("-");
    if (On)
      Item.consume_front("+");
    auto F = featureFromName(Item);
    if (!F)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown WebAssembly feature '%s'", Item.str().c_str());
    set(*F, On);
  }
  return llvm::Error::success();
}

std::string Features::toString() const {
  std::string Result;
  for (unsigned K = 0; K < NumFeatures; ++K) {
    if (!has(Feature(K)))
      continue;
    if (!Result.empty())
      Result += ',';
    Result += Infos[K].Name.str();
  }
  return Result;
}

Features Features::usedBy(const Module &M) {
  Features Used;
  Used.set(Feature::MultiMemory, M.Memories.size() > 1);
  for (const Memory &Mem : M.Memories) {
    if (Mem.Type.Is64)
      Used.set(Feature::Memory64);
    if (Mem.Type.PageSizeLog2 != DefaultPageSizeLog2)
      Used.set(Feature::CustomPageSizes);
  }
  for (const Table &T : M.Tables)
    if (T.Type.Is64)
      Used.set(Feature::Memory64);

  auto ScanConst = [&](const ConstExpr &E) {
    for (const Instruction &I : E.Instrs) {
      switch (I.Op) {
      case Opcode::I32Add:
      case Opcode::I32Sub:
      case Opcode::I32Mul:
      case Opcode::I64Add:
      case Opcode::I64Sub:
      case Opcode::I64Mul:
        Used.set(Feature::ExtendedConst);
        break;
      case Opcode::GlobalGet:
        if (I.Index >= M.NumImportedGlobals)
          Used.set(Feature::ConstGlobals);
        break;
      default:
        break;
      }
    }
  };
  for (const Global &G : M.Globals)
    ScanConst(G.Init);
  for (const ElemSegment &S : M.Elems) {
    ScanConst(S.TableOffset);
    for (const ConstExpr &E : S.Inits)
      ScanConst(E);
  }
  for (const DataSegment &S : M.Datas)
    ScanConst(S.MemoryOffset);

  for (const Function &F : M.Functions)
    for (const Instruction &I : F.Body) {
      if (I.Op == Opcode::ReturnCall || I.Op == Opcode::ReturnCallIndirect)
        Used.set(Feature::TailCall);
      if (isRelaxedSimd(I.Op))
        Used.set(Feature::RelaxedSimd);
    }
  return Used;
}
