//===- lowering/ModuleInfoBuilder.cpp - Module IR to runtime ModuleInfo ----===//
#include "lowering/ModuleInfoBuilder.h"

#include "ir/Features.h"

#include <algorithm>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::ir;
using runtime::ConstInit;

namespace {

std::vector<uint8_t> typeCodes(const std::vector<ValType> &Types) {
  std::vector<uint8_t> Codes;
  for (ValType T : Types)
    Codes.push_back(static_cast<uint8_t>(T));
  return Codes;
}

runtime::LimitsInfo limits(const Limits &L) { return {L.Min, L.Max}; }

/// One instruction of a constant expression, as validation admits them.
ConstInit constOp(const Instruction &I) {
  ConstInit C;
  auto Store = [&](const void *P, size_t N) { std::memcpy(C.Bytes, P, N); };
  switch (I.Op) {
  case Opcode::I32Const:
    C.K = ConstInit::I32;
    Store(&I.I32, 4);
    break;
  case Opcode::I64Const:
    C.K = ConstInit::I64;
    Store(&I.I64, 8);
    break;
  case Opcode::F32Const:
    C.K = ConstInit::F32;
    Store(&I.F32Bits, 4);
    break;
  case Opcode::F64Const:
    C.K = ConstInit::F64;
    Store(&I.F64Bits, 8);
    break;
  case Opcode::V128Const:
    C.K = ConstInit::V128;
    Store(I.V128, 16);
    break;
  case Opcode::RefNull:
    C.K = ConstInit::RefNull;
    break;
  case Opcode::RefFunc:
    C.K = ConstInit::RefFunc;
    C.Index = I.Index;
    break;
  case Opcode::GlobalGet:
    C.K = ConstInit::GlobalGet;
    C.Index = I.Index;
    break;
  case Opcode::I32Add:
    C.K = ConstInit::I32Add;
    break;
  case Opcode::I32Sub:
    C.K = ConstInit::I32Sub;
    break;
  case Opcode::I32Mul:
    C.K = ConstInit::I32Mul;
    break;
  case Opcode::I64Add:
    C.K = ConstInit::I64Add;
    break;
  case Opcode::I64Sub:
    C.K = ConstInit::I64Sub;
    break;
  case Opcode::I64Mul:
    C.K = ConstInit::I64Mul;
    break;
  default:
    assert(false && "validation admits no other constant instruction");
  }
  return C;
}

/// A constant expression: inline when it is one instruction (all of Wasm
/// 2.0's), a program otherwise.
ConstInit constInit(const ConstExpr &E) {
  if (E.Instrs.size() == 1)
    return constOp(E.Instrs.front());
  ConstInit C;
  C.K = ConstInit::Program;
  for (const Instruction &I : E.Instrs)
    C.Ops.push_back(constOp(I));
  return C;
}

} // namespace

runtime::ModuleInfo wasmaot::lowering::buildModuleInfo(const Module &WM,
                                                       const MemoryImage *Image) {
  runtime::ModuleInfo M;
  for (const FuncType &T : WM.Types)
    M.Types.push_back({typeCodes(T.Params), typeCodes(T.Results)});

  // Imports take the next index of their kind, in order.
  uint32_t Next[4] = {};
  for (const Import &I : WM.Imports) {
    auto Kind = static_cast<runtime::ExternKind>(I.Kind);
    M.Imports.push_back({I.ModuleName, I.FieldName, Kind, Next[unsigned(Kind)]++});
  }

  for (const Function &F : WM.Functions)
    M.FuncTypes.push_back(F.TypeIndex);
  M.NumImportedFuncs = WM.NumImportedFuncs;
  for (const Table &T : WM.Tables)
    M.Tables.push_back({static_cast<uint8_t>(T.Type.Elem), limits(T.Type.Lim), T.Type.Is64});
  M.NumImportedTables = WM.NumImportedTables;
  for (const Memory &Mem : WM.Memories)
    M.Memories.push_back({limits(Mem.Type.Lim), Mem.Type.Is64, Mem.Type.PageSizeLog2});
  M.NumImportedMemories = WM.NumImportedMemories;
  for (const Global &G : WM.Globals) {
    runtime::GlobalInfo Info{static_cast<uint8_t>(G.Type.Type), G.Type.Mutable, {}};
    if (!G.Imported)
      Info.Init = constInit(G.Init);
    M.Globals.push_back(Info);
  }
  M.NumImportedGlobals = WM.NumImportedGlobals;

  for (const Export &E : WM.Exports)
    M.Exports.push_back({E.Name, static_cast<runtime::ExternKind>(E.Kind), E.Index});
  M.Start = WM.Start;

  for (const ElemSegment &E : WM.Elems) {
    runtime::ElemSegmentInfo Info;
    Info.M = static_cast<runtime::ElemSegmentInfo::Mode>(E.Mode);
    Info.Table = E.Table;
    if (E.Mode == SegmentMode::Active)
      Info.Offset = constInit(E.TableOffset);
    for (const ConstExpr &Init : E.Inits)
      Info.Inits.push_back(constInit(Init));
    M.Elems.push_back(std::move(Info));
  }
  for (const DataSegment &D : WM.Datas) {
    runtime::DataSegmentInfo Info;
    Info.Active = D.Mode == SegmentMode::Active;
    Info.Memory = D.Memory;
    if (Info.Active)
      Info.Offset = constInit(D.MemoryOffset);
    if (!Info.Active || !Image)
      Info.Bytes = D.Bytes;
    M.Datas.push_back(Info);
  }
  if (Image)
    M.MemoryImage = runtime::MemoryImageInfo{Image->Offset, Image->Bytes.size()};

  for (const auto &[Index, Name] : WM.Names.FunctionNames)
    M.FunctionNames.emplace_back(Index, Name);
  std::sort(M.FunctionNames.begin(), M.FunctionNames.end());
  M.Features = Features::usedBy(WM).toString();
  return M;
}
