//===- cli/CacheCommand.cpp - `wasmaot cache dir|stats|clean|prune` --------===//
#include "Commands.h"
#include "Compilation.h"
#include "cache/ObjectCache.h"

#include <cstdio>
#include <cstdlib>

using namespace wasmaot;

void wasmaot::cli::addCacheCommand(CLI::App &App, std::function<int()> &Run) {
  auto *Cmd = App.add_subcommand("cache", "Inspect or trim the cache of compiled code");
  Cmd->require_subcommand(1);
  Cmd->footer("The cache holds compiled code under the SHA-256 of the module and of every\n"
              "option that changes the code; see docs/Cache.md.\n"
              "\n"
              "Examples:\n"
              "  wasmaot cache stats\n"
              "  wasmaot cache prune --max-size 200M\n"
              "  WASMAOT_CACHE_DIR=/var/cache/wasmaot wasmaot cache clean\n"
              "\n"
              "After each store the cache is trimmed to $WASMAOT_CACHE_MAX_SIZE (bytes,\n"
              "or 10K, 10KiB, 200M, 1G...; default 1G), least recently used first.");
  auto Dir = std::make_shared<std::string>();
  Cmd->add_option("--cache-dir", *Dir, "The cache (default: as for run and compile)");
  auto Directory = [Dir] {
    CodegenFlags F;
    F.CacheDir = *Dir;
    std::string Path = cacheDirectory(F);
    if (Path.empty()) {
      // Never "": clean and prune would work on /v1.
      std::fprintf(stderr, "wasmaot: error: no cache directory: set $WASMAOT_CACHE_DIR, "
                           "$XDG_CACHE_HOME or $HOME, or give --cache-dir\n");
      std::exit(ExitUsage);
    }
    return Path;
  };

  Cmd->add_subcommand("dir", "Print the cache's directory")->callback([&Run, Directory] {
    Run = [Directory] {
      std::printf("%s\n", Directory().c_str());
      return int(ExitSuccess);
    };
  });
  Cmd->add_subcommand("stats", "Print the number and total size of cached artifacts")
      ->callback([&Run, Directory] {
        Run = [Directory] {
          ObjectCache Cache(Directory());
          CacheStats S = Cache.stats();
          std::printf("directory: %s\nentries: %llu\nsize: %llu bytes (%.1f MiB)\n",
                      Cache.directory().c_str(), (unsigned long long)S.Entries,
                      (unsigned long long)S.Bytes, double(S.Bytes) / (1 << 20));
          return int(ExitSuccess);
        };
      });
  Cmd->add_subcommand("clean", "Remove every cached artifact")->callback([&Run, Directory] {
    Run = [Directory] {
      ObjectCache Cache(Directory());
      if (runtime::Result<void> R = Cache.clean(); !R) {
        std::fprintf(stderr, "wasmaot: error: %s\n", R.error().message().c_str());
        return int(ExitRejected);
      }
      return int(ExitSuccess);
    };
  });
  auto *Prune = Cmd->add_subcommand("prune", "Remove the least recently used artifacts until "
                                              "the cache fits its size limit");
  auto Max = std::make_shared<std::string>();
  Prune->add_option("--max-size", *Max,
                    "Size limit: bytes, or 10K, 10KiB, 200M, 1G... (default: "
                    "$WASMAOT_CACHE_MAX_SIZE, else 1G)");
  Prune->callback([&Run, Directory, Max] {
    Run = [Directory, Max] {
      std::optional<uint64_t> Limit;
      if (Max->empty()) {
        runtime::Result<uint64_t> Configured = ObjectCache::configuredLimit();
        if (!Configured) {
          std::fprintf(stderr, "wasmaot: error: %s\n", Configured.error().message().c_str());
          return int(ExitUsage);
        }
        Limit = *Configured;
      } else if (!(Limit = ObjectCache::parseSize(*Max))) {
        std::fprintf(stderr, "wasmaot: error: --max-size '%s' is not a size\n", Max->c_str());
        return int(ExitUsage);
      }
      ObjectCache Cache(Directory());
      uint64_t Removed = Cache.prune(*Limit);
      std::printf("removed %llu entries\n", (unsigned long long)Removed);
      return int(ExitSuccess);
    };
  });
}
