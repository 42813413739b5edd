//===- wasi/WasiTestSupport.cpp --------------------------------------------===//
#include "WasiTestSupport.h"

#include "RuntimeTestSupport.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <cstdlib>

namespace fs = std::filesystem;

namespace wasmaot::runtime::wasi::test {

TempTree::TempTree() {
  char Template[] = "/tmp/wasmaot-wasi-XXXXXX";
  REQUIRE(mkdtemp(Template) != nullptr);
  Root = Template;
  mkdir("host");
  mkdir(SandboxDir);
  write(std::string(SandboxDir) + "/file.txt", "hello");
  mkdir(std::string(SandboxDir) + "/dir");
  write(std::string(SandboxDir) + "/dir/nested.txt", "nested");
  mkdir("outside");
  write("outside/secret.txt", "secret");
}

TempTree::~TempTree() {
  std::error_code Ignored;
  fs::remove_all(Root, Ignored);
}

std::string TempTree::path(std::string_view Relative) const {
  return Root + "/" + std::string(Relative);
}

void TempTree::write(std::string_view Relative, std::string_view Content) const {
  std::ofstream Out(path(Relative), std::ios::binary | std::ios::trunc);
  Out << Content;
  REQUIRE(Out.good());
}

std::string TempTree::read(std::string_view Relative) const {
  std::ifstream In(path(Relative), std::ios::binary);
  if (!In)
    return "<missing>";
  std::ostringstream Content;
  Content << In.rdbuf();
  return Content.str();
}

bool TempTree::exists(std::string_view Relative) const {
  std::error_code Error;
  return fs::symlink_status(path(Relative), Error).type() != fs::file_type::not_found;
}

void TempTree::mkdir(std::string_view Relative) const {
  REQUIRE(fs::create_directory(path(Relative)));
}

void TempTree::symlink(std::string_view Target, std::string_view Relative) const {
  fs::create_symlink(std::string(Target), path(Relative));
}

std::string TempTree::outsideSnapshot() const {
  std::string Snapshot;
  for (auto It = fs::recursive_directory_iterator(Root); It != fs::recursive_directory_iterator();
       ++It) {
    std::string Relative = fs::relative(It->path(), Root).string();
    if (Relative == SandboxDir) {
      It.disable_recursion_pending();
      continue;
    }
    Snapshot += Relative;
    if (It->is_symlink())
      Snapshot += " -> " + fs::read_symlink(It->path()).string();
    else if (It->is_regular_file())
      Snapshot += ": " + read(Relative);
    Snapshot += "\n";
  }
  return Snapshot;
}

WasiFixture::WasiFixture(const std::function<void(WasiOptions &)> &Adjust) {
  WasiOptions Options;
  Options.Args = {"guest"};
  Options.Dirs = {{Tree.path(SandboxDir), "/sandbox"}};
  if (Adjust)
    Adjust(Options);
  Result<std::unique_ptr<WasiContext>> Created = WasiContext::create(Options);
  if (!Created)
    FAIL("cannot create the context: " << Created.error().message());
  Context = std::move(*Created);
  Memory = runtime::test::makeMemory(1, std::nullopt, WASMAOT_BOUNDS_GUARD);
  Context->bindMemory(Memory);
}

std::pair<void *, wasmaot_vmctx *> WasiFixture::function(const char *Name) const {
  std::optional<Extern> Export = Context->module().exported(Name);
  REQUIRE(Export);
  REQUIRE(Export->Kind == ExternKind::Func);
  return {Export->Func->code, Export->Func->vmctx};
}

uint32_t WasiFixture::alloc(uint32_t Size) {
  uint32_t Ptr = Next;
  Next = (Next + Size + 7) & ~7u;
  REQUIRE(Next <= Memory->byteSize());
  return Ptr;
}

GuestString WasiFixture::str(std::string_view S) {
  uint32_t Ptr = alloc(uint32_t(S.size()));
  std::memcpy(Memory->base() + Ptr, S.data(), S.size());
  return {Ptr, uint32_t(S.size())};
}

uint32_t WasiFixture::iovecs(const std::vector<std::string> &Buffers) {
  std::vector<std::pair<uint32_t, uint32_t>> Placed;
  for (const std::string &B : Buffers)
    Placed.emplace_back(str(B).Ptr, uint32_t(B.size()));
  return iovecsOver(Placed);
}

uint32_t WasiFixture::iovecsOver(const std::vector<std::pair<uint32_t, uint32_t>> &Buffers) {
  uint32_t Array = alloc(uint32_t(Buffers.size() * sizeof(Iovec)));
  for (size_t I = 0; I < Buffers.size(); ++I) {
    Iovec V{Buffers[I].first, Buffers[I].second};
    std::memcpy(Memory->base() + Array + I * sizeof(Iovec), &V, sizeof V);
  }
  return Array;
}

std::string WasiFixture::bytes(uint32_t Ptr, uint32_t Len) const {
  return std::string(reinterpret_cast<const char *>(Memory->base() + Ptr), Len);
}

uint32_t WasiFixture::open(std::string_view Path, uint32_t OFlags, uint64_t Base, uint32_t FdFlags,
                           uint32_t Dir) {
  uint32_t FdPtr = alloc(4);
  REQUIRE(call(PathOpen, Dir, 0, str(Path), OFlags, Base, 0, FdFlags, FdPtr) == Errno::Success);
  return load<uint32_t>(FdPtr);
}

uint32_t WasiFixture::write(uint32_t Fd, std::string_view Data) {
  uint32_t Written = alloc(4);
  REQUIRE(call(FdWrite, Fd, iovecs({std::string(Data)}), 1, Written) == Errno::Success);
  return load<uint32_t>(Written);
}

std::string WasiFixture::read(uint32_t Fd, uint32_t Max) {
  uint32_t Buffer = alloc(Max);
  uint32_t Count = alloc(4);
  REQUIRE(call(FdRead, Fd, iovecsOver({{Buffer, Max}}), 1, Count) == Errno::Success);
  return bytes(Buffer, load<uint32_t>(Count));
}

Fdstat WasiFixture::fdstat(uint32_t Fd) {
  uint32_t Ptr = alloc(sizeof(Fdstat));
  REQUIRE(call(FdFdstatGet, Fd, Ptr) == Errno::Success);
  return load<Fdstat>(Ptr);
}

Filestat WasiFixture::filestat(uint32_t Fd) {
  uint32_t Ptr = alloc(sizeof(Filestat));
  REQUIRE(call(FdFilestatGet, Fd, Ptr) == Errno::Success);
  return load<Filestat>(Ptr);
}

} // namespace wasmaot::runtime::wasi::test
