//===- cli/cache/ObjectCache.cpp -------------------------------------------===//
#include "cache/ObjectCache.h"

#include "support/FastHash.h"

// SHA256_Init and friends are deprecated in OpenSSL 3 in favour of EVP, but
// they remain, and they start much faster (see Sha256 below).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace wasmaot::cli {

using runtime::Error;

namespace {

/// How long a process waits for another one compiling the same module.
constexpr auto LockTimeout = std::chrono::minutes(5);

/// SHA-256 through OpenSSL's direct interface: the EVP interface would first
/// set up OpenSSL 3's provider tables, a large part of a warm start's time.
/// Both use the CPU's SHA instructions when it has them.
class Sha256 {
public:
  Sha256() { SHA256_Init(&Ctx); }

  void update(const void *Data, size_t Size) { SHA256_Update(&Ctx, Data, Size); }
  void update(const std::string &S) { update(S.data(), S.size() + 1); } // with its NUL
  std::string hex() {
    unsigned char Digest[SHA256_DIGEST_LENGTH];
    SHA256_Final(Digest, &Ctx);
    static constexpr char Hex[] = "0123456789abcdef";
    std::string Out;
    for (unsigned char Byte : Digest) {
      Out.push_back(Hex[Byte >> 4]);
      Out.push_back(Hex[Byte & 15]);
    }
    return Out;
  }

private:
  SHA256_CTX Ctx;
};

/// The checksum of the file at Path as hex, or "" if it cannot be read. A
/// fast 64-bit checksum: it guards against damage, while the key (SHA-256)
/// guards against confusing modules, and a hit must stay cheap even for
/// artifacts of tens of megabytes.
std::string fileChecksum(const std::string &Path, uint64_t &Size) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return "";
  struct stat St;
  std::string Checksum;
  if (fstat(Fd, &St) == 0) {
    Size = uint64_t(St.st_size);
    void *Map = Size ? mmap(nullptr, Size, PROT_READ, MAP_PRIVATE, Fd, 0) : nullptr;
    if (Map != MAP_FAILED) {
      char Hex[17];
      std::snprintf(Hex, sizeof Hex, "%016llx",
                    static_cast<unsigned long long>(runtime::fastHash64(
                        {static_cast<const uint8_t *>(Map), size_t(Size)})));
      Checksum = Hex;
      if (Map)
        munmap(Map, Size);
    }
  }
  ::close(Fd);
  return Checksum;
}

/// What identifies the file at Path as it was when its entry was stored: the
/// device, inode, size and modification and change times. Any write to it,
/// rename over it or mode change changes the change time, which nobody but
/// root can set back; so while the identity holds, the content is the one
/// that was checksummed, and a hit need not read the whole artifact again.
/// "" if Path cannot be read.
std::string fileIdentity(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return "";
  char Text[160];
  std::snprintf(Text, sizeof Text, "%llx:%llx:%llx:%lld.%09ld:%lld.%09ld",
                (unsigned long long)St.st_dev, (unsigned long long)St.st_ino,
                (unsigned long long)St.st_size, (long long)St.st_mtim.tv_sec,
                St.st_mtim.tv_nsec, (long long)St.st_ctim.tv_sec, St.st_ctim.tv_nsec);
  return Text;
}

/// The entry metadata: "checksum=HEX\nsize=N\nidentity=ID\n" (older entries
/// lack the identity line).
std::string metaText(const std::string &Checksum, uint64_t Size, const std::string &Identity) {
  return "checksum=" + Checksum + "\nsize=" + std::to_string(Size) + "\nidentity=" + Identity +
         "\n";
}

/// The value of "Name=" in entry metadata, or "".
std::string metaField(const std::string &Meta, const std::string &Name) {
  std::string Prefix = Name + "=";
  for (size_t Start = 0; Start < Meta.size();) {
    size_t End = Meta.find('\n', Start);
    if (End == std::string::npos)
      End = Meta.size();
    if (Meta.compare(Start, Prefix.size(), Prefix) == 0)
      return Meta.substr(Start + Prefix.size(), End - Start - Prefix.size());
    Start = End + 1;
  }
  return "";
}

/// How stale a last-use time may get before a hit refreshes it (seconds).
constexpr time_t TouchInterval = 60;

/// Reads the small file at Path (an entry's metadata, a remembered module
/// digest) into Out and its modification time into Modified.
bool readMeta(const std::string &Path, std::string &Out, time_t &Modified) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return false;
  struct stat St;
  char Buffer[512];
  ssize_t N = fstat(Fd, &St) == 0 ? ::read(Fd, Buffer, sizeof Buffer) : -1;
  ::close(Fd);
  if (N < 0)
    return false;
  Out.assign(Buffer, size_t(N));
  Modified = St.st_mtim.tv_sec;
  return true;
}

/// Writes Text to Path through a temporary file and a rename.
bool writeAtomically(const std::string &Path, const std::string &Text) {
  std::string Temporary = Path + ".tmp-" + std::to_string(getpid());
  FILE *F = std::fopen(Temporary.c_str(), "we");
  if (!F)
    return false;
  bool Ok = std::fwrite(Text.data(), 1, Text.size(), F) == Text.size();
  Ok &= std::fclose(F) == 0;
  if (Ok && std::rename(Temporary.c_str(), Path.c_str()) == 0)
    return true;
  std::remove(Temporary.c_str());
  return false;
}

bool makeDirectories(const std::string &Path) {
  for (size_t Slash = 1; Slash != std::string::npos; Slash = Path.find('/', Slash + 1)) {
    std::string Prefix = Path.substr(0, Slash);
    if (::mkdir(Prefix.c_str(), 0755) != 0 && errno != EEXIST)
      return false;
  }
  return ::mkdir(Path.c_str(), 0755) == 0 || errno == EEXIST;
}

/// Why the cache directory Path (and what it holds) cannot be trusted with
/// native code this process will run, or "" if it can: it must be a
/// directory (not a symlink) of this user's that nobody else can write.
/// Another local user who could plant an entry there would have their code
/// run. A directory that does not exist yet is created by this user.
std::string untrustedBecause(const std::string &Path) {
  struct stat St;
  if (::lstat(Path.c_str(), &St) != 0)
    return errno == ENOENT ? "" : std::strerror(errno);
  if (S_ISLNK(St.st_mode))
    return "it is a symbolic link";
  if (!S_ISDIR(St.st_mode))
    return "it is not a directory";
  if (St.st_uid != ::geteuid())
    return "it belongs to user " + std::to_string(St.st_uid) + ", not to this user";
  if (St.st_mode & (S_IWGRP | S_IWOTH))
    return "other users can write to it";
  return "";
}

/// A held flock on a lock file; released on destruction.
class FileLock {
public:
  /// Waits up to LockTimeout; Acquired() says whether it got the lock.
  explicit FileLock(const std::string &Path) {
    Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (Fd < 0)
      return;
    auto Deadline = std::chrono::steady_clock::now() + LockTimeout;
    while (flock(Fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK || std::chrono::steady_clock::now() > Deadline) {
        ::close(Fd);
        Fd = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~FileLock() {
    if (Fd >= 0)
      ::close(Fd); // releases the lock
  }
  FileLock(const FileLock &) = delete;
  FileLock &operator=(const FileLock &) = delete;
  bool acquired() const { return Fd >= 0; }

private:
  int Fd = -1;
};

struct Entry {
  std::string Key;
  uint64_t Bytes;
  timespec LastUse;
};

} // namespace

std::string sha256Hex(std::span<const uint8_t> Bytes) {
  Sha256 H;
  H.update(Bytes.data(), Bytes.size());
  return H.hex();
}

std::string CacheKey::digest() const {
  Sha256 H;
  H.update(std::string("wasmaot-cache-key-v2"));
  H.update(WasmaotVersion);
  H.update(std::to_string(AbiVersion));
  H.update(Triple);
  H.update(Cpu);
  H.update(std::to_string(OptLevel));
  H.update(Bounds == WASMAOT_BOUNDS_GUARD ? std::string("guard") : std::string("explicit"));
  H.update(WasmFeatures);
  H.update(WasmDigest.empty() ? sha256Hex(Wasm) : WasmDigest);
  return H.hex();
}

std::string ObjectCache::defaultDirectory() {
  if (const char *Dir = std::getenv("WASMAOT_CACHE_DIR"); Dir && *Dir)
    return Dir;
  if (const char *Xdg = std::getenv("XDG_CACHE_HOME"); Xdg && *Xdg)
    return std::string(Xdg) + "/wasmaot";
  if (const char *Home = std::getenv("HOME"); Home && *Home)
    return std::string(Home) + "/.cache/wasmaot";
  // No predictable shared fallback such as /tmp/wasmaot-cache-UID: another
  // user could create it first and plant code there.
  return "";
}

std::string ObjectCache::untrusted() const {
  // Asked twice per start on the warm path (the module's digest, then the
  // entry): the directories are looked at once.
  if (Untrusted)
    return *Untrusted;
  Untrusted = "";
  if (Dir.empty())
    Untrusted = "no cache directory: neither $WASMAOT_CACHE_DIR, $XDG_CACHE_HOME nor $HOME is set";
  // A remembered module digest decides which code runs as much as an entry.
  else
    for (const std::string &Path :
         {Dir, Dir + "/v1", Dir + "/v1/objects", Dir + "/v1/modules"})
      if (std::string Why = untrustedBecause(Path); !Why.empty()) {
        Untrusted = Path + ": " + Why;
        break;
      }
  return *Untrusted;
}

ObjectCache::ObjectCache(std::string Dir, uint64_t Limit) : Dir(std::move(Dir)), Limit(Limit) {}

std::string ObjectCache::moduleDigest(const std::string &Identity,
                                      std::span<const uint8_t> Bytes) {
  if (Identity.empty() || !untrusted().empty())
    return sha256Hex(Bytes);
  std::string Directory = Dir + "/v1/modules";
  std::string Path = Directory + "/" + sha256Hex({reinterpret_cast<const uint8_t *>(
                                                      Identity.data()),
                                                  Identity.size()});
  std::string Known;
  time_t Modified;
  if (readMeta(Path, Known, Modified) && Known.size() == 64)
    return Known;
  std::string Digest = sha256Hex(Bytes);
  // Best effort: without it, the next start hashes again.
  if (makeDirectories(Directory))
    writeAtomically(Path, Digest);
  return Digest;
}

std::string ObjectCache::objectPath(const std::string &Key) const {
  return Dir + "/v1/objects/" + Key + ".so";
}

std::string ObjectCache::metaPath(const std::string &Key) const {
  return Dir + "/v1/objects/" + Key + ".meta";
}

void ObjectCache::warnOnce(const std::string &Message) {
  if (Warned)
    return;
  Warned = true;
  std::fprintf(stderr, "wasmaot: warning: %s\n", Message.c_str());
}

void ObjectCache::discard(const std::string &Key, const std::string &Why) {
  std::fprintf(stderr, "wasmaot: warning: cache entry %s is damaged (%s); compiling again\n",
               Key.c_str(), Why.c_str());
  ::unlink(metaPath(Key).c_str());
  ::unlink(objectPath(Key).c_str());
}

std::optional<std::string> ObjectCache::lookup(const std::string &Key) {
  if (std::string Why = untrusted(); !Why.empty()) {
    warnOnce("not using the cache: " + Why + "; compiling without it");
    return std::nullopt;
  }
  std::string Meta;
  time_t LastUse;
  if (!readMeta(metaPath(Key), Meta, LastUse))
    return std::nullopt;
  std::string Object = objectPath(Key);
  std::string Identity = fileIdentity(Object);
  if (Identity.empty()) {
    discard(Key, "its shared object is missing");
    return std::nullopt;
  }
  // Untouched since it was checksummed: a hit at the cost of a stat. Else
  // (copied, restored, or damaged) the content is checked in full.
  if (metaField(Meta, "identity") != Identity) {
    uint64_t Size = 0;
    std::string Checksum = fileChecksum(Object, Size);
    if (Checksum.empty() || metaField(Meta, "checksum") != Checksum ||
        metaField(Meta, "size") != std::to_string(Size)) {
      discard(Key, "checksum mismatch");
      return std::nullopt;
    }
    // Sound after all: the next hit is a cheap one again.
    writeAtomically(metaPath(Key), metaText(Checksum, Size, Identity));
  }
  // The .meta's modification time records the last use, for eviction; a
  // minute's precision is plenty for that and spares most hits a write.
  if (std::time(nullptr) - LastUse >= TouchInterval)
    utimensat(AT_FDCWD, metaPath(Key).c_str(), nullptr, 0);
  return Object;
}

Result<void> ObjectCache::store(const std::string &Key, const std::string &Produced) {
  uint64_t Size = 0;
  std::string Checksum = fileChecksum(Produced, Size);
  if (Checksum.empty())
    return Error("cannot read the compiled code at " + Produced);
  if (std::rename(Produced.c_str(), objectPath(Key).c_str()) != 0)
    return runtime::systemError("cannot store " + objectPath(Key), errno);
  // The identity after the rename, which may change the change time.
  if (!writeAtomically(metaPath(Key), metaText(Checksum, Size, fileIdentity(objectPath(Key)))))
    return runtime::systemError("cannot write " + metaPath(Key), errno);
  return {};
}

Result<std::string> ObjectCache::getOrCreate(const std::string &Key, const Producer &Produce,
                                             bool &IsTemporary, const Acceptor &Accept) {
  IsTemporary = false;
  // A found entry, if Accept takes it.
  auto Usable = [&]() -> std::optional<std::string> {
    std::optional<std::string> Hit = lookup(Key);
    if (!Hit || !Accept)
      return Hit;
    Result<void> Accepted = Accept(*Hit);
    if (Accepted)
      return Hit;
    discard(Key, "it cannot be used: " + Accepted.error().message());
    return std::nullopt;
  };
  if (std::optional<std::string> Hit = Usable())
    return *Hit;

  // Compile somewhere we own, outside the cache, when it cannot be written.
  auto Uncached = [&](const std::string &Why) -> Result<std::string> {
    warnOnce("cannot use the cache in " + Dir + " (" + Why + "); compiling without it");
    Result<std::string> Temporary = temporaryFile();
    if (!Temporary)
      return Temporary.error();
    if (Result<void> R = Produce(*Temporary); !R) {
      ::unlink(Temporary->c_str());
      return R.error();
    }
    IsTemporary = true;
    return *Temporary;
  };

  if (std::string Why = untrusted(); !Why.empty())
    return Uncached(Why);
  std::string Objects = Dir + "/v1/objects", Locks = Dir + "/v1/locks";
  if (!makeDirectories(Objects) || !makeDirectories(Locks) ||
      ::access(Objects.c_str(), W_OK) != 0 || ::access(Locks.c_str(), W_OK) != 0)
    return Uncached(std::strerror(errno ? errno : EACCES));

  FileLock Lock(Locks + "/" + Key + ".lock");
  if (!Lock.acquired())
    return Uncached("another process holds the entry's lock for too long");
  // Whoever held the lock before may have stored the entry meanwhile.
  if (std::optional<std::string> Hit = Usable())
    return *Hit;

  std::string Temporary = objectPath(Key) + ".tmp-" + std::to_string(getpid());
  if (Result<void> R = Produce(Temporary); !R) {
    ::unlink(Temporary.c_str());
    return R.error();
  }
  if (Result<void> Stored = store(Key, Temporary); !Stored) {
    // A full disk, say: the compiled code is still good for this run.
    warnOnce(Stored.error().message() + "; running without caching");
    IsTemporary = true;
    return Temporary;
  }
  // The entry just stored is about to be used, however big it is.
  prune(Limit, Key);
  return objectPath(Key);
}

namespace {

std::vector<Entry> listEntries(const std::string &Objects) {
  std::vector<Entry> Entries;
  DIR *D = opendir(Objects.c_str());
  if (!D)
    return Entries;
  while (dirent *E = readdir(D)) {
    std::string Name = E->d_name;
    if (Name.size() < 6 || Name.compare(Name.size() - 5, 5, ".meta") != 0)
      continue;
    std::string Key = Name.substr(0, Name.size() - 5);
    struct stat Meta, Object;
    if (stat((Objects + "/" + Name).c_str(), &Meta) != 0)
      continue;
    uint64_t Bytes = uint64_t(Meta.st_size);
    if (stat((Objects + "/" + Key + ".so").c_str(), &Object) == 0)
      Bytes += uint64_t(Object.st_size);
    Entries.push_back({Key, Bytes, Meta.st_mtim});
  }
  closedir(D);
  return Entries;
}

} // namespace

CacheStats ObjectCache::stats() const {
  CacheStats S;
  for (const Entry &E : listEntries(Dir + "/v1/objects")) {
    ++S.Entries;
    S.Bytes += E.Bytes;
  }
  return S;
}

Result<std::string> ObjectCache::temporaryFile() {
  const char *Dir = std::getenv("TMPDIR");
  std::string Template = std::string(Dir && *Dir ? Dir : "/tmp") + "/wasmaot-XXXXXX";
  int Fd = mkstemp(Template.data());
  if (Fd < 0)
    return runtime::systemError("cannot create a temporary file " + Template, errno);
  ::close(Fd);
  return Template;
}

std::optional<uint64_t> ObjectCache::parseSize(std::string_view Text) {
  std::string Copy(Text);
  char *End = nullptr;
  double Value = std::strtod(Copy.c_str(), &End);
  if (End == Copy.c_str() || !(Value >= 0) || !std::isdigit(static_cast<unsigned char>(Copy[0])))
    return std::nullopt;
  // 10k, 10K, 10KB, 10KiB and 10kib all mean 10 * 1024 (sizes of files and
  // caches, which nobody counts in powers of ten); 10B is 10.
  std::string Unit(End);
  for (char &C : Unit)
    C = char(std::tolower(static_cast<unsigned char>(C)));
  if (!Unit.empty() && Unit.back() == 'b')
    Unit.pop_back();
  if (Unit.size() == 2 && Unit.back() == 'i')
    Unit.pop_back();
  double Scale = Unit.empty() ? 1
                 : Unit == "k" ? 1024.0
                 : Unit == "m" ? 1048576.0
                 : Unit == "g" ? 1073741824.0
                 : Unit == "t" ? 1099511627776.0
                               : -1;
  double Bytes = Value * Scale;
  if (Scale < 0 || Bytes >= 18446744073709551616.0)
    return std::nullopt;
  return uint64_t(Bytes);
}

Result<uint64_t> ObjectCache::configuredLimit() {
  const char *Text = std::getenv("WASMAOT_CACHE_MAX_SIZE");
  if (!Text)
    return DefaultLimit;
  std::optional<uint64_t> Limit = parseSize(Text);
  if (!Limit)
    return Error(std::string("WASMAOT_CACHE_MAX_SIZE='") + Text +
                 "' is not a size (bytes, or a number with a suffix such as 10K, 10KiB, "
                 "200M or 1G)");
  return *Limit;
}

uint64_t ObjectCache::prune(uint64_t Limit, const std::string &Keep) {
  std::vector<Entry> Entries = listEntries(Dir + "/v1/objects");
  uint64_t Total = 0;
  for (const Entry &E : Entries)
    Total += E.Bytes;
  // Least recently used first.
  std::sort(Entries.begin(), Entries.end(), [](const Entry &A, const Entry &B) {
    return A.LastUse.tv_sec != B.LastUse.tv_sec ? A.LastUse.tv_sec < B.LastUse.tv_sec
                                                : A.LastUse.tv_nsec < B.LastUse.tv_nsec;
  });
  uint64_t Removed = 0;
  for (const Entry &E : Entries) {
    if (Total <= Limit)
      break;
    if (E.Key == Keep)
      continue;
    // The .meta goes first: without it the entry no longer exists.
    ::unlink(metaPath(E.Key).c_str());
    ::unlink(objectPath(E.Key).c_str());
    Total -= E.Bytes;
    ++Removed;
  }
  return Removed;
}

Result<void> ObjectCache::clean() {
  prune(0);
  std::string Objects = Dir + "/v1/objects", Modules = Dir + "/v1/modules";
  // Leftovers of interrupted writes, and every remembered module digest.
  for (const std::string &Directory : {Objects, Modules})
    if (DIR *D = opendir(Directory.c_str())) {
      while (dirent *E = readdir(D))
        if (Directory == Modules ? E->d_name[0] != '.' : std::strstr(E->d_name, ".tmp-") != nullptr)
          ::unlink((Directory + "/" + E->d_name).c_str());
      closedir(D);
    }
  return {};
}

} // namespace wasmaot::cli
