//===- tests/generator/BodyGenerator.cpp - Dispatch, control, variables ----===//
#include "BodyGenerator.h"

#include <algorithm>

using namespace wasmaot::gen;

namespace {
constexpr uint8_t Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04,
                  Else = 0x05, End = 0x0B, Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E,
                  Return = 0x0F, Call = 0x10, CallIndirect = 0x11, Drop = 0x1A, Select = 0x1B,
                  SelectT = 0x1C, LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22,
                  GlobalGet = 0x23, GlobalSet = 0x24, I32Const = 0x41, I32Eqz = 0x45,
                  I32Sub = 0x6B, I32And = 0x71;
} // namespace

BodyGenerator::BodyGenerator(Entropy &E, ModuleShape &M, const GeneratorOptions &Options,
                             uint32_t Func)
    : E(E), M(M), Options(Options), Func(Func), Sig(M.funcType(Func)), Locals(Sig.Params),
      Scratch(256, ~0u) {}

void BodyGenerator::generate(WasmWriter &Out) {
  unsigned Declared = E.below(6);
  for (unsigned K = 0; K < Declared; ++K)
    Locals.push_back(anyType());

  Labels.push_back({Sig.Results});
  spendFuel();
  sequence(Sig.Results);
  op(End);

  // Locals as runs of one type, in order (scratch ones were appended).
  WasmWriter Entry;
  std::vector<std::pair<uint32_t, ValType>> Runs;
  for (size_t K = Sig.Params.size(); K < Locals.size(); ++K) {
    if (!Runs.empty() && Runs.back().second == Locals[K])
      ++Runs.back().first;
    else
      Runs.push_back({1, Locals[K]});
  }
  Entry.uleb(Runs.size());
  for (auto [Count, Type] : Runs) {
    Entry.uleb(Count);
    Entry.byte(static_cast<uint8_t>(Type));
  }
  Entry.append(Code);
  Out.uleb(Entry.Bytes.size());
  Out.append(Entry);
}

void BodyGenerator::op(uint8_t Opcode) {
  Code.byte(Opcode);
  ++Emitted;
}

void BodyGenerator::prefixed(uint8_t Prefix, uint32_t Opcode) {
  op(Prefix);
  Code.uleb(Opcode);
}

void BodyGenerator::blockType(const std::vector<ValType> &Params,
                              const std::vector<ValType> &Results) {
  if (Params.empty() && Results.empty())
    return Code.byte(0x40);
  if (Params.empty() && Results.size() == 1)
    return Code.byte(static_cast<uint8_t>(Results[0]));
  // A type index, as a positive signed LEB128 (the type section is written
  // after every body).
  Code.sleb(M.typeIndex({Params, Results}));
}

bool BodyGenerator::leavesOnly() const {
  return Depth >= Options.MaxDepth || Emitted >= Options.MaxInstructions || E.exhausted();
}

ValType BodyGenerator::numericType() {
  static constexpr ValType Scalars[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64};
  if (Options.Simd && E.chance(12))
    return ValType::V128;
  return Scalars[E.below(4)];
}

ValType BodyGenerator::anyType() {
  if (E.chance(8))
    return E.chance(60) ? ValType::FuncRef : ValType::ExternRef;
  return numericType();
}

void BodyGenerator::values(const std::vector<ValType> &Ts) {
  for (ValType T : Ts)
    value(T);
}

void BodyGenerator::value(ValType T) {
  if (leavesOnly())
    return leaf(T);
  ++Depth;
  // One position in four takes a form any type has (locals, calls, blocks).
  if (!E.chance(25) || !common(T)) {
    switch (T) {
    case ValType::I32: valueI32(); break;
    case ValType::I64: valueI64(); break;
    case ValType::F32: valueF32(); break;
    case ValType::F64: valueF64(); break;
    case ValType::V128: valueV128(); break;
    case ValType::FuncRef:
    case ValType::ExternRef: valueRef(T); break;
    }
  }
  --Depth;
}

void BodyGenerator::leaf(ValType T) {
  if (E.chance(40) && localGet(T))
    return;
  constant(T);
}

bool BodyGenerator::common(ValType T) {
  switch (E.below(9)) {
  case 0: return localGet(T);
  case 1: return localTee(T);
  case 2: return globalGet(T);
  case 3: select(T); return true;
  case 4: return call(T);
  case 5: return callIndirect(T);
  case 6: block({T}); return true;
  case 7: ifElse({T}); return true;
  default: loop({T}); return true;
  }
}

uint32_t BodyGenerator::localIndex(ValType T) {
  std::vector<uint32_t> Candidates;
  for (uint32_t K = 0; K < Locals.size(); ++K)
    if (Locals[K] == T && std::find(Scratch.begin(), Scratch.end(), K) == Scratch.end() &&
        std::find(Reserved.begin(), Reserved.end(), K) == Reserved.end())
      Candidates.push_back(K);
  if (Candidates.empty())
    return ~0u;
  return Candidates[E.below(Candidates.size())];
}

uint32_t BodyGenerator::scratch(ValType T) {
  uint32_t &Index = Scratch[static_cast<uint8_t>(T)];
  if (Index == ~0u) {
    Index = static_cast<uint32_t>(Locals.size());
    Locals.push_back(T);
  }
  return Index;
}

bool BodyGenerator::localGet(ValType T) {
  uint32_t Local = localIndex(T);
  if (Local == ~0u)
    return false;
  op(LocalGet);
  Code.uleb(Local);
  return true;
}

bool BodyGenerator::localTee(ValType T) {
  uint32_t Local = localIndex(T);
  if (Local == ~0u)
    return false;
  value(T);
  op(LocalTee);
  Code.uleb(Local);
  return true;
}

bool BodyGenerator::globalGet(ValType T) {
  std::vector<uint32_t> Candidates;
  for (uint32_t K = 0; K < M.Globals.size(); ++K)
    if (M.Globals[K].Type == T)
      Candidates.push_back(K);
  if (Candidates.empty())
    return false;
  op(GlobalGet);
  Code.uleb(Candidates[E.below(Candidates.size())]);
  return true;
}

void BodyGenerator::select(ValType T) {
  value(T);
  value(T);
  value(ValType::I32);
  // The untyped select is only valid for numeric operands.
  if (T == ValType::V128 || isRef(T) || E.chance(30)) {
    op(SelectT);
    Code.uleb(1);
    Code.byte(static_cast<uint8_t>(T));
    return;
  }
  op(Select);
}

/// With the values of Results on the stack, keeps the last one of type T.
void BodyGenerator::keepOne(const std::vector<ValType> &Results, ValType T) {
  size_t Keep = Results.size();
  while (Results[--Keep] != T) {
  }
  for (size_t K = Results.size() - 1; K > Keep; --K)
    op(Drop);
  if (Keep == 0)
    return;
  op(LocalSet);
  Code.uleb(scratch(T));
  for (size_t K = 0; K < Keep; ++K)
    op(Drop);
  op(LocalGet);
  Code.uleb(scratch(T));
}

void BodyGenerator::dropAll(const std::vector<ValType> &Ts) {
  for (size_t K = 0; K < Ts.size(); ++K)
    op(Drop);
}

/// Mostly a function after this one, so that most calls do not recurse
/// (recursion runs until the fuel is out); ~0u if there is none.
uint32_t BodyGenerator::callee(const std::vector<uint32_t> &Candidates) {
  if (Candidates.empty())
    return ~0u;
  std::vector<uint32_t> Later;
  for (uint32_t F : Candidates)
    if (F > Func)
      Later.push_back(F);
  if (!Later.empty() && E.chance(90))
    return Later[E.below(Later.size())];
  return Candidates[E.below(Candidates.size())];
}

bool BodyGenerator::call(ValType T) {
  std::vector<uint32_t> Candidates;
  for (uint32_t F = 0; F < M.NumInner; ++F) {
    const auto &Results = M.funcType(F).Results;
    if (std::find(Results.begin(), Results.end(), T) != Results.end())
      Candidates.push_back(F);
  }
  uint32_t F = callee(Candidates);
  if (F == ~0u)
    return false;
  FuncType Type = M.funcType(F); // a copy: operands may add block types
  values(Type.Params);
  op(Call);
  Code.uleb(F);
  keepOne(Type.Results, T);
  return true;
}

bool BodyGenerator::callIndirect(ValType T) {
  std::vector<uint32_t> Candidates;
  for (uint32_t K = 0; K < M.Types.size(); ++K) {
    const auto &Results = M.Types[K].Results;
    if (std::find(Results.begin(), Results.end(), T) != Results.end())
      Candidates.push_back(K);
  }
  if (Candidates.empty())
    return false;
  uint32_t Type = Candidates[E.below(Candidates.size())];
  FuncType Callee = M.Types[Type];
  values(Callee.Params);
  // Mostly a slot the active segment filled with a function of this type;
  // sometimes any slot (null, of another type, or out of bounds: each traps
  // differently), or a computed one.
  std::vector<uint32_t> Slots;
  for (uint32_t Slot = 0; Slot < M.InitialSlots.size(); ++Slot)
    if (M.InitialSlots[Slot] != ~0u && M.FuncTypes[M.InitialSlots[Slot]] == Type)
      Slots.push_back(Slot);
  unsigned Choice = E.below(100);
  if (Choice < 70 && !Slots.empty()) {
    op(I32Const);
    Code.sleb(Slots[E.below(Slots.size())]);
  } else if (Choice < 85) {
    op(I32Const);
    Code.sleb(E.below(M.Tables[0].Min + 1));
  } else {
    value(ValType::I32);
    op(I32Const);
    Code.sleb(15);
    op(I32And);
  }
  op(CallIndirect);
  Code.uleb(Type);
  Code.uleb(0);
  keepOne(Callee.Results, T);
  return true;
}

void BodyGenerator::callDropped() {
  std::vector<uint32_t> All(M.NumInner);
  for (uint32_t F = 0; F < M.NumInner; ++F)
    All[F] = F;
  uint32_t F = callee(All);
  FuncType Callee = M.funcType(F); // a copy: operands may add block types
  values(Callee.Params);
  if (E.chance(70)) {
    op(Call);
    Code.uleb(F);
    return dropAll(Callee.Results);
  }
  op(I32Const);
  Code.sleb(E.below(M.Tables[0].Min + 1));
  op(CallIndirect);
  Code.uleb(M.FuncTypes[F]);
  Code.uleb(0);
  dropAll(Callee.Results);
}

void BodyGenerator::spendFuel() {
  // if (fuel == 0) unreachable; fuel -= 1
  op(GlobalGet), Code.uleb(0);
  op(I32Eqz);
  op(If), Code.byte(0x40);
  op(Unreachable);
  op(End);
  op(GlobalGet), Code.uleb(0);
  op(I32Const), Code.sleb(1);
  op(I32Sub);
  op(GlobalSet), Code.uleb(0);
}

void BodyGenerator::block(const std::vector<ValType> &Results) {
  op(Block);
  blockType({}, Results);
  Labels.push_back({Results});
  sequence(Results);
  Labels.pop_back();
  op(End);
}

/// A block that takes its parameters from the stack (multi-value).
void BodyGenerator::blockWithParams() {
  std::vector<ValType> Params, Results;
  for (unsigned K = 0, N = 1 + E.below(2); K < N; ++K)
    Params.push_back(numericType());
  for (unsigned K = 0, N = E.below(3); K < N; ++K)
    Results.push_back(numericType());
  values(Params);
  op(Block);
  blockType(Params, Results);
  Labels.push_back({Results});
  // The parameters are consumed as they are, or dropped.
  if (Params != Results || E.chance(50)) {
    dropAll(Params);
    sequence(Results);
  }
  Labels.pop_back();
  op(End);
  dropAll(Results);
}

void BodyGenerator::ifElse(const std::vector<ValType> &Results) {
  value(ValType::I32);
  op(If);
  blockType({}, Results);
  Labels.push_back({Results});
  sequence(Results);
  if (!Results.empty() || E.chance(60)) {
    op(Else);
    sequence(Results);
  }
  Labels.pop_back();
  op(End);
}

void BodyGenerator::loop(const std::vector<ValType> &Results) {
  // Mostly a counted loop (a few iterations, with a counter nothing else
  // uses), otherwise one that runs while a generated condition holds, which
  // often means until the fuel runs out.
  uint32_t Counter = ~0u;
  if (E.chance(75)) {
    Counter = static_cast<uint32_t>(Locals.size());
    Locals.push_back(ValType::I32);
    Reserved.push_back(Counter);
    op(I32Const), Code.sleb(1 + E.below(5));
    op(LocalSet), Code.uleb(Counter);
  }
  op(Loop);
  blockType({}, Results);
  Labels.push_back({{}}); // a branch to a loop continues it
  spendFuel();
  if (Counter != ~0u)
    Counting.push_back(Counter);
  for (unsigned K = 0, N = E.below(4); K < N; ++K)
    statement();
  if (Counter != ~0u)
    Counting.pop_back();
  if (Counter == ~0u) {
    value(ValType::I32);
  } else {
    op(LocalGet), Code.uleb(Counter);
    op(I32Const), Code.sleb(1);
    op(I32Sub);
    op(LocalTee), Code.uleb(Counter);
  }
  op(BrIf);
  Code.uleb(0);
  values(Results);
  Labels.pop_back();
  op(End);
}

void BodyGenerator::branchIf() {
  uint32_t Target = E.below(Labels.size());
  const std::vector<ValType> Types = Labels[Target].Types;
  values(Types);
  value(ValType::I32);
  op(BrIf);
  Code.uleb(Labels.size() - 1 - Target);
  dropAll(Types);
}

void BodyGenerator::statement() {
  if (leavesOnly()) {
    if (E.chance(50))
      return op(Nop);
    uint32_t Local = localIndex(ValType::I32);
    if (Local == ~0u)
      return op(Nop);
    constant(ValType::I32);
    op(LocalSet);
    Code.uleb(Local);
    return;
  }
  ++Depth;
  switch (E.below(14)) {
  case 0:
  case 1: {
    ValType T = anyType();
    uint32_t Local = localIndex(T);
    if (Local == ~0u) {
      value(T);
      op(Drop);
      break;
    }
    value(T);
    op(LocalSet);
    Code.uleb(Local);
    break;
  }
  case 2: {
    std::vector<uint32_t> Mutable;
    for (uint32_t K = 1; K < M.Globals.size(); ++K)
      if (M.Globals[K].Mutable)
        Mutable.push_back(K);
    if (Mutable.empty())
      break;
    uint32_t G = Mutable[E.below(Mutable.size())];
    value(M.Globals[G].Type);
    op(GlobalSet);
    Code.uleb(G);
    break;
  }
  case 3:
  case 4: store(); break;
  case 5: value(anyType()); op(Drop); break;
  case 6: callDropped(); break;
  case 7: E.chance(50) ? block({}) : blockWithParams(); break;
  case 8: ifElse({}); break;
  case 9: loop({}); break;
  case 10: branchIf(); break;
  case 11: memoryStatement(); break;
  case 12: tableStatement(); break;
  default: Options.Simd ? simdStore() : store(); break;
  }
  --Depth;
}

void BodyGenerator::sequence(const std::vector<ValType> &Results) {
  for (unsigned K = 0, N = E.below(5); K < N; ++K)
    statement();
  if (!leavesOnly() && E.chance(8))
    return terminator();
  values(Results);
}

void BodyGenerator::terminator() {
  switch (E.below(10)) {
  case 0: // rarely: every later call still runs, but this one ends here
    return op(Unreachable);
  case 1:
  case 2:
  case 3:
    values(Sig.Results);
    return op(Return);
  case 4:
  case 5: { // br_table to labels that all carry the same types
    uint32_t Default = E.below(Labels.size());
    std::vector<uint32_t> Targets;
    for (uint32_t K = 0; K < Labels.size(); ++K)
      if (Labels[K].Types == Labels[Default].Types && E.chance(50))
        Targets.push_back(K);
    std::vector<ValType> Types = Labels[Default].Types; // values() may grow Labels
    values(Types);
    value(ValType::I32);
    op(BrTable);
    Code.uleb(Targets.size());
    for (uint32_t Target : Targets)
      Code.uleb(Labels.size() - 1 - Target);
    Code.uleb(Labels.size() - 1 - Default);
    return;
  }
  default: {
    uint32_t Target = E.below(Labels.size());
    std::vector<ValType> Types = Labels[Target].Types; // values() may grow Labels
    values(Types);
    op(Br);
    Code.uleb(Labels.size() - 1 - Target);
    return;
  }
  }
}
