//===- validator/ModuleValidator.cpp - Module-level validation -------------===//
#include "support/Error.h"
#include "validator/FunctionValidator.h"
#include "validator/Validator.h"

#include "llvm/ADT/StringSet.h"

using namespace wasmaot;
using namespace wasmaot::ir;

namespace {

class ModuleValidator {
public:
  ModuleValidator(const Module &M, const Features &Enabled) : M(M), Enabled(Enabled) {}

  llvm::Error validate();

private:
  llvm::Error validateLimits(const Limits &L, uint64_t Bound, uint32_t Offset,
                             llvm::StringRef What);
  llvm::Error validateMemoryType(const Memory &Mem);
  /// GlobalBound: the globals E may read (the earlier ones, in a global's
  /// initializer).
  llvm::Error validateConstExpr(const ConstExpr &E, ValType Expected, uint32_t GlobalBound);
  void collectDeclaredFuncRefs();

  const Module &M;
  const Features &Enabled;
  llvm::DenseSet<uint32_t> DeclaredFuncRefs;
};

} // namespace

llvm::Error wasmaot::validateModule(const Module &M, const Features &Enabled) {
  return ModuleValidator(M, Enabled).validate();
}

llvm::Error ModuleValidator::validateLimits(const Limits &L, uint64_t Bound, uint32_t Offset,
                                            llvm::StringRef What) {
  if (L.Min > Bound || (L.Max && *L.Max > Bound))
    return invalid(Offset, What + " size must be at most " + llvm::Twine(Bound) +
                               (What == "memory" ? " pages" : ""));
  if (L.Max && L.Min > *L.Max)
    return invalid(Offset, "size minimum must not be greater than maximum: " +
                               llvm::Twine(L.Min) + " > " + llvm::Twine(*L.Max));
  return llvm::Error::success();
}

llvm::Error ModuleValidator::validateMemoryType(const Memory &Mem) {
  const MemoryType &T = Mem.Type;
  if (T.PageSizeLog2 != DefaultPageSizeLog2 && T.PageSizeLog2 != 0)
    return invalid(Mem.Offset, "invalid custom page size: 2^" + llvm::Twine(T.PageSizeLog2) +
                                   " (only 1 and 65536 are)");
  return validateLimits(T.Lim, T.maxPages(), Mem.Offset, "memory");
}

/// Constant expressions may use constants, reference constructors, integer
/// add, sub and mul (extended constant expressions), and global.get of
/// immutable globals: imported ones in Wasm 2.0, any below GlobalBound
/// with const-globals (Wasm 3.0).
llvm::Error ModuleValidator::validateConstExpr(const ConstExpr &E, ValType Expected,
                                               uint32_t GlobalBound) {
  if (!Enabled.has(Feature::ConstGlobals))
    GlobalBound = M.NumImportedGlobals;
  std::vector<ValType> Stack;
  for (const Instruction &I : E.Instrs) {
    switch (I.Op) {
    case Opcode::I32Const:
      Stack.push_back(ValType::I32);
      break;
    case Opcode::I64Const:
      Stack.push_back(ValType::I64);
      break;
    case Opcode::F32Const:
      Stack.push_back(ValType::F32);
      break;
    case Opcode::F64Const:
      Stack.push_back(ValType::F64);
      break;
    case Opcode::V128Const:
      Stack.push_back(ValType::V128);
      break;
    case Opcode::RefNull:
      Stack.push_back(I.Type);
      break;
    case Opcode::RefFunc:
      if (I.Index >= M.Functions.size())
        return invalid(I.Offset, "unknown function " + llvm::Twine(I.Index));
      Stack.push_back(ValType::FuncRef);
      break;
    case Opcode::I32Add:
    case Opcode::I32Sub:
    case Opcode::I32Mul:
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul: {
      if (!Enabled.has(Feature::ExtendedConst))
        return invalid(I.Offset, "constant expression required: " + opcodeName(I.Op) +
                                     " needs extended-const");
      bool Is64 = I.Op == Opcode::I64Add || I.Op == Opcode::I64Sub || I.Op == Opcode::I64Mul;
      ValType T = Is64 ? ValType::I64 : ValType::I32;
      if (Stack.size() < 2 || Stack.back() != T || Stack[Stack.size() - 2] != T)
        return invalid(I.Offset, "type mismatch: " + opcodeName(I.Op) + " needs two " +
                                     toString(T) + " operands");
      Stack.pop_back();
      break;
    }
    case Opcode::GlobalGet: {
      if (I.Index >= GlobalBound)
        return invalid(I.Offset, "unknown global " + llvm::Twine(I.Index) +
                                     (Enabled.has(Feature::ConstGlobals)
                                          ? " (constant expressions may only read earlier globals)"
                                          : " (constant expressions may only read imported globals)"));
      const GlobalType &T = M.Globals[I.Index].Type;
      if (T.Mutable)
        return invalid(I.Offset, "constant expression required: global " +
                                     llvm::Twine(I.Index) + " is mutable");
      Stack.push_back(T.Type);
      break;
    }
    default:
      return invalid(I.Offset, "constant expression required: " + opcodeName(I.Op) +
                                   " is not a constant instruction");
    }
  }
  if (Stack.size() != 1 || Stack[0] != Expected)
    return invalid(E.Offset, "type mismatch: constant expression must produce one " +
                                 toString(Expected));
  return llvm::Error::success();
}

void ModuleValidator::collectDeclaredFuncRefs() {
  auto Collect = [&](const ConstExpr &E) {
    for (const Instruction &I : E.Instrs)
      if (I.Op == Opcode::RefFunc)
        DeclaredFuncRefs.insert(I.Index);
  };
  for (const Global &G : M.Globals)
    Collect(G.Init);
  for (const ElemSegment &S : M.Elems)
    for (const ConstExpr &E : S.Inits)
      Collect(E);
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func)
      DeclaredFuncRefs.insert(E.Index);
}

llvm::Error ModuleValidator::validate() {
  for (const Function &F : M.Functions)
    if (F.TypeIndex >= M.Types.size())
      return invalid(F.Offset, "unknown type " + llvm::Twine(F.TypeIndex));
  for (const Table &T : M.Tables)
    if (auto E = validateLimits(T.Type.Lim, T.Type.Is64 ? MaxTable64Elems : MaxTableElems,
                                T.Offset, "table"))
      return E;
  if (M.Memories.size() > 1 && !Enabled.has(Feature::MultiMemory))
    return invalid(M.Memories[1].Offset, "multiple memories (needs multi-memory)");
  for (const Memory &Mem : M.Memories)
    if (auto E = validateMemoryType(Mem))
      return E;

  collectDeclaredFuncRefs();
  for (uint32_t Index = M.NumImportedGlobals; Index < M.Globals.size(); ++Index)
    if (auto E = validateConstExpr(M.Globals[Index].Init, M.Globals[Index].Type.Type, Index))
      return E;
  uint32_t AllGlobals = M.Globals.size();

  llvm::StringSet<> ExportNames;
  for (const Export &E : M.Exports) {
    size_t Bound = 0;
    switch (E.Kind) {
    case ExternKind::Func:
      Bound = M.Functions.size();
      break;
    case ExternKind::Table:
      Bound = M.Tables.size();
      break;
    case ExternKind::Memory:
      Bound = M.Memories.size();
      break;
    case ExternKind::Global:
      Bound = M.Globals.size();
      break;
    }
    if (E.Index >= Bound)
      return invalid(E.Offset, "unknown " +
                                   (E.Kind == ExternKind::Func ? "function" : toString(E.Kind)) +
                                   " " + llvm::Twine(E.Index) +
                                   " in export \"" + E.Name + "\"");
    if (!ExportNames.insert(E.Name).second)
      return invalid(E.Offset, "duplicate export name \"" + E.Name + "\"");
  }

  if (M.Start) {
    if (*M.Start >= M.Functions.size())
      return invalid(M.StartOffset, "unknown function " + llvm::Twine(*M.Start));
    const FuncType &T = M.funcType(*M.Start);
    if (!T.Params.empty() || !T.Results.empty())
      return invalid(M.StartOffset, "start function must have type [] -> [], has " +
                                        toString(T));
  }

  for (const ElemSegment &S : M.Elems) {
    if (S.Mode == SegmentMode::Active) {
      if (S.Table >= M.Tables.size())
        return invalid(S.Offset, "unknown table " + llvm::Twine(S.Table));
      if (M.Tables[S.Table].Type.Elem != S.Type)
        return invalid(S.Offset, "type mismatch: element segment of " + toString(S.Type) +
                                     " for a table of " +
                                     toString(M.Tables[S.Table].Type.Elem));
      if (auto E = validateConstExpr(S.TableOffset, M.Tables[S.Table].Type.addressType(),
                                     AllGlobals))
        return E;
    }
    for (const ConstExpr &Init : S.Inits)
      if (auto E = validateConstExpr(Init, S.Type, AllGlobals))
        return E;
  }

  for (const DataSegment &S : M.Datas) {
    if (S.Mode != SegmentMode::Active)
      continue;
    if (S.Memory >= M.Memories.size())
      return invalid(S.Offset, "unknown memory " + llvm::Twine(S.Memory));
    if (auto E = validateConstExpr(S.MemoryOffset, M.Memories[S.Memory].Type.addressType(),
                                   AllGlobals))
      return E;
  }

  ValidationContext Ctx{M, DeclaredFuncRefs, Enabled};
  for (uint32_t Index = M.NumImportedFuncs; Index < M.Functions.size(); ++Index) {
    if (auto E = FunctionValidator(Ctx, M.Functions[Index]).validate())
      return withContext(std::move(E), "in function " + M.functionDisplayName(Index));
  }
  return llvm::Error::success();
}
