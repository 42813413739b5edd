//===- tests/fuzz/LoaderFuzzer.cpp - libFuzzer target: the ELF loader ------===//
//
// Arbitrary bytes as a compiled artifact for the ELF loader (ElfImage), the
// way `wasmaot run` loads a cached one: it must map, relocate and protect a
// well-formed object, and refuse anything else with an error, never write
// outside what it mapped, crash or leak. Nothing loaded is executed. Seeded
// with the spec testsuite's compiled artifacts (RunFuzzer.sh).
//
//===----------------------------------------------------------------------===//
#include "loader/ElfImage.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  // The loader reads a path: one in-memory file, rewritten for each input.
  static const int Fd = memfd_create("artifact", MFD_CLOEXEC);
  static const std::string Path = "/proc/self/fd/" + std::to_string(Fd);
  if (Fd < 0 || ftruncate(Fd, 0) != 0 ||
      (Size && pwrite(Fd, Data, Size, 0) != static_cast<ssize_t>(Size)))
    __builtin_trap(); // the harness itself failed, not the loader
  // Imports resolve to a harmless block of memory: relocations may write its
  // address, and nothing calls it.
  static uint64_t Imported[64];
  auto Resolve = [](const char *) -> void * { return Imported; };
  wasmaot::runtime::Result<wasmaot::runtime::ElfImage> Image =
      wasmaot::runtime::ElfImage::load(Path, Resolve);
  if (Image)
    (void)Image->symbol("wasmaot_module_info");
  return 0;
}
