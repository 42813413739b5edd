//===- spectest/CompileCache.cpp -------------------------------------------===//
#include "CompileCache.h"

#include "loader/ArtifactLoader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

using namespace wasmaot;
using namespace wasmaot::spectest;

namespace {

llvm::Error stringError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Size and modification time of the running executable: they change with
/// every rebuild of the compiler it contains.
std::string executableIdentity() {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status("/proc/self/exe", Status))
    return "unknown";
  return std::to_string(Status.getSize()) + ":" +
         std::to_string(Status.getLastModificationTime().time_since_epoch().count());
}

} // namespace

CompileCache::CompileCache(std::string Dir, CompileOptions Options)
    : Dir(std::move(Dir)), Options(Options), CompilerIdentity(executableIdentity()) {}

llvm::Expected<std::shared_ptr<const runtime::CompiledModule>>
CompileCache::load(llvm::StringRef WasmPath) {
  auto Buffer = llvm::MemoryBuffer::getFile(WasmPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return stringError("cannot read " + WasmPath + ": " + Buffer.getError().message());
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                                (*Buffer)->getBufferSize());

  llvm::SHA256 Hash;
  std::string Header = CompilerIdentity + "|bounds=" + std::to_string(Options.Bounds) +
                       "|O" + std::to_string(Options.OptLevel) +
                       "|parts=" + std::to_string(Options.PartWeight) + "|";
  Hash.update(Header);
  Hash.update(Bytes);
  std::array<uint8_t, 32> Digest = Hash.final();
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "objects", llvm::toHex(Digest, /*LowerCase=*/true) + ".so");

  if (llvm::sys::fs::exists(Path)) {
    auto Loaded = runtime::loadCompiledModule(std::string(Path));
    if (Loaded) {
      ++Hits;
      return *Loaded;
    }
    // A damaged entry is compiled again below.
  }
  if (auto EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return stringError("cannot create " + llvm::sys::path::parent_path(Path) + ": " +
                       EC.message());
  if (auto E = compileToSharedObject(Bytes, Options, Path))
    return E;
  ++Compiled;
  auto Loaded = runtime::loadCompiledModule(std::string(Path));
  if (!Loaded)
    return stringError(Loaded.error().message());
  return *Loaded;
}
