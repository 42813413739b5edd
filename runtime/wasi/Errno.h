//===- wasi/Errno.h - WASI error numbers and host errno mapping -----------===//
//
// Every WASI function returns an errno of wasi_snapshot_preview1, whose
// numbering (typenames.witx) differs from the host's. A failed host call is
// reported to the guest as the WASI errno of the same name.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <utility>

namespace wasmaot::runtime::wasi {

/// The `errno` enum of typenames.witx, value for value.
enum class Errno : uint16_t {
  Success = 0,
  TooBig = 1, // 2big
  Acces = 2,
  AddrInUse = 3,
  AddrNotAvail = 4,
  AfNoSupport = 5,
  Again = 6,
  Already = 7,
  BadF = 8,
  BadMsg = 9,
  Busy = 10,
  Canceled = 11,
  Child = 12,
  ConnAborted = 13,
  ConnRefused = 14,
  ConnReset = 15,
  DeadLk = 16,
  DestAddrReq = 17,
  Dom = 18,
  DQuot = 19,
  Exist = 20,
  Fault = 21,
  FBig = 22,
  HostUnreach = 23,
  IdRm = 24,
  IlSeq = 25,
  InProgress = 26,
  Intr = 27,
  Inval = 28,
  Io = 29,
  IsConn = 30,
  IsDir = 31,
  Loop = 32,
  MFile = 33,
  MLink = 34,
  MsgSize = 35,
  MultiHop = 36,
  NameTooLong = 37,
  NetDown = 38,
  NetReset = 39,
  NetUnreach = 40,
  NFile = 41,
  NoBufs = 42,
  NoDev = 43,
  NoEnt = 44,
  NoExec = 45,
  NoLck = 46,
  NoLink = 47,
  NoMem = 48,
  NoMsg = 49,
  NoProtoOpt = 50,
  NoSpc = 51,
  NoSys = 52,
  NotConn = 53,
  NotDir = 54,
  NotEmpty = 55,
  NotRecoverable = 56,
  NotSock = 57,
  NotSup = 58,
  NotTy = 59,
  NxIo = 60,
  Overflow = 61,
  OwnerDead = 62,
  Perm = 63,
  Pipe = 64,
  Proto = 65,
  ProtoNoSupport = 66,
  ProtoType = 67,
  Range = 68,
  RoFs = 69,
  SPipe = 70,
  Srch = 71,
  Stale = 72,
  TimedOut = 73,
  TxtBsy = 74,
  XDev = 75,
  NotCapable = 76,
};

/// The WASI errno named like host errno HostErrno (Success for 0). Host
/// errnos WASI has no name for (ENOKEY, ...) become Io: the guest learns that
/// the operation failed, which is all it could act on.
Errno fromHostErrno(int HostErrno);

/// fromHostErrno(errno): for the line right after a failed host call.
Errno lastHostErrno();

/// Success, or the errno of a host call that failed by returning -1.
inline Errno hostCall(long Result) { return Result < 0 ? lastHostErrno() : Errno::Success; }

/// A value, or the errno that says why there is none.
template <typename T> class [[nodiscard]] ErrnoOr {
public:
  ErrnoOr(T Value) : Value(std::move(Value)) {}
  ErrnoOr(Errno Failure) : Failure(Failure) { assert(Failure != Errno::Success); }

  explicit operator bool() const { return Failure == Errno::Success; }
  Errno error() const { return Failure; }

  T &operator*() {
    assert(*this && "value of a failed ErrnoOr");
    return *Value;
  }
  T *operator->() { return &**this; }

private:
  std::optional<T> Value;
  Errno Failure = Errno::Success;
};

} // namespace wasmaot::runtime::wasi
