//===- cli/ModuleInput.cpp -------------------------------------------------===//
#include "ModuleInput.h"
#include "CompilerLoader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wasmaot::cli {

runtime::Result<std::vector<uint8_t>> readModule(const std::string &Path) {
  FILE *F = Path == "-" ? stdin : std::fopen(Path.c_str(), "rbe");
  if (!F)
    return runtime::systemError(Path + ": error: cannot read file", errno);
  std::vector<uint8_t> Bytes;
  uint8_t Buffer[1 << 16];
  while (size_t N = std::fread(Buffer, 1, sizeof Buffer, F))
    Bytes.insert(Bytes.end(), Buffer, Buffer + N);
  bool Failed = std::ferror(F);
  int Errno = errno;
  if (F != stdin)
    std::fclose(F);
  if (Failed)
    return runtime::systemError(Path + ": error: cannot read file", Errno);

  static constexpr uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  if (Bytes.size() >= 4 && std::memcmp(Bytes.data(), Magic, 4) == 0)
    return Bytes;
  if (Path == "-")
    return runtime::Error("-: not a WebAssembly binary module (text modules must be files)");
  runtime::Result<plugin::Compiler *> Compiler = loadCompiler();
  if (!Compiler)
    return Compiler.error();
  std::vector<uint8_t> Binary;
  plugin::Outcome O = (*Compiler)->assembleText(Path, Binary);
  if (!O.Ok)
    return runtime::Error(O.Message);
  return Binary;
}

} // namespace wasmaot::cli
