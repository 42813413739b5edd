//===- wasi/Errno.cpp ------------------------------------------------------===//
#include "wasi/Errno.h"

#include <cerrno>
#include <utility>

namespace wasmaot::runtime::wasi {
namespace {

/// Host errno -> WASI errno of the same name. Linux aliases (EWOULDBLOCK,
/// EOPNOTSUPP, EDEADLOCK) share their values with EAGAIN, ENOTSUP, EDEADLK.
constexpr std::pair<int, Errno> HostErrnos[] = {
    {E2BIG, Errno::TooBig},
    {EACCES, Errno::Acces},
    {EADDRINUSE, Errno::AddrInUse},
    {EADDRNOTAVAIL, Errno::AddrNotAvail},
    {EAFNOSUPPORT, Errno::AfNoSupport},
    {EAGAIN, Errno::Again},
    {EALREADY, Errno::Already},
    {EBADF, Errno::BadF},
    {EBADMSG, Errno::BadMsg},
    {EBUSY, Errno::Busy},
    {ECANCELED, Errno::Canceled},
    {ECHILD, Errno::Child},
    {ECONNABORTED, Errno::ConnAborted},
    {ECONNREFUSED, Errno::ConnRefused},
    {ECONNRESET, Errno::ConnReset},
    {EDEADLK, Errno::DeadLk},
    {EDESTADDRREQ, Errno::DestAddrReq},
    {EDOM, Errno::Dom},
    {EDQUOT, Errno::DQuot},
    {EEXIST, Errno::Exist},
    {EFAULT, Errno::Fault},
    {EFBIG, Errno::FBig},
    {EHOSTUNREACH, Errno::HostUnreach},
    {EIDRM, Errno::IdRm},
    {EILSEQ, Errno::IlSeq},
    {EINPROGRESS, Errno::InProgress},
    {EINTR, Errno::Intr},
    {EINVAL, Errno::Inval},
    {EIO, Errno::Io},
    {EISCONN, Errno::IsConn},
    {EISDIR, Errno::IsDir},
    {ELOOP, Errno::Loop},
    {EMFILE, Errno::MFile},
    {EMLINK, Errno::MLink},
    {EMSGSIZE, Errno::MsgSize},
    {EMULTIHOP, Errno::MultiHop},
    {ENAMETOOLONG, Errno::NameTooLong},
    {ENETDOWN, Errno::NetDown},
    {ENETRESET, Errno::NetReset},
    {ENETUNREACH, Errno::NetUnreach},
    {ENFILE, Errno::NFile},
    {ENOBUFS, Errno::NoBufs},
    {ENODEV, Errno::NoDev},
    {ENOENT, Errno::NoEnt},
    {ENOEXEC, Errno::NoExec},
    {ENOLCK, Errno::NoLck},
    {ENOLINK, Errno::NoLink},
    {ENOMEM, Errno::NoMem},
    {ENOMSG, Errno::NoMsg},
    {ENOPROTOOPT, Errno::NoProtoOpt},
    {ENOSPC, Errno::NoSpc},
    {ENOSYS, Errno::NoSys},
    {ENOTCONN, Errno::NotConn},
    {ENOTDIR, Errno::NotDir},
    {ENOTEMPTY, Errno::NotEmpty},
    {ENOTRECOVERABLE, Errno::NotRecoverable},
    {ENOTSOCK, Errno::NotSock},
    {ENOTSUP, Errno::NotSup},
    {ENOTTY, Errno::NotTy},
    {ENXIO, Errno::NxIo},
    {EOVERFLOW, Errno::Overflow},
    {EOWNERDEAD, Errno::OwnerDead},
    {EPERM, Errno::Perm},
    {EPIPE, Errno::Pipe},
    {EPROTO, Errno::Proto},
    {EPROTONOSUPPORT, Errno::ProtoNoSupport},
    {EPROTOTYPE, Errno::ProtoType},
    {ERANGE, Errno::Range},
    {EROFS, Errno::RoFs},
    {ESPIPE, Errno::SPipe},
    {ESRCH, Errno::Srch},
    {ESTALE, Errno::Stale},
    {ETIMEDOUT, Errno::TimedOut},
    {ETXTBSY, Errno::TxtBsy},
    {EXDEV, Errno::XDev},
};

} // namespace

Errno fromHostErrno(int HostErrno) {
  if (HostErrno == 0)
    return Errno::Success;
  for (const auto &[Host, Wasi] : HostErrnos)
    if (Host == HostErrno)
      return Wasi;
  return Errno::Io;
}

Errno lastHostErrno() { return fromHostErrno(errno); }

} // namespace wasmaot::runtime::wasi
