//===- wasi/WasiFunctions.h - Registering WASI functions as host functions -===//
//
// A WASI function is written as `Errno f(WasiContext &, params...)` with
// parameter types uint32_t/int32_t (wasm i32) and uint64_t/int64_t (wasm
// i64). WasiFunction<f> turns it into the host function generated code calls,
// `int32_t (wasmaot_vmctx *, int32_t/int64_t...)`, and derives its wasm
// signature from the parameter types, so the two cannot disagree. No
// exception leaves it: generated code has no unwind tables.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "host/HostModule.h"
#include "wasi/Errno.h"
#include "wasi/WasiContext.h"

#include <cstdint>
#include <new>
#include <type_traits>

namespace wasmaot::runtime::wasi {

namespace detail {
template <typename T> struct WasmParam;
template <> struct WasmParam<uint32_t> {
  using Type = int32_t;
  static constexpr uint8_t Code = 0x7F;
};
template <> struct WasmParam<int32_t> : WasmParam<uint32_t> {};
template <> struct WasmParam<uint64_t> {
  using Type = int64_t;
  static constexpr uint8_t Code = 0x7E;
};
template <> struct WasmParam<int64_t> : WasmParam<uint64_t> {};
} // namespace detail

template <auto Impl> struct WasiFunction;

template <typename... Params, Errno (*Impl)(WasiContext &, Params...)> struct WasiFunction<Impl> {
  static int32_t call(wasmaot_vmctx *Vmctx,
                      typename detail::WasmParam<Params>::Type... Args) noexcept {
    auto &Context = *static_cast<WasiContext *>(HostModule::context(Vmctx));
    try {
      return int32_t(Impl(Context, Params(Args)...));
    } catch (const std::bad_alloc &) {
      return int32_t(Errno::NoMem);
    } catch (...) {
      return int32_t(Errno::Io);
    }
  }

  static FuncSig signature() { return {{detail::WasmParam<Params>::Code...}, {0x7F}}; }
};

/// Offers Impl as Name.
template <auto Impl> void addWasiFunction(HostModule &Module, const char *Name) {
  Module.addFunction(Name, WasiFunction<Impl>::signature(),
                     reinterpret_cast<void *>(&WasiFunction<Impl>::call));
}

// Each group of functions registers itself.
void addArgsClockFunctions(HostModule &Module);
void addFdFunctions(HostModule &Module);
void addFdIoFunctions(HostModule &Module);
void addPathFunctions(HostModule &Module);
void addPollFunctions(HostModule &Module);
void addSocketFunctions(HostModule &Module);

} // namespace wasmaot::runtime::wasi
