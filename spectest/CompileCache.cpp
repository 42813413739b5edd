//===- spectest/CompileCache.cpp -------------------------------------------===//
#include "CompileCache.h"

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

CompileCache::CompileCache(std::string Dir, CompileOptions Options, std::string Target)
    : Dir(std::move(Dir)), Options(Options), Target(std::move(Target)),
      CompilerIdentity(executableIdentity()) {}

llvm::Expected<std::string> CompileCache::objectFor(llvm::StringRef WasmPath) {
  if (!Desc) {
    auto Created = TargetDesc::create(Target);
    if (!Created)
      return Created.takeError();
    Desc.emplace(std::move(*Created));
  }
  auto Buffer = llvm::MemoryBuffer::getFile(WasmPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return stringError("cannot read " + WasmPath + ": " + Buffer.getError().message());
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                                (*Buffer)->getBufferSize());

  llvm::SHA256 Hash;
  std::string Header = CompilerIdentity + "|target=" + Desc->triple().str() +
                       "|bounds=" + std::to_string(Options.Bounds) + "|O" +
                       std::to_string(Options.OptLevel) +
                       "|parts=" + std::to_string(Options.PartWeight) + "|";
  Hash.update(Header);
  Hash.update(Bytes);
  std::array<uint8_t, 32> Digest = Hash.final();
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "objects", llvm::toHex(Digest, /*LowerCase=*/true) + ".so");

  // Entries appear atomically (compileToSharedObject renames them into
  // place), so one that exists is whole.
  if (llvm::sys::fs::exists(Path)) {
    ++Hits;
    return std::string(Path);
  }
  if (auto EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return stringError("cannot create " + llvm::sys::path::parent_path(Path) + ": " +
                       EC.message());
  if (auto E = compileToSharedObject(Bytes, Options, Path, &*Desc))
    return E;
  ++Compiled;
  return std::string(Path);
}
