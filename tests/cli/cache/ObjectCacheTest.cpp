//===- tests/cli/cache/ObjectCacheTest.cpp - The content-addressed cache ---===//
//
// The cache on its own, with producers standing in for the compiler: key
// sensitivity, hits, corruption recovery, concurrent misses, LRU eviction and
// a cache directory that cannot be written.
//
//===----------------------------------------------------------------------===//
#include "cache/ObjectCache.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace wasmaot;
using namespace wasmaot::cli;
using runtime::Result;

namespace {

class TempDir {
public:
  TempDir() {
    char Template[] = "/tmp/wasmaot-cache-test-XXXXXX";
    REQUIRE(mkdtemp(Template));
    Path = Template;
  }
  ~TempDir() {
    std::string Command = "chmod -R u+w '" + Path + "' && rm -rf '" + Path + "'";
    REQUIRE(std::system(Command.c_str()) == 0);
  }
  std::string Path;
};

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

void writeFile(const std::string &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary) << Text;
}

/// A producer that writes Text and counts its calls.
ObjectCache::Producer writing(const std::string &Text, int &Calls) {
  return [&Calls, Text](const std::string &Path) -> Result<void> {
    ++Calls;
    writeFile(Path, Text);
    return {};
  };
}

const uint8_t Module[] = {0, 'a', 's', 'm', 1, 0, 0, 0};

std::string metaPath(const std::string &Dir, const std::string &Key) {
  return Dir + "/v1/objects/" + Key + ".meta";
}

/// Dates the last use of the entry Key to SecondsAgo.
void setLastUse(const std::string &Dir, const std::string &Key, time_t SecondsAgo) {
  struct timespec Times[2];
  Times[0].tv_sec = Times[1].tv_sec = std::time(nullptr) - SecondsAgo;
  Times[0].tv_nsec = Times[1].tv_nsec = 0;
  REQUIRE(utimensat(AT_FDCWD, metaPath(Dir, Key).c_str(), Times, 0) == 0);
}

time_t lastUse(const std::string &Dir, const std::string &Key) {
  struct stat St;
  REQUIRE(stat(metaPath(Dir, Key).c_str(), &St) == 0);
  return St.st_mtim.tv_sec;
}

} // namespace

TEST_CASE("every key component changes the key") {
  CacheKey Base;
  Base.Wasm = Module;
  Base.WasmaotVersion = "0.1.0";
  Base.Triple = "x86_64-host";
  Base.Cpu = "baseline";
  Base.WasmFeatures = "simd";
  std::string Key = Base.digest();
  CHECK(Key.size() == 64);
  CHECK(Base.digest() == Key);

  std::vector<CacheKey> Variants(8, Base);
  const uint8_t Other[] = {0, 'a', 's', 'm', 1, 0, 0, 1};
  Variants[0].Wasm = Other;
  Variants[1].WasmaotVersion = "0.1.1";
  Variants[2].AbiVersion += 1;
  Variants[3].Triple = "aarch64-host";
  Variants[4].Cpu = "native:avx2";
  Variants[5].OptLevel = 0;
  Variants[6].Bounds = WASMAOT_BOUNDS_EXPLICIT;
  Variants[7].WasmFeatures = "";
  for (const CacheKey &V : Variants)
    CHECK(V.digest() != Key);
}

TEST_CASE("a miss produces and stores; a hit reuses without producing") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path);
  int Calls = 0;
  bool Temporary = true;
  Result<std::string> First = Cache.getOrCreate("k1", writing("code", Calls), Temporary);
  REQUIRE(First);
  CHECK(!Temporary);
  CHECK(Calls == 1);
  CHECK(readFile(*First) == "code");
  Result<std::string> Second = Cache.getOrCreate("k1", writing("other", Calls), Temporary);
  REQUIRE(Second);
  CHECK(Calls == 1);
  CHECK(*Second == *First);
  CHECK(Cache.stats().Entries == 1);
}

TEST_CASE("a damaged entry is detected, discarded and produced again") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path);
  int Calls = 0;
  bool Temporary;
  Result<std::string> Path = Cache.getOrCreate("k", writing("0123456789", Calls), Temporary);
  REQUIRE(Path);

  SECTION("truncated") { REQUIRE(truncate(Path->c_str(), 4) == 0); }
  SECTION("a flipped bit") { writeFile(*Path, "0123456788"); }
  SECTION("missing") { REQUIRE(unlink(Path->c_str()) == 0); }
  SECTION("a bad header") { writeFile(Dir.Path + "/v1/objects/k.meta", "checksum=zz\n"); }

  CHECK(!Cache.lookup("k"));
  Result<std::string> Again = Cache.getOrCreate("k", writing("0123456789", Calls), Temporary);
  REQUIRE(Again);
  CHECK(Calls == 2);
  CHECK(readFile(*Again) == "0123456789");
  CHECK(Cache.lookup("k"));
}

TEST_CASE("a found entry the caller cannot use is discarded and produced again") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path);
  int Calls = 0, Checks = 0;
  bool Temporary;
  REQUIRE(Cache.getOrCreate("k", writing("old", Calls), Temporary));
  auto Refuse = [&](const std::string &) -> Result<void> {
    ++Checks;
    return runtime::Error("built for runtime ABI version 1");
  };
  Result<std::string> Path = Cache.getOrCreate("k", writing("new", Calls), Temporary, Refuse);
  REQUIRE(Path);
  CHECK(Checks == 1);
  CHECK(Calls == 2);
  CHECK_FALSE(Temporary);
  CHECK(readFile(*Path) == "new");
  // The replacement is stored: the next process finds and accepts it.
  auto Accept = [&](const std::string &) -> Result<void> {
    ++Checks;
    return {};
  };
  Path = Cache.getOrCreate("k", writing("newer", Calls), Temporary, Accept);
  REQUIRE(Path);
  CHECK(Checks == 2);
  CHECK(Calls == 2);
  CHECK(readFile(*Path) == "new");
}

TEST_CASE("processes missing the same key at once compile it once") {
  TempDir Dir;
  std::string Count = Dir.Path + "/count";
  constexpr int Processes = 8;
  std::vector<pid_t> Children;
  for (int P = 0; P < Processes; ++P) {
    pid_t Child = fork();
    REQUIRE(Child >= 0);
    if (Child == 0) {
      ObjectCache Cache(Dir.Path);
      bool Temporary;
      Result<std::string> Path = Cache.getOrCreate(
          "shared",
          [&](const std::string &Out) -> Result<void> {
            // Record the compile, and take long enough for the others to pile up.
            std::ofstream(Count, std::ios::app) << "x";
            usleep(200 * 1000);
            writeFile(Out, "compiled");
            return {};
          },
          Temporary);
      bool Ok = Path && !Temporary && readFile(*Path) == "compiled";
      _exit(Ok ? 0 : 1);
    }
    Children.push_back(Child);
  }
  for (pid_t Child : Children) {
    int Status = 0;
    REQUIRE(waitpid(Child, &Status, 0) == Child);
    CHECK(WIFEXITED(Status));
    CHECK(WEXITSTATUS(Status) == 0);
  }
  CHECK(readFile(Count) == "x");
}

TEST_CASE("pruning evicts the least recently used entries first") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path);
  int Calls = 0;
  bool Temporary;
  std::string Block(1000, 'b');
  time_t Age = 3 * 3600;
  for (const char *Key : {"old", "middle", "new"}) {
    REQUIRE(Cache.getOrCreate(Key, writing(Block, Calls), Temporary));
    setLastUse(Dir.Path, Key, Age);
    Age -= 3600;
  }
  // Using "old" makes it the most recent. A hit refreshes a last use only
  // when it is over a minute old: "new" used again now stays an hour old.
  REQUIRE(Cache.lookup("old"));
  CHECK(std::time(nullptr) - lastUse(Dir.Path, "old") < 60);
  setLastUse(Dir.Path, "new", 30);
  time_t NewUse = lastUse(Dir.Path, "new");
  REQUIRE(Cache.lookup("new"));
  CHECK(lastUse(Dir.Path, "new") == NewUse);
  setLastUse(Dir.Path, "new", 3600);
  uint64_t Total = Cache.stats().Bytes;
  uint64_t PerEntry = Total / 3;
  CHECK(Cache.prune(Total - 1) == 1);
  CHECK(!Cache.lookup("middle"));
  CHECK(Cache.lookup("old"));
  CHECK(Cache.prune(PerEntry) == 1);
  CHECK(!Cache.lookup("new"));
  CHECK(Cache.lookup("old"));
  REQUIRE(Cache.clean());
  CHECK(Cache.stats().Entries == 0);
}

TEST_CASE("the size limit holds after every store") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path, /*Limit=*/2500);
  int Calls = 0;
  bool Temporary;
  time_t Age = 4 * 3600;
  for (const char *Key : {"a", "b", "c", "d"}) {
    REQUIRE(Cache.getOrCreate(Key, writing(std::string(1000, 'x'), Calls), Temporary));
    // Dated before the next store, which prunes by these dates.
    setLastUse(Dir.Path, Key, Age);
    Age -= 3600;
  }
  CHECK(Cache.stats().Bytes <= 2500);
  CHECK(Cache.lookup("d"));
  CHECK(!Cache.lookup("a"));
}

TEST_CASE("an entry bigger than the limit is still stored for its own use") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path, /*Limit=*/10);
  int Calls = 0;
  bool Temporary;
  Result<std::string> First = Cache.getOrCreate("first", writing("first entry", Calls), Temporary);
  REQUIRE(First);
  CHECK(readFile(*First) == "first entry");
  setLastUse(Dir.Path, "first", 60);
  Result<std::string> Second =
      Cache.getOrCreate("second", writing("second entry", Calls), Temporary);
  REQUIRE(Second);
  CHECK_FALSE(Temporary);
  CHECK(readFile(*Second) == "second entry");
  // The older one made room; the newer one stays although it is over the
  // limit alone.
  CHECK_FALSE(Cache.lookup("first"));
  CHECK(Cache.stats().Entries == 1);
}

TEST_CASE("sizes are bytes or K, M, G multiples") {
  CHECK(ObjectCache::parseSize("0") == 0u);
  CHECK(ObjectCache::parseSize("4096") == 4096u);
  CHECK(ObjectCache::parseSize("200M") == 200u << 20);
  CHECK(ObjectCache::parseSize("1.5G") == 3u << 29);
  CHECK(ObjectCache::parseSize("64K") == 64u << 10);
  for (const char *Ten : {"10k", "10K", "10KB", "10kb", "10KiB", "10kib"})
    CHECK(ObjectCache::parseSize(Ten) == 10u << 10);
  CHECK(ObjectCache::parseSize("3MiB") == 3u << 20);
  CHECK(ObjectCache::parseSize("1g") == 1u << 30);
  CHECK(ObjectCache::parseSize("2T") == 2ull << 40);
  CHECK(ObjectCache::parseSize("64B") == 64u);
  for (const char *Bad : {"", "lots", "-1", "1Q", "1 G", "G", "1e30", "nan", "inf", "1iB",
                          "1KK", "1Kb2"})
    CHECK_FALSE(ObjectCache::parseSize(Bad));

  unsetenv("WASMAOT_CACHE_MAX_SIZE");
  Result<uint64_t> Default = ObjectCache::configuredLimit();
  REQUIRE(Default);
  CHECK(*Default == ObjectCache::DefaultLimit);
  setenv("WASMAOT_CACHE_MAX_SIZE", "10M", 1);
  Result<uint64_t> Ten = ObjectCache::configuredLimit();
  REQUIRE(Ten);
  CHECK(*Ten == 10u << 20);
  setenv("WASMAOT_CACHE_MAX_SIZE", "big", 1);
  Result<uint64_t> Bad = ObjectCache::configuredLimit();
  REQUIRE_FALSE(Bad);
  CHECK(Bad.error().message().find("WASMAOT_CACHE_MAX_SIZE='big' is not a size") !=
        std::string::npos);
  unsetenv("WASMAOT_CACHE_MAX_SIZE");
}

TEST_CASE("a cache directory that cannot be written degrades to no caching") {
  TempDir Dir;
  std::string CacheDir = Dir.Path;
  if (geteuid() == 0) {
    // root writes through permissions; a path under a file cannot be created.
    writeFile(Dir.Path + "/file", "");
    CacheDir = Dir.Path + "/file/cache";
  } else {
    REQUIRE(chmod(Dir.Path.c_str(), 0555) == 0);
  }
  ObjectCache Cache(CacheDir);
  int Calls = 0;
  bool Temporary = false;
  Result<std::string> Path = Cache.getOrCreate("k", writing("code", Calls), Temporary);
  REQUIRE(Path);
  CHECK(Temporary);
  CHECK(readFile(*Path) == "code");
  unlink(Path->c_str());
}

TEST_CASE("a cache directory others could plant code in is neither read nor written") {
  TempDir Dir;
  std::string CacheDir = Dir.Path + "/cache";
  // First a trusted cache with an entry in it.
  {
    ObjectCache Cache(CacheDir);
    CHECK(Cache.untrusted().empty());
    int Calls = 0;
    bool Temporary = false;
    REQUIRE(Cache.getOrCreate("k", writing("planted", Calls), Temporary));
    CHECK(!Temporary);
  }
  auto Check = [&](const std::string &Why) {
    ObjectCache Cache(CacheDir);
    CHECK_THAT(Cache.untrusted(), Catch::Contains(Why));
    CHECK(!Cache.lookup("k")); // the entry is there, but not to be trusted
    int Calls = 0;
    bool Temporary = false;
    Result<std::string> Path = Cache.getOrCreate("k", writing("fresh", Calls), Temporary);
    REQUIRE(Path);
    CHECK(Calls == 1);
    CHECK(Temporary);
    CHECK(readFile(*Path) == "fresh");
    unlink(Path->c_str());
  };
  // Writable by others, at the top or below.
  REQUIRE(chmod(CacheDir.c_str(), 0777) == 0);
  Check("other users can write to it");
  REQUIRE(chmod(CacheDir.c_str(), 0755) == 0);
  REQUIRE(chmod((CacheDir + "/v1/objects").c_str(), 0775) == 0);
  Check("other users can write to it");
  REQUIRE(chmod((CacheDir + "/v1/objects").c_str(), 0755) == 0);
  // Remembered module digests decide which entry a module gets.
  REQUIRE(mkdir((CacheDir + "/v1/modules").c_str(), 0775) == 0);
  REQUIRE(chmod((CacheDir + "/v1/modules").c_str(), 0775) == 0);
  Check("v1/modules: other users can write to it");
  REQUIRE(chmod((CacheDir + "/v1/modules").c_str(), 0755) == 0);
  // Another user's (only root can make one here).
  if (geteuid() == 0) {
    REQUIRE(chown(CacheDir.c_str(), 65534, 65534) == 0);
    Check("belongs to user 65534");
    REQUIRE(chown(CacheDir.c_str(), 0, 0) == 0);
  }
  // A symlink to a directory: whoever owns the link's directory decides.
  std::string Link = Dir.Path + "/link";
  REQUIRE(symlink(CacheDir.c_str(), Link.c_str()) == 0);
  ObjectCache Linked(Link);
  CHECK_THAT(Linked.untrusted(), Catch::Contains("symbolic link"));
}

TEST_CASE("without HOME there is no default cache directory, not a shared one") {
  const char *Saved[] = {std::getenv("WASMAOT_CACHE_DIR"), std::getenv("XDG_CACHE_HOME"),
                         std::getenv("HOME")};
  std::string Copies[3];
  for (int K = 0; K < 3; ++K)
    Copies[K] = Saved[K] ? Saved[K] : "";
  unsetenv("WASMAOT_CACHE_DIR");
  unsetenv("XDG_CACHE_HOME");
  unsetenv("HOME");
  CHECK(ObjectCache::defaultDirectory().empty());
  ObjectCache Cache(ObjectCache::defaultDirectory());
  CHECK_THAT(Cache.untrusted(), Catch::Contains("no cache directory"));
  int Calls = 0;
  bool Temporary = false;
  Result<std::string> Path = Cache.getOrCreate("k", writing("code", Calls), Temporary);
  REQUIRE(Path);
  CHECK(Temporary);
  unlink(Path->c_str());
  const char *Names[] = {"WASMAOT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
  for (int K = 0; K < 3; ++K)
    if (Saved[K])
      setenv(Names[K], Copies[K].c_str(), 1);
}

TEST_CASE("a hit checks the artifact's identity, and its content only when that changed") {
  TempDir Dir;
  ObjectCache Cache(Dir.Path);
  int Calls = 0;
  bool Temporary = false;
  Result<std::string> Path = Cache.getOrCreate("k", writing("0123456789", Calls), Temporary);
  REQUIRE(Path);
  std::string Meta = readFile(Dir.Path + "/v1/objects/k.meta");
  CHECK_THAT(Meta, Catch::Contains("\nidentity="));
  // A recorded checksum that no longer matches goes unnoticed while the
  // file is untouched: the hit did not read it.
  std::string Forged = Meta;
  Forged.replace(Forged.find("checksum=") + 9, 16, "0000000000000000");
  writeFile(Dir.Path + "/v1/objects/k.meta", Forged);
  CHECK(Cache.lookup("k"));
  // Touching the file (here: its times, content unchanged) changes its
  // identity: the content is checked in full, against the forged checksum.
  REQUIRE(utimensat(AT_FDCWD, Path->c_str(), nullptr, 0) == 0);
  CHECK(!Cache.lookup("k"));

  // An entry copied elsewhere (new identity, same content) passes the full
  // check and gets its new identity recorded.
  Path = Cache.getOrCreate("k2", writing("abc", Calls), Temporary);
  REQUIRE(Path);
  std::string Copy = *Path + ".copy";
  REQUIRE(rename(Path->c_str(), Copy.c_str()) == 0);
  writeFile(*Path, "abc");
  REQUIRE(unlink(Copy.c_str()) == 0);
  std::string Before = readFile(Dir.Path + "/v1/objects/k2.meta");
  CHECK(Cache.lookup("k2"));
  std::string After = readFile(Dir.Path + "/v1/objects/k2.meta");
  CHECK(After != Before);
  CHECK(After.substr(0, After.find("identity=")) == Before.substr(0, Before.find("identity=")));
}
