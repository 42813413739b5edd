//===- spectest/WastCache.cpp ----------------------------------------------===//
#include "WastCache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace wasmaot::spectest;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

// wast2json converts the largest testsuite script in about a second; a child
// that takes this long is hung, and must not hang the whole run.
constexpr unsigned ConversionTimeoutSeconds = 300;
// wast2json prints each error with its source line and a caret; a few errors
// are enough to tell what went wrong.
constexpr size_t MaxLogLines = 12;

llvm::Error makeError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Whether Path exists and was modified after Than.
bool isNewer(llvm::StringRef Path, llvm::StringRef Than) {
  fs::file_status PathStatus, ThanStatus;
  if (fs::status(Path, PathStatus) || fs::status(Than, ThanStatus))
    return false;
  return PathStatus.getLastModificationTime() > ThanStatus.getLastModificationTime();
}

/// The first lines of the log at LogPath, indented to follow a message.
std::string readLog(llvm::StringRef LogPath) {
  auto Buffer = llvm::MemoryBuffer::getFile(LogPath, /*IsText=*/true);
  if (!Buffer)
    return "(no output)";
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef((*Buffer)->getBuffer()).rtrim().split(Lines, '\n');
  if (Lines.empty() || Lines.front().empty())
    return "(no output)";
  std::string Text;
  for (size_t I = 0; I < Lines.size() && I < MaxLogLines; ++I)
    Text += "\n    " + Lines[I].str();
  if (Lines.size() > MaxLogLines)
    Text += "\n    [" + std::to_string(Lines.size() - MaxLogLines) + " more lines]";
  return Text;
}

} // namespace

llvm::Expected<std::string> WastCache::wast2jsonProgram() {
  if (Wast2Json)
    return *Wast2Json;
  auto Found = llvm::sys::findProgramByName("wast2json");
  if (!Found)
    return makeError("wast2json not found on PATH (it comes with wabt); it converts .wast "
                     "scripts for wasmaot, which consumes binary modules only");
  Wast2Json = *Found;
  return *Wast2Json;
}

llvm::Error WastCache::convert(llvm::StringRef WastPath, llvm::StringRef OutDir,
                               llvm::StringRef JsonPath) {
  auto Program = wast2jsonProgram();
  if (!Program)
    return Program.takeError();

  // Convert into a directory of our own and rename it into place, so that
  // runs sharing the cache (e.g. one per bounds-check strategy) never see a
  // half-written conversion, and no module file of an older conversion can
  // be mistaken for one of this one.
  if (std::error_code EC = fs::create_directories(path::parent_path(OutDir)))
    return makeError("cannot create cache directory " + path::parent_path(OutDir) + ": " +
                     EC.message());
  llvm::SmallString<256> WorkDir;
  if (std::error_code EC = fs::createUniqueDirectory(OutDir + ".tmp", WorkDir))
    return makeError("cannot create a directory beside " + OutDir + ": " + EC.message());
  llvm::SmallString<256> WorkJson(WorkDir);
  path::append(WorkJson, path::filename(JsonPath));

  llvm::SmallString<128> LogPath;
  if (std::error_code EC = fs::createTemporaryFile("wast2json", "log", LogPath))
    return makeError("cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveLog(LogPath);

  // wasmaot's validator is what is under test: wabt's own checks would fail a
  // whole script for a module only wabt rejects.
  llvm::StringRef Args[] = {*Program, "--no-check", WastPath, "-o", WorkJson};
  // An empty path is /dev/null; stdout and stderr share the log.
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(), llvm::StringRef(LogPath),
                                                llvm::StringRef(LogPath)};
  std::string ErrMsg;
  bool ExecutionFailed = false;
  int Status = llvm::sys::ExecuteAndWait(*Program, Args, /*Env=*/std::nullopt, Redirects,
                                         ConversionTimeoutSeconds, /*MemoryLimit=*/0, &ErrMsg,
                                         &ExecutionFailed);
  if (ExecutionFailed || Status != 0) {
    fs::remove_directories(WorkDir, /*IgnoreErrors=*/true);
    if (ExecutionFailed)
      return makeError("cannot run " + *Program + ": " + ErrMsg);
    std::string Why = Status > 0 ? "exit status " + std::to_string(Status) : ErrMsg;
    return makeError("wast2json failed (" + Why + "):" + readLog(LogPath));
  }

  // A run that converted the same script meanwhile may be reading its
  // conversion: keep it.
  if (isNewer(JsonPath, WastPath)) {
    fs::remove_directories(WorkDir, /*IgnoreErrors=*/true);
    return llvm::Error::success();
  }
  fs::remove_directories(OutDir, /*IgnoreErrors=*/true);
  if (!fs::rename(WorkDir, OutDir))
    return llvm::Error::success();
  // Another run put its conversion in place first: use that one.
  fs::remove_directories(WorkDir, /*IgnoreErrors=*/true);
  if (fs::exists(JsonPath))
    return llvm::Error::success();
  return makeError("cannot move the conversion of " + WastPath + " into " + OutDir);
}

llvm::Expected<ConvertedScript> WastCache::load(llvm::StringRef WastPath) {
  // wast2json records the path it was given; the canonical one lets a cached
  // conversion be checked against the script it is reused for.
  llvm::SmallString<256> Source;
  if (std::error_code EC = fs::real_path(WastPath, Source))
    return makeError("cannot read " + WastPath + ": " + EC.message());

  llvm::StringRef Stem = path::stem(Source);
  llvm::SmallString<256> OutDir(Dir);
  path::append(OutDir, path::filename(path::parent_path(Source)), Stem);
  llvm::SmallString<256> JsonPath(OutDir);
  path::append(JsonPath, Stem + ".json");

  ConvertedScript Result;
  Result.ModuleDir = OutDir.str().str();
  if (isNewer(JsonPath, Source)) {
    auto Cached = loadWastScript(JsonPath);
    if (Cached && Cached->SourceFilename == Source) {
      Result.Script = std::move(*Cached);
      Result.FromCache = true;
      return Result;
    }
    // An interrupted conversion, or one of a same-named script elsewhere:
    // convert again.
    llvm::consumeError(Cached.takeError());
  }

  if (auto E = convert(Source, OutDir, JsonPath))
    return E;
  auto Converted = loadWastScript(JsonPath);
  if (!Converted)
    return Converted.takeError();
  Result.Script = std::move(*Converted);
  return Result;
}
