//===- instance/Backtrace.cpp - Naming the frames of a trap ----------------===//
//
// Compiled code has no symbol table the runtime could read, but it knows
// where every function starts (the function table) and where the call
// wrappers and host thunks start; the linker lays them out in that order. An
// address belongs to the function with the greatest start at or below it.
// Wrappers are where the host called in, so a frame in one ends the wasm part
// of the stack; a host thunk's frame stands between wasm code and a host
// function it called, and names no wasm function. The
// artifact's frame table says which wasm frames (inlined ones too) an address
// within a function stands for.
//
//===----------------------------------------------------------------------===//
#include "instance/Backtrace.h"

#include "module/FrameTable.h"

#include <algorithm>
#include <cstdio>

namespace wasmaot::runtime {

std::vector<std::string> symbolizeBacktrace(const CompiledModule &Module,
                                            const std::vector<uintptr_t> &Pcs,
                                            bool ExactFirst, bool Details) {
  const ModuleInfo &Info = Module.info();
  // (start, function index), with wrappers and host thunks as these.
  constexpr uint32_t Wrapper = UINT32_MAX, HostThunk = UINT32_MAX - 1;
  std::vector<std::pair<uintptr_t, uint32_t>> Starts;
  for (uint32_t F = Info.NumImportedFuncs; F < Info.FuncTypes.size(); ++F)
    Starts.push_back({reinterpret_cast<uintptr_t>(Module.code(F)), F});
  for (uint32_t T = 0; T < Info.Types.size(); ++T) {
    Starts.push_back({reinterpret_cast<uintptr_t>(Module.wrapper(T)), Wrapper});
    Starts.push_back({reinterpret_cast<uintptr_t>(Module.hostThunk(T)), HostThunk});
  }
  std::sort(Starts.begin(), Starts.end());

  std::vector<std::string> Names;
  for (size_t K = 0; K < Pcs.size(); ++K) {
    // A return address may be just past the end of its caller.
    uintptr_t Pc = K == 0 && ExactFirst ? Pcs[K] : Pcs[K] - 1;
    auto It = std::upper_bound(Starts.begin(), Starts.end(),
                               std::pair<uintptr_t, uint32_t>(Pc, UINT32_MAX));
    if (It == Starts.begin())
      break;
    uint32_t Func = std::prev(It)->second;
    if (Func == Wrapper)
      break;
    if (Func == HostThunk)
      continue;
    std::vector<WasmFrame> Frames = framesAt(Module.frameTable(), Func, Pc - std::prev(It)->first);
    // The table's outermost frame is Func itself; without a row, only Func.
    if (Frames.empty() || Frames.back().Func != Func)
      Frames = {{Func, 0}};
    for (size_t F = 0; F < Frames.size(); ++F) {
      std::string Name = Info.functionDisplayName(Frames[F].Func);
      if (Details && Frames[F].Offset) {
        char Offset[32];
        std::snprintf(Offset, sizeof Offset, ", at 0x%x", Frames[F].Offset);
        Name += Offset;
      }
      if (Details && F + 1 < Frames.size())
        Name += ", inlined";
      Names.push_back(std::move(Name));
    }
  }
  return Names;
}

} // namespace wasmaot::runtime
