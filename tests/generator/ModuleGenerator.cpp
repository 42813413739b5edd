//===- tests/generator/ModuleGenerator.cpp ---------------------------------===//
#include "ModuleGenerator.h"

#include "BodyGenerator.h"
#include "Constants.h"
#include "WasmWriter.h"

#include <string>

using namespace wasmaot::gen;

namespace {

constexpr uint8_t Block = 0x02, Loop = 0x03, End = 0x0B, Br = 0x0C, BrIf = 0x0D, Call = 0x10,
                  Select = 0x1B, LocalGet = 0x20, LocalSet = 0x21, GlobalGet = 0x23,
                  GlobalSet = 0x24, TableGet = 0x25, I64Load = 0x29, MemorySize = 0x3F,
                  I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,
                  I32GeU = 0x4F, F32Ne = 0x5C, F64Ne = 0x62, I32Add = 0x6A, I32Shl = 0x74,
                  I64Add = 0x7C, I64Mul = 0x7E, I64Xor = 0x85, I64ExtendI32U = 0xAD,
                  I32ReinterpretF32 = 0xBC, I64ReinterpretF64 = 0xBD, RefNull = 0xD0,
                  RefIsNull = 0xD1, RefFunc = 0xD2, Misc = 0xFC, Simd = 0xFD;

ValType randomType(Entropy &E, const GeneratorOptions &Options, bool Refs) {
  static constexpr ValType Scalars[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64};
  if (Refs && E.chance(8))
    return E.chance(60) ? ValType::FuncRef : ValType::ExternRef;
  if (Options.Simd && E.chance(12))
    return ValType::V128;
  return Scalars[E.below(4)];
}

/// The body of a harness function: instructions plus the locals they use.
class HarnessBody {
public:
  explicit HarnessBody(uint32_t NumParams) : NumParams(NumParams) {}

  uint32_t local(ValType T) {
    Locals.push_back(T);
    return NumParams + static_cast<uint32_t>(Locals.size() - 1);
  }

  /// Converts the value Push pushes (an instruction with one immediate,
  /// which may be repeated) into integers, appending their types to Results.
  void convert(ValType T, uint8_t PushOp, uint32_t PushIndex, std::vector<ValType> &Results) {
    auto Push = [&] {
      Code.byte(PushOp);
      Code.uleb(PushIndex);
    };
    switch (T) {
    case ValType::I32:
    case ValType::I64:
      Push();
      Results.push_back(T);
      return;
    case ValType::F32:
    case ValType::F64: { // select(canonical NaN, x, x != x), as bits
      bool F32 = T == ValType::F32;
      Code.byte(F32 ? F32Const : F64Const);
      Code.fixed(F32 ? 0x7FC00000 : 0x7FF8000000000000ull, F32 ? 4 : 8);
      Push(), Push(), Push();
      Code.byte(F32 ? F32Ne : F64Ne);
      Code.byte(Select);
      Code.byte(F32 ? I32ReinterpretF32 : I64ReinterpretF64);
      Results.push_back(F32 ? ValType::I32 : ValType::I64);
      return;
    }
    case ValType::V128: // v128 values are never NaN-nondeterministic
      for (unsigned Lane = 0; Lane < 2; ++Lane) {
        Push();
        Code.byte(Simd), Code.uleb(29), Code.byte(Lane); // i64x2.extract_lane
        Results.push_back(ValType::I64);
      }
      return;
    case ValType::FuncRef:
    case ValType::ExternRef:
      Push();
      Code.byte(RefIsNull);
      Results.push_back(ValType::I32);
      return;
    }
  }

  void write(WasmWriter &Out) const {
    WasmWriter Entry;
    Entry.uleb(Locals.size());
    for (ValType T : Locals)
      Entry.uleb(1), Entry.byte(static_cast<uint8_t>(T));
    Entry.append(Code);
    Entry.byte(End);
    Out.uleb(Entry.Bytes.size());
    Out.append(Entry);
  }

  WasmWriter Code;

private:
  uint32_t NumParams;
  std::vector<ValType> Locals;
};

/// A constant expression: the instruction and its end.
void constExpr(Entropy &E, WasmWriter &Out, ValType T, uint32_t NumInner) {
  if (T == ValType::FuncRef && E.chance(50)) {
    Out.byte(RefFunc), Out.uleb(E.below(NumInner));
  } else {
    writeConstant(E, Out, T);
  }
  Out.byte(End);
}

void i32ConstExpr(WasmWriter &Out, uint32_t V) {
  Out.byte(I32Const), Out.sleb(static_cast<int32_t>(V)), Out.byte(End);
}

class ModuleGenerator {
public:
  ModuleGenerator(Entropy &E, const GeneratorOptions &Options) : E(E), Options(Options) {}

  std::vector<uint8_t> generate() {
    shape();
    WasmWriter Codes;
    for (uint32_t F = 0; F < M.NumInner; ++F)
      BodyGenerator(E, M, Options, F).generate(Codes);
    harness(Codes);
    return assemble(Codes);
  }

private:
  void shape();
  void harness(WasmWriter &Codes);
  void wrapper(uint32_t F, WasmWriter &Codes);
  void globalsDump(WasmWriter &Codes);
  void tablesDump(WasmWriter &Codes);
  void memoryDump(WasmWriter &Codes);
  void addHarness(const std::string &Name, const HarnessBody &Body,
                  const std::vector<ValType> &Results, WasmWriter &Codes);
  std::vector<uint8_t> assemble(const WasmWriter &Codes);

  Entropy &E;
  const GeneratorOptions &Options;
  ModuleShape M;
  std::vector<std::string> ExportNames; // of the harness functions, in order
  struct Segment {
    bool Active;
    uint32_t Offset;
    std::vector<uint8_t> Bytes;
  };
  std::vector<Segment> Data;
};

void ModuleGenerator::shape() {
  M.NumInner = 1 + E.below(Options.MaxFunctions);
  for (uint32_t F = 0; F < M.NumInner; ++F) {
    FuncType T;
    for (unsigned K = 0, N = E.below(5); K < N; ++K)
      T.Params.push_back(randomType(E, Options, true));
    for (unsigned K = 0, N = E.below(4); K < N; ++K)
      T.Results.push_back(randomType(E, Options, true));
    M.FuncTypes.push_back(M.typeIndex(T));
  }

  M.Globals.push_back({ValType::I32, true}); // fuel
  for (unsigned K = 0, N = E.below(7); K < N; ++K)
    M.Globals.push_back({randomType(E, Options, true), E.chance(70)});

  uint32_t Min = 1 + E.below(8);
  M.Tables.push_back({ValType::FuncRef, Min, Min + E.below(5)});
  if (E.chance(50)) {
    Min = E.below(4);
    M.Tables.push_back({ValType::ExternRef, Min, Min + E.below(4)});
  }

  M.MemoryPages = 1 + E.below(2);
  M.MemoryMaxPages = M.MemoryPages + E.below(3);
  for (unsigned K = 0, N = E.below(4); K < N; ++K) {
    Segment S{E.chance(50), 0, {}};
    for (unsigned B = 0, Length = E.below(40); B < Length; ++B)
      S.Bytes.push_back(static_cast<uint8_t>(E.below(256)));
    if (S.Active)
      S.Offset = E.chance(50) ? E.below(256)
                              : E.below(M.MemoryPages * 65536 - S.Bytes.size() + 1);
    M.DataLengths.push_back(S.Bytes.size());
    M.DataActive.push_back(S.Active);
    Data.push_back(std::move(S));
  }

  // Element segments: table 0's active one, a passive one with every
  // generated function (which also declares them for ref.func), and a
  // passive externref one when there is an externref table.
  for (uint32_t Slot = 0, N = E.below(M.Tables[0].Min + 1); Slot < N; ++Slot)
    M.InitialSlots.push_back(E.chance(85) ? E.below(M.NumInner) : ~0u);
  M.ElemTypes = {ValType::FuncRef, ValType::FuncRef};
  M.ElemLengths = {static_cast<uint32_t>(M.InitialSlots.size()), M.NumInner};
  if (M.Tables.size() > 1) {
    M.ElemTypes.push_back(ValType::ExternRef);
    M.ElemLengths.push_back(E.below(4));
  }
}

void ModuleGenerator::addHarness(const std::string &Name, const HarnessBody &Body,
                                 const std::vector<ValType> &Results, WasmWriter &Codes) {
  M.FuncTypes.push_back(M.typeIndex({{}, Results}));
  ExportNames.push_back(Name);
  Body.write(Codes);
}

void ModuleGenerator::wrapper(uint32_t F, WasmWriter &Codes) {
  const FuncType Type = M.funcType(F);
  HarnessBody Body(0);
  Body.Code.byte(I32Const), Body.Code.sleb(static_cast<int32_t>(Options.Fuel));
  Body.Code.byte(GlobalSet), Body.Code.uleb(0);
  for (ValType T : Type.Params) {
    if (T == ValType::FuncRef && E.chance(50)) {
      Body.Code.byte(RefFunc), Body.Code.uleb(E.below(M.NumInner));
      continue;
    }
    writeConstant(E, Body.Code, T);
  }
  Body.Code.byte(Call), Body.Code.uleb(F);
  std::vector<uint32_t> Saved(Type.Results.size());
  for (size_t K = 0; K < Type.Results.size(); ++K)
    Saved[K] = Body.local(Type.Results[K]);
  for (size_t K = Type.Results.size(); K-- > 0;)
    Body.Code.byte(LocalSet), Body.Code.uleb(Saved[K]);
  std::vector<ValType> Results;
  for (size_t K = 0; K < Type.Results.size(); ++K)
    Body.convert(Type.Results[K], LocalGet, Saved[K], Results);
  addHarness("f" + std::to_string(F), Body, Results, Codes);
}

void ModuleGenerator::globalsDump(WasmWriter &Codes) {
  HarnessBody Body(0);
  std::vector<ValType> Results;
  for (uint32_t G = 1; G < M.Globals.size(); ++G)
    Body.convert(M.Globals[G].Type, GlobalGet, G, Results);
  addHarness("globals", Body, Results, Codes);
}

void ModuleGenerator::tablesDump(WasmWriter &Codes) {
  HarnessBody Body(0);
  WasmWriter &C = Body.Code;
  std::vector<ValType> Results;
  for (uint32_t T = 0; T < M.Tables.size(); ++T) {
    // size, then hash = hash * 31 + is_null(slot) over the slots
    uint32_t I = Body.local(ValType::I32), H = Body.local(ValType::I64);
    C.byte(Misc), C.uleb(16), C.uleb(T); // table.size
    C.byte(Block), C.byte(0x40), C.byte(Loop), C.byte(0x40);
    C.byte(LocalGet), C.uleb(I), C.byte(Misc), C.uleb(16), C.uleb(T);
    C.byte(I32GeU), C.byte(BrIf), C.uleb(1);
    C.byte(LocalGet), C.uleb(H), C.byte(I64Const), C.sleb(31), C.byte(I64Mul);
    C.byte(LocalGet), C.uleb(I), C.byte(TableGet), C.uleb(T), C.byte(RefIsNull);
    C.byte(I64ExtendI32U), C.byte(I64Add), C.byte(LocalSet), C.uleb(H);
    C.byte(LocalGet), C.uleb(I), C.byte(I32Const), C.sleb(1), C.byte(I32Add);
    C.byte(LocalSet), C.uleb(I), C.byte(Br), C.uleb(0), C.byte(End), C.byte(End);
    C.byte(LocalGet), C.uleb(H);
    Results.push_back(ValType::I32);
    Results.push_back(ValType::I64);
  }
  addHarness("tables", Body, Results, Codes);
}

void ModuleGenerator::memoryDump(WasmWriter &Codes) {
  // pages, then hash = (hash ^ word) * FNV prime over the 8-byte words
  HarnessBody Body(0);
  WasmWriter &C = Body.Code;
  uint32_t I = Body.local(ValType::I32), H = Body.local(ValType::I64);
  C.byte(MemorySize), C.byte(0);
  C.byte(Block), C.byte(0x40), C.byte(Loop), C.byte(0x40);
  C.byte(LocalGet), C.uleb(I), C.byte(MemorySize), C.byte(0), C.byte(I32Const), C.sleb(16);
  C.byte(I32Shl), C.byte(I32GeU), C.byte(BrIf), C.uleb(1);
  C.byte(LocalGet), C.uleb(H), C.byte(LocalGet), C.uleb(I), C.byte(I64Load), C.uleb(3),
      C.uleb(0);
  C.byte(I64Xor), C.byte(I64Const), C.sleb(0x100000001b3), C.byte(I64Mul);
  C.byte(LocalSet), C.uleb(H);
  C.byte(LocalGet), C.uleb(I), C.byte(I32Const), C.sleb(8), C.byte(I32Add);
  C.byte(LocalSet), C.uleb(I), C.byte(Br), C.uleb(0), C.byte(End), C.byte(End);
  C.byte(LocalGet), C.uleb(H);
  addHarness("memory", Body, {ValType::I32, ValType::I64}, Codes);
}

void ModuleGenerator::harness(WasmWriter &Codes) {
  for (uint32_t F = 0; F < M.NumInner; ++F)
    wrapper(F, Codes);
  globalsDump(Codes);
  tablesDump(Codes);
  memoryDump(Codes);
}

std::vector<uint8_t> ModuleGenerator::assemble(const WasmWriter &Codes) {
  WasmWriter Out;
  Out.fixed(0x6D736100, 4); // "\0asm"
  Out.fixed(1, 4);

  WasmWriter Types;
  Types.uleb(M.Types.size());
  for (const FuncType &T : M.Types) {
    Types.byte(0x60);
    Types.uleb(T.Params.size());
    for (ValType V : T.Params)
      Types.byte(static_cast<uint8_t>(V));
    Types.uleb(T.Results.size());
    for (ValType V : T.Results)
      Types.byte(static_cast<uint8_t>(V));
  }
  Out.section(1, Types);

  WasmWriter Funcs;
  Funcs.uleb(M.FuncTypes.size());
  for (uint32_t T : M.FuncTypes)
    Funcs.uleb(T);
  Out.section(3, Funcs);

  WasmWriter Tables;
  Tables.uleb(M.Tables.size());
  for (const TableDesc &T : M.Tables)
    Tables.byte(static_cast<uint8_t>(T.Elem)), Tables.byte(1), Tables.uleb(T.Min),
        Tables.uleb(T.Max);
  Out.section(4, Tables);

  WasmWriter Memory;
  Memory.uleb(1), Memory.byte(1), Memory.uleb(M.MemoryPages), Memory.uleb(M.MemoryMaxPages);
  Out.section(5, Memory);

  WasmWriter Globals;
  Globals.uleb(M.Globals.size());
  Globals.byte(static_cast<uint8_t>(ValType::I32)), Globals.byte(1);
  i32ConstExpr(Globals, Options.Fuel);
  for (size_t G = 1; G < M.Globals.size(); ++G) {
    Globals.byte(static_cast<uint8_t>(M.Globals[G].Type));
    Globals.byte(M.Globals[G].Mutable);
    constExpr(E, Globals, M.Globals[G].Type, M.NumInner);
  }
  Out.section(6, Globals);

  WasmWriter Exports;
  Exports.uleb(ExportNames.size());
  for (size_t K = 0; K < ExportNames.size(); ++K)
    Exports.name(ExportNames[K]), Exports.byte(0), Exports.uleb(M.NumInner + K);
  Out.section(7, Exports);

  WasmWriter Elems;
  Elems.uleb(M.ElemTypes.size());
  bool Expressions = E.chance(50) || M.InitialSlots.empty();
  for (uint32_t F : M.InitialSlots)
    Expressions |= F == ~0u;
  if (Expressions) { // flags 4: table 0, element expressions
    Elems.byte(4), i32ConstExpr(Elems, 0), Elems.uleb(M.InitialSlots.size());
    for (uint32_t F : M.InitialSlots) {
      if (F == ~0u)
        Elems.byte(RefNull), Elems.byte(static_cast<uint8_t>(ValType::FuncRef));
      else
        Elems.byte(RefFunc), Elems.uleb(F);
      Elems.byte(End);
    }
  } else { // flags 0: table 0, function indices
    Elems.byte(0), i32ConstExpr(Elems, 0), Elems.uleb(M.InitialSlots.size());
    for (uint32_t F : M.InitialSlots)
      Elems.uleb(F);
  }
  Elems.byte(1), Elems.byte(0), Elems.uleb(M.NumInner); // flags 1: passive, funcref
  for (uint32_t F = 0; F < M.NumInner; ++F)
    Elems.uleb(F);
  if (M.ElemTypes.size() > 2) { // flags 5: passive, externref expressions
    Elems.byte(5), Elems.byte(static_cast<uint8_t>(ValType::ExternRef));
    Elems.uleb(M.ElemLengths[2]);
    for (uint32_t K = 0; K < M.ElemLengths[2]; ++K)
      Elems.byte(RefNull), Elems.byte(static_cast<uint8_t>(ValType::ExternRef)),
          Elems.byte(End);
  }
  Out.section(9, Elems);

  WasmWriter DataCount;
  DataCount.uleb(Data.size());
  Out.section(12, DataCount);

  WasmWriter Code;
  Code.uleb(M.FuncTypes.size());
  Code.append(Codes);
  Out.section(10, Code);

  WasmWriter Datas;
  Datas.uleb(Data.size());
  for (const Segment &S : Data) {
    if (S.Active)
      Datas.byte(0), i32ConstExpr(Datas, S.Offset);
    else
      Datas.byte(1);
    Datas.uleb(S.Bytes.size());
    for (uint8_t B : S.Bytes)
      Datas.byte(B);
  }
  Out.section(11, Datas);
  return Out.Bytes;
}

} // namespace

std::vector<uint8_t> wasmaot::gen::generateModule(Entropy &E, const GeneratorOptions &Options) {
  return ModuleGenerator(E, Options).generate();
}
