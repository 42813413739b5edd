//===- cli/ModuleInput.cpp -------------------------------------------------===//
#include "ModuleInput.h"
#include "CompilerProcess.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wasmaot::cli {

ModuleBytes::ModuleBytes(ModuleBytes &&Other) noexcept
    : Mapped(Other.Mapped), MappedSize(Other.MappedSize), Buffer(std::move(Other.Buffer)),
      Identity(std::move(Other.Identity)) {
  Other.Mapped = nullptr;
}

ModuleBytes &ModuleBytes::operator=(ModuleBytes &&Other) noexcept {
  std::swap(Mapped, Other.Mapped);
  std::swap(MappedSize, Other.MappedSize);
  std::swap(Buffer, Other.Buffer);
  std::swap(Identity, Other.Identity);
  return *this;
}

ModuleBytes::~ModuleBytes() {
  if (Mapped)
    munmap(const_cast<uint8_t *>(Mapped), MappedSize);
}

runtime::Result<ModuleBytes> ModuleBytes::map(const std::string &Path) {
  auto Fail = [&](int Errno) {
    return runtime::systemError(Path + ": error: cannot read file", Errno);
  };
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return Fail(errno);
  struct stat St;
  if (fstat(Fd, &St) != 0 || !S_ISREG(St.st_mode)) {
    int Errno = S_ISDIR(St.st_mode) ? EISDIR : errno ? errno : EINVAL;
    ::close(Fd);
    return Fail(Errno);
  }
  ModuleBytes Result;
  if (St.st_size > 0) {
    void *Map = mmap(nullptr, size_t(St.st_size), PROT_READ, MAP_PRIVATE, Fd, 0);
    if (Map == MAP_FAILED) {
      int Errno = errno;
      ::close(Fd);
      return Fail(Errno);
    }
    Result.Mapped = static_cast<const uint8_t *>(Map);
    Result.MappedSize = size_t(St.st_size);
  }
  auto N = [](auto V) { return std::to_string(V); };
  Result.Identity = N(St.st_dev) + ":" + N(St.st_ino) + ":" + N(St.st_size) + ":" +
                    N(St.st_mtim.tv_sec) + "." + N(St.st_mtim.tv_nsec) + ":" +
                    N(St.st_ctim.tv_sec) + "." + N(St.st_ctim.tv_nsec);
  ::close(Fd);
  return Result;
}

namespace {

runtime::Result<ModuleBytes> readStdin() {
  std::vector<uint8_t> Bytes;
  uint8_t Chunk[1 << 16];
  while (size_t N = std::fread(Chunk, 1, sizeof Chunk, stdin))
    Bytes.insert(Bytes.end(), Chunk, Chunk + N);
  if (std::ferror(stdin))
    return runtime::systemError("-: error: cannot read standard input", errno);
  return ModuleBytes(std::move(Bytes));
}

} // namespace

runtime::Result<ModuleBytes> readModule(const std::string &Path) {
  runtime::Result<ModuleBytes> Input = Path == "-" ? readStdin() : ModuleBytes::map(Path);
  if (!Input)
    return Input;
  static constexpr uint8_t Magic[] = {0x00, 0x61, 0x73, 0x6d};
  std::span<const uint8_t> Bytes = Input->bytes();
  if (Bytes.size() >= 4 && std::memcmp(Bytes.data(), Magic, 4) == 0)
    return Input;
  // Text if it says so (.wat) or looks like it (an S-expression or a comment
  // first); anything else goes to the decoder, which names what is wrong
  // with it as a binary ("magic header not detected").
  size_t First = 0;
  while (First < Bytes.size() && std::strchr(" \t\r\n", Bytes[First]))
    ++First;
  bool LooksLikeText = First < Bytes.size() && (Bytes[First] == '(' || Bytes[First] == ';');
  bool NamedText = Path.size() > 4 && Path.compare(Path.size() - 4, 4, ".wat") == 0;
  if (Path == "-" || !(LooksLikeText || NamedText))
    return Input;
  CompilerOutcome O = assembleInCompiler(Path);
  if (!O.Ok)
    return runtime::Error(O.Message);
  return ModuleBytes(std::vector<uint8_t>(O.Output.begin(), O.Output.end()));
}

} // namespace wasmaot::cli
