//===- link/Linker.cpp -----------------------------------------------------===//
//
// lld as a library (LLVM 16) has three traps that this file handles:
//
// * Its state is global. lld::elf::link() creates a CommonLinkerContext that
//   the caller must free with CommonLinkerContext::destroy() before the next
//   link, and two links must never overlap: hence one process-wide mutex.
// * A fatal error (a corrupt input, an output it cannot write) ends in
//   lld::exitLld(), which calls _exit() unless the link runs inside an
//   llvm::CrashRecoveryContext, in which case it longjmps back to it. Crash
//   recovery only does that while enabled, and enabling it installs signal
//   handlers, so a link enables it for its own duration only, unless the
//   application had enabled it already (the spec runner does): Enable() is
//   not reference-counted, and disabling it then would pull it from under
//   the application.
// * The longjmp only works on the thread that called RunSafely(), so lld runs
//   with --threads=1. Linking one object gains little from threads anyway.
//
// After a fatal error the context is destroyed as after any link, and later
// links work. After a real crash (a signal) lld's memory cannot be trusted, so
// every later link in the process fails instead.
//
//===----------------------------------------------------------------------===//
#include "link/Linker.h"

#include "support/Error.h"

#include "lld/Common/CommonLinkerContext.h"
#include "lld/Common/Driver.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/raw_ostream.h"

#include <elf.h>
#include <signal.h>

#include <mutex>
#include <vector>

using namespace wasmaot;

namespace {

llvm::Error linkError(const llvm::Twine &Message) {
  return makeError(ErrorKind::Link, WasmError::NoOffset, Message);
}

/// Serializes links; guards LinkerCrashed too.
std::mutex LinkMutex;
/// Set once lld has crashed on a signal: its global state is then unusable.
bool LinkerCrashed = false;

/// Enables crash recovery; returns whether it was off before, that is whether
/// the caller must disable it again. Enabling installs the crash-recovery
/// signal handlers, so the SIGSEGV disposition changes exactly when it was off.
bool enableCrashRecovery() {
  struct sigaction Before;
  sigaction(SIGSEGV, nullptr, &Before);
  llvm::CrashRecoveryContext::Enable();
  struct sigaction After;
  sigaction(SIGSEGV, nullptr, &After);
  return Before.sa_handler != After.sa_handler;
}

/// Turns lld's diagnostics into one line. lld prints each error as
/// "ld.lld: error: message" followed by ">>> detail" lines; warnings are left
/// out, since the link failed because of the errors.
std::string summarizeErrors(llvm::StringRef Diagnostics) {
  std::string Summary;
  bool InError = false;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Diagnostics.split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim();
    if (Line.consume_front("ld.lld: error: ")) {
      if (!Summary.empty())
        Summary += "; ";
      Summary += Line.str();
      InError = true;
      continue;
    }
    if (Line.startswith("ld.lld: ")) {
      InError = false;
      continue;
    }
    if (!InError)
      continue;
    Line.consume_front(">>>");
    Line = Line.trim();
    if (!Line.empty())
      Summary += ", " + Line.str();
  }
  return Summary;
}

/// Runs lld's ELF driver on Args under the mutex and crash recovery, and
/// turns anything but a clean link into an error.
llvm::Error runLld(const std::vector<std::string> &Args, llvm::StringRef Output) {
  std::vector<const char *> Argv;
  for (const std::string &Arg : Args)
    Argv.push_back(Arg.c_str());

  std::string Messages;
  llvm::raw_string_ostream MessagesOS(Messages);
  bool Linked = false;
  bool Crashed = false;
  {
    std::lock_guard<std::mutex> Lock(LinkMutex);
    if (LinkerCrashed)
      return linkError("cannot link '" + Output +
                       "': the in-process linker crashed earlier in this process");

    bool EnabledHere = enableCrashRecovery();
    llvm::CrashRecoveryContext LinkRecovery;
    bool Returned = LinkRecovery.RunSafely([&] {
      Linked = lld::elf::link(Argv, MessagesOS, MessagesOS, /*exitEarly=*/false,
                              /*disableOutput=*/false);
    });
    // A fatal error returns with its exit code (1); a signal with 128 + signo.
    Crashed = !Returned && llvm::CrashRecoveryContext::isCrash(LinkRecovery.RetCode);
    if (!Crashed) {
      llvm::CrashRecoveryContext CleanupRecovery;
      Crashed = !CleanupRecovery.RunSafely([] { lld::CommonLinkerContext::destroy(); });
    }
    if (EnabledHere)
      llvm::CrashRecoveryContext::Disable();
    LinkerCrashed = Crashed;
  }

  std::string Summary = summarizeErrors(MessagesOS.str());
  if (Crashed)
    return linkError("linking '" + Output + "' crashed the in-process linker" +
                     (Summary.empty() ? "" : ": " + Summary));
  // Any error message fails the link, even if lld claimed success.
  if (!Linked || !Summary.empty())
    return linkError("linking '" + Output +
                     "' failed: " + (Summary.empty() ? "lld gave no reason" : Summary));
  return llvm::Error::success();
}

/// The options every link uses: small and fast outputs.
std::vector<std::string> commonArgs(const LinkOptions &Options) {
  std::vector<std::string> Args = {
      "ld.lld", "--threads=1", "-O0", "--hash-style=gnu", "--eh-frame-hdr", "-z", "noexecstack"};
  Args.insert(Args.end(), {"-z", Options.AllowUndefined ? "undefs" : "defs"});
  if (!Options.DebugInfo)
    Args.push_back("--strip-debug");
  // lld 16 keeps the symbol _GLOBAL_OFFSET_TABLE_ in a global that only a
  // link referencing it sets: a later link that does not reference it then
  // writes through the previous link's freed symbol, whose memory may hold
  // one of its own symbols by then (i686 code references it in every
  // function; a following module without functions came out with
  // wasmaot_abi_version moved into .got.plt). Referencing it in every link
  // sets it afresh; it costs a few bytes of .got.plt.
  Args.insert(Args.end(), {"--undefined", "_GLOBAL_OFFSET_TABLE_"});
  return Args;
}

llvm::Error checkInputs(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output) {
  if (Inputs.empty())
    return linkError("linking '" + Output + "' failed: no input files");
  return llvm::Error::success();
}

} // namespace

llvm::Error wasmaot::linkSharedObject(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output,
                                      const LinkOptions &Options) {
  if (llvm::Error E = checkInputs(Inputs, Output))
    return E;
  std::vector<std::string> Args = commonArgs(Options);
  // RELA on every target: the loader applies only explicit addends
  // (runtime/loader/ElfMachine.h), and 32-bit x86 and ARM default to REL.
  Args.insert(Args.end(), {"-shared", "-z", "rela", "-o", Output.str()});
  Args.insert(Args.end(), Inputs.begin(), Inputs.end());
  return runLld(Args, Output);
}

llvm::Error wasmaot::linkRelocatable(llvm::ArrayRef<std::string> Inputs,
                                     llvm::StringRef Output) {
  if (llvm::Error E = checkInputs(Inputs, Output))
    return E;
  // Only what joins the objects: the result is linked again later, with
  // whatever options the final link wants.
  std::vector<std::string> Args = {"ld.lld", "--threads=1", "-r", "-o", Output.str()};
  Args.insert(Args.end(), Inputs.begin(), Inputs.end());
  return runLld(Args, Output);
}


llvm::Error wasmaot::linkExecutable(llvm::ArrayRef<std::string> Inputs, llvm::StringRef Output,
                                    const CRuntime &C, const LinkOptions &Options) {
  if (llvm::Error E = checkInputs(Inputs, Output))
    return E;
  std::vector<std::string> Args = commonArgs(Options);
  // A static position-independent executable: no dynamic loader and no
  // shared library to find, map and relocate at every start (that alone is
  // about a third of a small program's start-up time), the same binary runs
  // on any Linux of the architecture, and ASLR still applies to it. Where
  // the C library cannot start one (no rcrt1.o), a static executable.
  if (C.Pie)
    Args.insert(Args.end(), {"-static", "-pie", "--no-dynamic-linker"});
  else
    Args.insert(Args.end(), {"-static", "-no-pie"});
  Args.insert(Args.end(), {"-z", "text", "-o", Output.str()});
  // Only what the program can reach: the runtime is built with a section per
  // function (the compiled module's code is one section, all of it reachable
  // through the function table).
  Args.push_back("--gc-sections");
  // The C runtime's start files (rcrt1.o relocates the program itself), the
  // inputs, then the C++, C and compiler support libraries.
  Args.insert(Args.end(), C.Start.begin(), C.Start.end());
  Args.insert(Args.end(), Inputs.begin(), Inputs.end());
  Args.push_back("--start-group");
  Args.insert(Args.end(), C.Libs.begin(), C.Libs.end());
  Args.push_back("--end-group");
  Args.insert(Args.end(), C.End.begin(), C.End.end());
  return runLld(Args, Output);
}
