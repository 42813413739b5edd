//===- tests/fuzz/WasiPathFuzzer.cpp - libFuzzer target: WASI path resolution ===//
//
// The sandbox's core (runtime/wasi/PathResolver) on arbitrary guest paths
// and arbitrary symlink trees: each input first builds a tree of
// directories, files and symlinks (with any targets: absolute, "..",
// chains, loops) in a scratch preopen, then resolves a path in it with both
// strategies (openat2 and the manual walk), opening (sometimes creating) the
// file and finding its parent. Findings:
//  - anything opened, created or returned as a parent lies outside the
//    preopen (checked through /proc/self/fd), or the directory beside it
//    changed;
//  - the two strategies open different files, or one succeeds where the
//    other fails;
//  - crashes, leaks, sanitizer reports.
//
//===----------------------------------------------------------------------===//
#include "wasi/PathResolver.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace wasmaot::runtime::wasi;
namespace fs = std::filesystem;

namespace {

[[noreturn]] void finding(const std::string &What, const std::string &Path) {
  std::fprintf(stderr, "wasi path fuzzer: %s (path \"%s\")\n", What.c_str(), Path.c_str());
  std::abort();
}

/// root/box is the preopen; root/outside holds what must stay untouched.
struct Scratch {
  std::string Root, Box, Outside;
  Scratch() {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Template = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/wasmaot-wasi-XXXXXX";
    if (!mkdtemp(Template.data()))
      std::abort();
    Root = fs::canonical(Template);
    Box = Root + "/box";
    Outside = Root + "/outside";
    fs::create_directories(Outside);
    std::FILE *F = std::fopen((Outside + "/secret").c_str(), "w");
    std::fclose(F);
  }
};

std::string fdPath(int Fd) {
  char Buf[4096];
  ssize_t N = readlink(("/proc/self/fd/" + std::to_string(Fd)).c_str(), Buf, sizeof Buf - 1);
  return N < 0 ? "" : std::string(Buf, N);
}

bool beneath(const std::string &Path, const std::string &Dir) {
  return Path == Dir || (Path.size() > Dir.size() && Path.compare(0, Dir.size(), Dir) == 0 &&
                         Path[Dir.size()] == '/');
}

const char *const Names[] = {"a", "b", "a/c", "a/d", "b/e", "l", "a/l", "b/l", "a/c/l"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static Scratch S;
  std::error_code EC;
  fs::remove_all(S.Box, EC);
  fs::create_directories(S.Box);

  FuzzedDataProvider In(Data, Size);
  for (unsigned K = 0, N = In.ConsumeIntegralInRange(0, 8); K < N; ++K) {
    std::string Name = S.Box + "/" + In.PickValueInArray(Names);
    switch (In.ConsumeIntegralInRange(0, 2)) {
    case 0:
      fs::create_directories(Name, EC);
      break;
    case 1:
      if (std::FILE *F = std::fopen(Name.c_str(), "w"))
        std::fclose(F);
      break;
    default: {
      std::string Target = In.ConsumeRandomLengthString(48);
      if (Target.find('\0') == std::string::npos)
        (void)symlink(Target.c_str(), Name.c_str());
      break;
    }
    }
  }
  bool Create = In.ConsumeBool(), FollowFinal = In.ConsumeBool(), Directory = In.ConsumeBool();
  std::string Path = In.ConsumeRemainingBytesAsString();

  int Flags = O_RDONLY | O_CLOEXEC | (Directory ? O_DIRECTORY : 0) | (Create ? O_CREAT : 0);
  if (Create && Directory)
    Flags &= ~O_DIRECTORY; // O_CREAT | O_DIRECTORY is EINVAL on Linux
  UniqueFd Box(open(S.Box.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  struct stat Opened[2];
  bool Succeeded[2];
  for (int Strategy = 0; Strategy < 2; ++Strategy) {
    PathResolver R;
    R.setStrategy(Strategy ? ResolveStrategy::Manual : ResolveStrategy::Openat2);
    ErrnoOr<UniqueFd> Fd = R.open(Box.get(), Path, Flags, 0600, FollowFinal);
    Succeeded[Strategy] = static_cast<bool>(Fd);
    if (Fd) {
      if (!beneath(fdPath(Fd->get()), S.Box))
        finding("opened " + fdPath(Fd->get()) + ", outside the preopen", Path);
      fstat(Fd->get(), &Opened[Strategy]);
    }
    ErrnoOr<ResolvedPath> Parent = R.resolveParent(Box.get(), Path, FollowFinal);
    if (Parent) {
      if (!beneath(fdPath(Parent->Parent.get()), S.Box))
        finding("parent " + fdPath(Parent->Parent.get()) + " is outside the preopen", Path);
      if (Parent->Name.empty() || Parent->Name.find('/') != std::string::npos ||
          Parent->Name == "..")
        finding("resolveParent gave the component \"" + Parent->Name + "\"", Path);
    }
  }
  if (Succeeded[0] != Succeeded[1])
    finding(std::string("openat2 ") + (Succeeded[0] ? "opened" : "refused") +
                " what the manual walk " + (Succeeded[1] ? "opened" : "refused"),
            Path);
  if (Succeeded[0] &&
      (Opened[0].st_dev != Opened[1].st_dev || Opened[0].st_ino != Opened[1].st_ino))
    finding("the strategies opened different files", Path);
  if (std::distance(fs::directory_iterator(S.Outside), fs::directory_iterator()) != 1)
    finding("something was created beside the preopen", Path);
  return 0;
}
