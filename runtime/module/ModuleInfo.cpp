//===- module/ModuleInfo.cpp - Serializing module information --------------===//
//
// The format is a flat little-endian stream: u8, u32 and u64 fields, strings
// and byte vectors as a u32 length followed by the bytes, lists as a u32 count
// followed by the elements, all in the order of the struct definitions. It is
// written and read by this file only, so the two sides cannot disagree.
//
//===----------------------------------------------------------------------===//
#include "module/ModuleInfo.h"
#include "support/FastHash.h"
#include "wasmaot/abi.h"

#include <cstring>

namespace wasmaot::runtime {

namespace {

constexpr uint32_t Magic = 0x4f4d5741; // "AWMO"
constexpr uint32_t FormatVersion = 5;

class Writer {
public:
  void u8(uint8_t V) { Out.push_back(V); }
  void u32(uint32_t V) { raw(&V, sizeof V); }
  void u64(uint64_t V) { raw(&V, sizeof V); }
  void bytes(std::span<const uint8_t> B) {
    u32(static_cast<uint32_t>(B.size()));
    raw(B.data(), B.size());
  }
  void string(const std::string &S) {
    bytes({reinterpret_cast<const uint8_t *>(S.data()), S.size()});
  }
  void limits(const LimitsInfo &L) {
    u64(L.Min);
    u8(L.Max.has_value());
    u64(L.Max.value_or(0));
  }
  void init(const ConstInit &I) {
    u8(I.K);
    if (I.K == ConstInit::Program) {
      list(I.Ops, [&](const ConstInit &Op) { init(Op); });
      return;
    }
    u32(I.Index);
    raw(I.Bytes, sizeof I.Bytes);
  }
  template <typename T, typename Fn> void list(const std::vector<T> &Items, Fn Each) {
    u32(static_cast<uint32_t>(Items.size()));
    for (const T &Item : Items)
      Each(Item);
  }
  std::vector<uint8_t> finish() {
    u64(fastHash64(Out));
    return std::move(Out);
  }

private:
  void raw(const void *P, size_t N) {
    auto *B = static_cast<const uint8_t *>(P);
    Out.insert(Out.end(), B, B + N);
  }
  std::vector<uint8_t> Out;
};

/// Reads fields in order; a read past the end sets Failed and yields zeros,
/// so parsing runs to the end and fails once.
class Reader {
public:
  explicit Reader(std::span<const uint8_t> In) : In(In) {}
  bool failed() const { return Failed; }
  bool atEnd() const { return Pos == In.size(); }

  uint8_t u8() {
    uint8_t V = 0;
    raw(&V, 1);
    return V;
  }
  uint32_t u32() {
    uint32_t V = 0;
    raw(&V, sizeof V);
    return V;
  }
  uint64_t u64() {
    uint64_t V = 0;
    raw(&V, sizeof V);
    return V;
  }
  std::span<const uint8_t> bytes() {
    uint32_t N = u32();
    if (Failed || N > In.size() - Pos) {
      Failed = true;
      return {};
    }
    std::span<const uint8_t> B = In.subspan(Pos, N);
    Pos += N;
    return B;
  }
  std::string string() {
    std::span<const uint8_t> B = bytes();
    return {B.begin(), B.end()};
  }
  LimitsInfo limits() {
    LimitsInfo L;
    L.Min = u64();
    bool HasMax = u8();
    uint64_t Max = u64();
    if (HasMax)
      L.Max = Max;
    return L;
  }
  ConstInit init(bool InProgram = false) {
    ConstInit I;
    I.K = static_cast<ConstInit::Kind>(u8());
    if (I.K == ConstInit::Program && !InProgram) {
      list(I.Ops, [&] { return init(/*InProgram=*/true); });
      return I;
    }
    // Arithmetic only inside programs, programs not nested.
    if (I.K > ConstInit::I64Mul || (I.K > ConstInit::GlobalGet && !InProgram))
      Failed = true;
    I.Index = u32();
    raw(I.Bytes, sizeof I.Bytes);
    return I;
  }
  /// Reads a count, then that many elements; the count is bounded by the
  /// bytes left so that corrupt input cannot ask for a huge allocation.
  template <typename T, typename Fn> void list(std::vector<T> &Items, Fn Each) {
    uint32_t N = u32();
    if (Failed || N > In.size() - Pos) {
      Failed = true;
      return;
    }
    Items.reserve(N);
    for (uint32_t I = 0; I < N && !Failed; ++I)
      Items.push_back(Each());
  }

private:
  void raw(void *P, size_t N) {
    if (Failed || N > In.size() - Pos) {
      Failed = true;
      return;
    }
    std::memcpy(P, In.data() + Pos, N);
    Pos += N;
  }
  std::span<const uint8_t> In;
  size_t Pos = 0;
  bool Failed = false;
};

} // namespace

std::vector<uint8_t> ModuleInfo::serialize() const {
  Writer W;
  W.u32(Magic);
  W.u32(FormatVersion);
  W.list(Types, [&](const FuncSig &S) {
    W.bytes(S.Params);
    W.bytes(S.Results);
  });
  W.list(Imports, [&](const ImportInfo &I) {
    W.string(I.Module);
    W.string(I.Name);
    W.u8(static_cast<uint8_t>(I.Kind));
    W.u32(I.Index);
  });
  W.list(FuncTypes, [&](uint32_t T) { W.u32(T); });
  W.u32(NumImportedFuncs);
  W.list(Tables, [&](const TableInfo &T) {
    W.u8(T.ElemType);
    W.limits(T.Limits);
    W.u8(T.Is64);
  });
  W.u32(NumImportedTables);
  W.list(Memories, [&](const MemoryInfo &Mem) {
    W.limits(Mem.Limits);
    W.u8(Mem.Is64);
    W.u8(Mem.PageSizeLog2);
  });
  W.u32(NumImportedMemories);
  W.list(Globals, [&](const GlobalInfo &G) {
    W.u8(G.Type);
    W.u8(G.Mutable);
    W.init(G.Init);
  });
  W.u32(NumImportedGlobals);
  W.list(Exports, [&](const ExportInfo &E) {
    W.string(E.Name);
    W.u8(static_cast<uint8_t>(E.Kind));
    W.u32(E.Index);
  });
  W.u8(Start.has_value());
  W.u32(Start.value_or(0));
  W.list(Elems, [&](const ElemSegmentInfo &E) {
    W.u8(E.M);
    W.u32(E.Table);
    W.init(E.Offset);
    W.list(E.Inits, [&](const ConstInit &I) { W.init(I); });
  });
  W.list(Datas, [&](const DataSegmentInfo &D) {
    W.u8(D.Active);
    W.u32(D.Memory);
    W.init(D.Offset);
    W.bytes(D.Bytes);
  });
  // In units of 4 KiB (the image's alignment), which u32 holds up to 16 TiB.
  W.u8(MemoryImage.has_value());
  W.u32(uint32_t(MemoryImage ? MemoryImage->Offset / 4096 : 0));
  W.u32(uint32_t(MemoryImage ? MemoryImage->Size / 4096 : 0));
  W.list(FunctionNames, [&](const std::pair<uint32_t, std::string> &N) {
    W.u32(N.first);
    W.string(N.second);
  });
  W.string(Features);
  return W.finish();
}

Result<ModuleInfo> ModuleInfo::deserialize(std::span<const uint8_t> Bytes) {
  if (Bytes.size() < 16)
    return Error("module information is truncated");
  std::span<const uint8_t> Body = Bytes.first(Bytes.size() - 8);
  uint64_t Checksum;
  std::memcpy(&Checksum, Bytes.data() + Body.size(), 8);
  if (Checksum != fastHash64(Body))
    return Error("module information is corrupt (checksum mismatch)");

  Reader R(Body);
  if (R.u32() != Magic)
    return Error("not wasmaot module information (bad magic number)");
  if (uint32_t V = R.u32(); V != FormatVersion)
    return Error("module information has format version " + std::to_string(V) +
                 ", this runtime reads version " + std::to_string(FormatVersion));

  ModuleInfo M;
  R.list(M.Types, [&] {
    FuncSig S;
    std::span<const uint8_t> P = R.bytes();
    S.Params.assign(P.begin(), P.end());
    std::span<const uint8_t> Res = R.bytes();
    S.Results.assign(Res.begin(), Res.end());
    return S;
  });
  R.list(M.Imports, [&] {
    ImportInfo I;
    I.Module = R.string();
    I.Name = R.string();
    I.Kind = static_cast<ExternKind>(R.u8());
    I.Index = R.u32();
    return I;
  });
  R.list(M.FuncTypes, [&] { return R.u32(); });
  M.NumImportedFuncs = R.u32();
  R.list(M.Tables, [&] {
    TableInfo T;
    T.ElemType = R.u8();
    T.Limits = R.limits();
    T.Is64 = R.u8() != 0;
    return T;
  });
  M.NumImportedTables = R.u32();
  R.list(M.Memories, [&] {
    MemoryInfo Mem;
    Mem.Limits = R.limits();
    Mem.Is64 = R.u8() != 0;
    Mem.PageSizeLog2 = R.u8();
    return Mem;
  });
  M.NumImportedMemories = R.u32();
  R.list(M.Globals, [&] {
    GlobalInfo G;
    G.Type = R.u8();
    G.Mutable = R.u8();
    G.Init = R.init();
    return G;
  });
  M.NumImportedGlobals = R.u32();
  R.list(M.Exports, [&] {
    ExportInfo E;
    E.Name = R.string();
    E.Kind = static_cast<ExternKind>(R.u8());
    E.Index = R.u32();
    return E;
  });
  bool HasStart = R.u8();
  uint32_t Start = R.u32();
  if (HasStart)
    M.Start = Start;
  R.list(M.Elems, [&] {
    ElemSegmentInfo E;
    E.M = static_cast<ElemSegmentInfo::Mode>(R.u8());
    E.Table = R.u32();
    E.Offset = R.init();
    R.list(E.Inits, [&] { return R.init(); });
    return E;
  });
  R.list(M.Datas, [&] {
    DataSegmentInfo D;
    D.Active = R.u8();
    D.Memory = R.u32();
    D.Offset = R.init();
    D.Bytes = R.bytes();
    return D;
  });
  bool HasImage = R.u8();
  uint64_t ImageOffset = uint64_t(R.u32()) * 4096, ImageSize = uint64_t(R.u32()) * 4096;
  if (HasImage)
    M.MemoryImage = MemoryImageInfo{ImageOffset, ImageSize};
  R.list(M.FunctionNames, [&] {
    uint32_t Index = R.u32();
    return std::pair<uint32_t, std::string>(Index, R.string());
  });
  M.Features = R.string();
  if (R.failed() || !R.atEnd())
    return Error("module information is malformed");

  // The runtime indexes with these numbers: check them once here.
  auto Bad = [&](const char *What) { return Error(std::string("module information is "
                                                              "inconsistent: ") + What); };
  for (uint32_t T : M.FuncTypes)
    if (T >= M.Types.size())
      return Bad("function type index out of range");
  for (const MemoryInfo &Mem : M.Memories)
    if (Mem.PageSizeLog2 != 0 && Mem.PageSizeLog2 != WASMAOT_PAGE_SIZE_LOG2)
      return Bad("memory page size out of range");
  for (const DataSegmentInfo &D : M.Datas)
    if (D.Memory >= M.Memories.size() && D.Active)
      return Bad("data segment of an unknown memory");
  if (M.NumImportedFuncs > M.FuncTypes.size() || M.NumImportedTables > M.Tables.size() ||
      M.NumImportedMemories > M.Memories.size() || M.NumImportedGlobals > M.Globals.size())
    return Bad("more imports than entities");
  return M;
}

std::string ModuleInfo::functionDisplayName(uint32_t FuncIndex) const {
  for (const auto &[Index, Name] : FunctionNames)
    if (Index == FuncIndex)
      return "$" + Name;
  // Without a name section (stripped builds), an export names it as well.
  for (const ExportInfo &E : Exports)
    if (E.Kind == ExternKind::Func && E.Index == FuncIndex)
      return "func[" + std::to_string(FuncIndex) + "] (export \"" + E.Name + "\")";
  return "func[" + std::to_string(FuncIndex) + "]";
}

} // namespace wasmaot::runtime
