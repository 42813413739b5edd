//===- wasi/WasiArgsClock.cpp - Arguments, environment, clocks, process ---===//
//
// args_*, environ_*, clock_*, random_get, proc_exit, proc_raise, sched_yield.
//
//===----------------------------------------------------------------------===//
#include "wasi/Clock.h"
#include "wasi/HostFile.h"
#include "wasi/WasiFunctions.h"

#include <sched.h>
#include <sys/random.h>

#include <cstring>

namespace wasmaot::runtime::wasi {
namespace {

/// The size of Strings laid out as NUL-terminated strings one after another.
uint64_t bufferSize(const std::vector<std::string> &Strings) {
  uint64_t Size = 0;
  for (const std::string &S : Strings)
    Size += S.size() + 1;
  return Size;
}

/// args_get and environ_get: the strings into Buffer, NUL-terminated, and a
/// pointer to each into the array at Pointers.
Errno storeStrings(GuestMemory Memory, const std::vector<std::string> &Strings, uint32_t Pointers,
                   uint32_t Buffer) {
  uint8_t *Array = Memory.bytes(Pointers, uint64_t(Strings.size()) * 4);
  uint8_t *Bytes = Memory.bytes(Buffer, bufferSize(Strings));
  if (!Array || !Bytes)
    return Errno::Fault;
  // Buffer + Offset stays below the memory's size, so it fits a guest pointer.
  uint32_t Offset = 0;
  for (const std::string &S : Strings) {
    uint32_t Pointer = Buffer + Offset;
    std::memcpy(Array, &Pointer, 4);
    Array += 4;
    std::memcpy(Bytes + Offset, S.c_str(), S.size() + 1);
    Offset += uint32_t(S.size() + 1);
  }
  return Errno::Success;
}

/// args_sizes_get and environ_sizes_get.
Errno storeSizes(GuestMemory Memory, const std::vector<std::string> &Strings, uint32_t CountPtr,
                 uint32_t SizePtr) {
  uint64_t Size = bufferSize(Strings);
  if (Size > UINT32_MAX)
    return Errno::TooBig;
  if (!Memory.contains(CountPtr, 4) || !Memory.contains(SizePtr, 4))
    return Errno::Fault;
  Memory.store(CountPtr, uint32_t(Strings.size()));
  Memory.store(SizePtr, uint32_t(Size));
  return Errno::Success;
}

Errno argsGet(WasiContext &Context, uint32_t Argv, uint32_t ArgvBuf) {
  return storeStrings(Context.memory(), Context.args(), Argv, ArgvBuf);
}

Errno argsSizesGet(WasiContext &Context, uint32_t ArgcPtr, uint32_t ArgvBufSizePtr) {
  return storeSizes(Context.memory(), Context.args(), ArgcPtr, ArgvBufSizePtr);
}

Errno environGet(WasiContext &Context, uint32_t Environ, uint32_t EnvironBuf) {
  return storeStrings(Context.memory(), Context.env(), Environ, EnvironBuf);
}

Errno environSizesGet(WasiContext &Context, uint32_t CountPtr, uint32_t BufSizePtr) {
  return storeSizes(Context.memory(), Context.env(), CountPtr, BufSizePtr);
}

Errno clockResGet(WasiContext &Context, uint32_t Id, uint32_t ResolutionPtr) {
  ErrnoOr<clockid_t> Clock = hostClock(Id);
  if (!Clock)
    return Clock.error();
  if (!Context.memory().contains(ResolutionPtr, 8))
    return Errno::Fault;
  timespec Resolution;
  if (clock_getres(*Clock, &Resolution) != 0)
    return lastHostErrno();
  Context.memory().store(ResolutionPtr, toNanoseconds(Resolution));
  return Errno::Success;
}

Errno clockTimeGet(WasiContext &Context, uint32_t Id, uint64_t /*Precision*/, uint32_t TimePtr) {
  ErrnoOr<clockid_t> Clock = hostClock(Id);
  if (!Clock)
    return Clock.error();
  if (!Context.memory().store(TimePtr, clockNow(*Clock)))
    return Errno::Fault;
  return Errno::Success;
}

Errno randomGet(WasiContext &Context, uint32_t Buf, uint32_t BufLen) {
  uint8_t *Bytes = Context.memory().bytes(Buf, BufLen);
  if (!Bytes)
    return Errno::Fault;
  // getrandom returns at most 32 MiB at a time.
  for (uint32_t Done = 0; Done < BufLen;) {
    ssize_t Count = retryOnEintr([&] { return getrandom(Bytes + Done, BufLen - Done, 0); });
    if (Count < 0)
      return lastHostErrno();
    Done += uint32_t(Count);
  }
  return Errno::Success;
}

/// Not a WasiFunction: it does not return. It records the code and unwinds
/// to the activation that runs the guest; its frame owns nothing then.
void procExit(wasmaot_vmctx *Vmctx, int32_t Code) {
  static_cast<WasiContext *>(HostModule::context(Vmctx))->setExitCode(uint32_t(Code));
  wasmaot_rt_trap(Vmctx, WASMAOT_TRAP_EXIT);
}

/// Signals are not part of the sandbox's world: a guest cannot raise one on
/// the host process.
Errno procRaise(WasiContext &, uint32_t /*Signal*/) { return Errno::NoSys; }

Errno schedYield(WasiContext &) {
  sched_yield();
  return Errno::Success;
}

} // namespace

void addArgsClockFunctions(HostModule &Module) {
  addWasiFunction<&argsGet>(Module, "args_get");
  addWasiFunction<&argsSizesGet>(Module, "args_sizes_get");
  addWasiFunction<&environGet>(Module, "environ_get");
  addWasiFunction<&environSizesGet>(Module, "environ_sizes_get");
  addWasiFunction<&clockResGet>(Module, "clock_res_get");
  addWasiFunction<&clockTimeGet>(Module, "clock_time_get");
  addWasiFunction<&randomGet>(Module, "random_get");
  addWasiFunction<&procRaise>(Module, "proc_raise");
  addWasiFunction<&schedYield>(Module, "sched_yield");
  Module.addFunction("proc_exit", FuncSig{{0x7F}, {}}, reinterpret_cast<void *>(&procExit));
}

} // namespace wasmaot::runtime::wasi
