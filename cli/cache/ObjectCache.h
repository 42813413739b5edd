//===- cli/cache/ObjectCache.h - Content-addressed cache of compiled code --===//
//
// Compiled modules (linked shared objects, ready to load) are stored under
// the SHA-256 of everything that determines them (CacheKey). Layout, under
// the cache directory:
//
//   v1/objects/KEY.so     the shared object
//   v1/objects/KEY.meta   "checksum=<64-bit checksum of KEY.so>\nsize=<bytes>\n";
//                         its modification time is the entry's last use (LRU)
//   v1/locks/KEY.lock     held (flock) by the one process compiling KEY
//
// Entries appear atomically: both files are written under temporary names
// and renamed, the .so first, so an entry exists exactly when its .meta
// does. A reader checks the .so against the checksum in .meta, so a truncated
// or damaged entry is detected, discarded with a warning and compiled again.
// Processes that miss the same key at once serialize on its lock: one
// compiles, the others wait (with a timeout) and then find the entry.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Result.h"
#include "wasmaot/abi.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::cli {

using runtime::Result;

/// What a compiled module depends on; any change gives another key.
struct CacheKey {
  std::span<const uint8_t> Wasm;
  /// The hex SHA-256 of Wasm when the caller knows it (ModuleDigests.h);
  /// else digest() computes it.
  std::string WasmDigest;
  std::string WasmaotVersion;
  uint32_t AbiVersion = WASMAOT_ABI_VERSION;
  std::string Triple;
  /// The CPU name and the features the code may use ("x86-64-v2" for the
  /// portable baseline; for native code, the features of this machine).
  std::string Cpu;
  unsigned OptLevel = 2;
  wasmaot_bounds_checks Bounds = WASMAOT_BOUNDS_GUARD;
  std::string WasmFeatures;

  /// The hex SHA-256 of all the above.
  std::string digest() const;
};

/// The hex SHA-256 of Bytes.
std::string sha256Hex(std::span<const uint8_t> Bytes);

struct CacheStats {
  uint64_t Entries = 0;
  uint64_t Bytes = 0;
};

class ObjectCache {
public:
  /// The default size limit: 1 GiB.
  static constexpr uint64_t DefaultLimit = uint64_t(1) << 30;

  /// Bytes, or a number with a binary unit: K, M, G or T, in any case, with or
  /// without "iB" or "B" ("10k", "10KiB", "200M", "1.5G", "64B"); nullopt for
  /// anything else.
  static std::optional<uint64_t> parseSize(std::string_view Text);

  /// A new empty file in $TMPDIR (or /tmp), for code compiled outside the
  /// cache; its owner deletes it.
  static Result<std::string> temporaryFile();

  /// The size limit: $WASMAOT_CACHE_MAX_SIZE (a size as parseSize reads it)
  /// if set, else DefaultLimit; an error names a variable that is no size.
  static Result<uint64_t> configuredLimit();

  /// $WASMAOT_CACHE_DIR, else $XDG_CACHE_HOME/wasmaot, else ~/.cache/wasmaot;
  /// "" when none of those variables is set.
  static std::string defaultDirectory();

  ObjectCache(std::string Dir, uint64_t Limit = DefaultLimit);

  const std::string &directory() const { return Dir; }

  /// Produces a file at a given path (the compiler), or returns an error.
  using Producer = std::function<Result<void>(const std::string &Path)>;
  /// Checks an entry that was found before it is used, e.g. by loading it.
  using Acceptor = std::function<Result<void>(const std::string &Path)>;

  /// The path of the shared object for Key: found, or made by Produce and
  /// stored. Warnings (a damaged entry, a cache that cannot be written) go to
  /// stderr once; when the cache cannot be used, Produce writes to a
  /// temporary file outside it, which the caller owns (see IsTemporary).
  /// A found entry that Accept refuses (one built for another runtime ABI,
  /// say, that its checksum cannot tell) is discarded with a warning and
  /// produced again; what Produce makes is not given to Accept.
  Result<std::string> getOrCreate(const std::string &Key, const Producer &Produce,
                                  bool &IsTemporary, const Acceptor &Accept = nullptr);

  /// The hex SHA-256 of a module's Bytes, read from a file whose identity
  /// (device, inode, size, modification and change times) is Identity:
  /// remembered in v1/modules/ after the first time, so that a warm start of
  /// a big module does not hash it again. While a file's identity holds, its
  /// contents are those that were hashed: a write, a truncation or a rename
  /// over it changes its change time, which only root can set back (the
  /// argument the cache makes for its artifacts). Computed and not
  /// remembered for an empty Identity or an untrusted cache.
  std::string moduleDigest(const std::string &Identity, std::span<const uint8_t> Bytes);

  /// The path of a valid entry for Key, or nullopt. A damaged entry is
  /// removed, with a warning.
  std::optional<std::string> lookup(const std::string &Key);

  /// Why this cache cannot be trusted with code to run (its directory, or
  /// one below it, is another user's, writable by others, a symlink; or
  /// there is no directory at all), or "" if it can. An untrusted cache is
  /// neither read nor written: code is compiled outside it, with a warning.
  std::string untrusted() const;

  CacheStats stats() const;
  /// Removes every entry.
  Result<void> clean();
  /// Removes least recently used entries until the cache holds at most
  /// Limit bytes, never the entry Keep (one about to be used); returns how
  /// many were removed.
  uint64_t prune(uint64_t Limit, const std::string &Keep = "");

private:
  std::string objectPath(const std::string &Key) const;
  std::string metaPath(const std::string &Key) const;
  Result<void> store(const std::string &Key, const std::string &Produced);
  void discard(const std::string &Key, const std::string &Why);
  void warnOnce(const std::string &Message);

  std::string Dir;
  uint64_t Limit;
  /// untrusted()'s answer, once asked.
  mutable std::optional<std::string> Untrusted;
  bool Warned = false;
};

} // namespace wasmaot::cli
