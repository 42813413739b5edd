//===- tests/compiler/link/LinkerTest.cpp ----------------------------------===//
//
// The in-process lld: link errors are error values carrying lld's messages,
// fatal errors in lld do not end the process, and links can be repeated (and
// run from several threads) in one process.
//
//===----------------------------------------------------------------------===//
#include "../codegen/CodegenTestSupport.h"

#include "codegen/Codegen.h"
#include "link/Linker.h"
#include "target/TargetDesc.h"
#include "loader/ElfImage.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Object/ELF.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Host.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// Compiles a module whose `i32 FunctionName()` returns Value to Path.
void compileConstant(const std::string &Path, llvm::StringRef FunctionName, int32_t Value) {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeConstantModule(Ctx, *TM, FunctionName, Value);
  compileToObject(*M, *TM, 0, Path);
}

/// Loads Library and calls its `i32 FunctionName()`.
int32_t callConstant(const std::string &Library, const char *FunctionName) {
  runtime::Result<runtime::ElfImage> Image = runtime::ElfImage::load(Library, {});
  if (!Image) {
    FAIL(Image.error().message());
  }
  auto F = Image->function<int32_t()>(FunctionName);
  if (!F) {
    FAIL(F.error().message());
  }
  return (*F)();
}

/// Writes the start of a relocatable x86-64 ELF header, cut short: lld stops
/// with a fatal error ("corrupted ELF file") on it.
void writeTruncatedElf(const std::string &Path) {
  std::string Header = "\x7f"
                       "ELF\x02\x01\x01";
  Header.resize(40, '\0');
  Header[16] = llvm::ELF::ET_REL;
  Header[18] = llvm::ELF::EM_X86_64;
  writeFile(Path, llvm::ArrayRef<char>(Header.data(), Header.size()));
}

} // namespace

TEST_CASE("an undefined symbol fails the link and is named", "[link]") {
  TempDir Dir;
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeCallerModule(Ctx, *TM);
  compileToObject(*M, *TM, 0, Dir.path("caller.o"));

  ErrorFields E = takeError(linkSharedObject({Dir.path("caller.o")}, Dir.path("libcaller.so")));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("libcaller.so' failed") &&
                         Catch::Contains("undefined symbol: missing_fn") &&
                         Catch::Contains("caller.o"));
  CHECK_FALSE(llvm::sys::fs::exists(Dir.path("libcaller.so")));

  // Allowed, the symbol is left for the loader, which then refuses the object
  // unless its resolver knows the symbol, since it binds every symbol at load.
  LinkOptions Options;
  Options.AllowUndefined = true;
  requireOk(linkSharedObject({Dir.path("caller.o")}, Dir.path("libcaller.so"), Options));
  runtime::Result<runtime::ElfImage> Image =
      runtime::ElfImage::load(Dir.path("libcaller.so"), [](const char *) { return nullptr; });
  REQUIRE_FALSE(Image);
  CHECK(Image.error().message() == "undefined symbol 'missing_fn' in " + Dir.path("libcaller.so"));
}

TEST_CASE("unreadable and garbage inputs fail the link", "[link]") {
  TempDir Dir;
  std::string Output = Dir.path("out.so");

  ErrorFields E = takeError(linkSharedObject({Dir.path("does-not-exist.o")}, Output));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("does-not-exist.o"));

  // Text that is not an object: lld tries it as a linker script.
  std::string Text = "this is not an object file\n";
  writeFile(Dir.path("garbage.o"), llvm::ArrayRef<char>(Text.data(), Text.size()));
  E = takeError(linkSharedObject({Dir.path("garbage.o")}, Output));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("garbage.o"));

  // A fatal error inside lld, which would end the process if it were not
  // caught.
  writeTruncatedElf(Dir.path("truncated.o"));
  E = takeError(linkSharedObject({Dir.path("truncated.o")}, Output));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("truncated.o: corrupted ELF file"));

  E = takeError(linkSharedObject({}, Output));
  CHECK_THAT(E.Text, Catch::Contains("no input files"));

  compileConstant(Dir.path("ok.o"), "ok", 7);
  E = takeError(linkSharedObject({Dir.path("ok.o")}, Dir.path("no-such-dir/out.so")));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("no-such-dir/out.so"));

  CHECK_FALSE(llvm::sys::fs::exists(Output));
  // None of that broke the linker.
  requireOk(linkSharedObject({Dir.path("ok.o")}, Output));
  CHECK(callConstant(Output, "ok") == 7);
}

TEST_CASE("debug sections are stripped unless asked for", "[link]") {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeConstantModule(Ctx, *TM, "value", 1);
  // Minimal debug information: a compile unit and the function's line.
  llvm::DIBuilder DIB(*M);
  llvm::DIFile *File = DIB.createFile("value.wat", "/");
  llvm::DICompileUnit *Unit =
      DIB.createCompileUnit(llvm::dwarf::DW_LANG_C, File, "wasmaot-test", false, "", 0);
  llvm::DISubprogram *Program = DIB.createFunction(
      Unit, "value", "value", File, 1, DIB.createSubroutineType(DIB.getOrCreateTypeArray({})), 1,
      llvm::DINode::FlagZero, llvm::DISubprogram::SPFlagDefinition);
  llvm::Function *F = M->getFunction("value");
  F->setSubprogram(Program);
  F->getEntryBlock().getTerminator()->setDebugLoc(llvm::DILocation::get(Ctx, 1, 1, Program));
  DIB.finalize();
  M->addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
  TempDir Dir;
  compileToObject(*M, *TM, 0, Dir.path("debug.o"));

  auto outputHasMarker = [&](const std::string &Output) {
    auto Buffer = llvm::MemoryBuffer::getFile(Output);
    REQUIRE(Buffer);
    return (*Buffer)->getBuffer().contains(".debug_info");
  };
  requireOk(linkSharedObject({Dir.path("debug.o")}, Dir.path("stripped.so")));
  CHECK_FALSE(outputHasMarker(Dir.path("stripped.so")));
  LinkOptions Options;
  Options.DebugInfo = true;
  requireOk(linkSharedObject({Dir.path("debug.o")}, Dir.path("debug.so"), Options));
  CHECK(outputHasMarker(Dir.path("debug.so")));
}

TEST_CASE("a link leaves crash recovery as it found it", "[link]") {
  auto segvHandler = [] {
    struct sigaction Action;
    sigaction(SIGSEGV, nullptr, &Action);
    return Action.sa_handler;
  };
  TempDir Dir;
  compileConstant(Dir.path("ok.o"), "value", 5);
  writeTruncatedElf(Dir.path("bad.o"));

  auto Off = segvHandler();
  requireOk(linkSharedObject({Dir.path("ok.o")}, Dir.path("a.so")));
  CHECK(segvHandler() == Off);

  // An application (the spec runner) may keep crash recovery on throughout.
  llvm::CrashRecoveryContext::Enable();
  auto On = segvHandler();
  CHECK(On != Off);
  requireOk(linkSharedObject({Dir.path("ok.o")}, Dir.path("b.so")));
  CHECK(segvHandler() == On);
  takeError(linkSharedObject({Dir.path("bad.o")}, Dir.path("c.so")));
  CHECK(segvHandler() == On);
  // Also when the link runs inside the application's own recovery context.
  llvm::CrashRecoveryContext Outer;
  std::string Failure;
  CHECK(Outer.RunSafely(
      [&] { Failure = consumeToString("", linkSharedObject({Dir.path("bad.o")}, "d.so")); }));
  CHECK_THAT(Failure, Catch::Contains("corrupted ELF file"));
  CHECK(segvHandler() == On);
  llvm::CrashRecoveryContext::Disable();
  CHECK(segvHandler() == Off);
  CHECK(callConstant(Dir.path("b.so"), "value") == 5);
}

TEST_CASE("repeated links in one process", "[link]") {
  TempDir Dir;
  auto TM = hostTargetMachine(0);
  using Clock = std::chrono::steady_clock;
  std::chrono::duration<double, std::milli> Total{0};
  constexpr int Links = 20;
  for (int I = 0; I < Links; ++I) {
    std::string Object = Dir.path("value" + std::to_string(I) + ".o");
    std::string Library = Dir.path("libvalue" + std::to_string(I) + ".so");
    llvm::LLVMContext Ctx;
    auto M = makeConstantModule(Ctx, *TM, "value", I * 3);
    requireOk(optimizeModule(*M, *TM, 0, VerifyIR::Yes));

    auto Start = Clock::now();
    writeFile(Object, valueOf(emitObject(*M, *TM)));
    requireOk(linkSharedObject({Object}, Library));
    CHECK(callConstant(Library, "value") == I * 3);
    Total += Clock::now() - Start;
  }
  WARN("warm emit+link+load+call of a one-function module: " << Total.count() / Links
                                                             << " ms on average over " << Links);

  // The same output path again: the new object replaces the old one.
  std::string Object = Dir.path("again.o");
  compileConstant(Object, "value", 1234);
  requireOk(linkSharedObject({Object}, Dir.path("libvalue0.so")));
  CHECK(callConstant(Dir.path("libvalue0.so"), "value") == 1234);
}

TEST_CASE("links from several threads are serialized", "[link]") {
  TempDir Dir;
  compileConstant(Dir.path("shared.o"), "value", 42);
  constexpr int Threads = 4;
  constexpr int LinksPerThread = 3;
  std::vector<std::string> Failures(Threads);
  std::vector<std::thread> Workers;
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      for (int I = 0; I < LinksPerThread; ++I) {
        std::string Output = Dir.path("lib" + std::to_string(T) + "_" + std::to_string(I) + ".so");
        if (llvm::Error E = linkSharedObject({Dir.path("shared.o")}, Output))
          Failures[T] = consumeToString("", std::move(E));
      }
    });
  for (std::thread &W : Workers)
    W.join();
  for (const std::string &Failure : Failures)
    CHECK(Failure.empty());
  CHECK(callConstant(Dir.path("lib3_2.so"), "value") == 42);
}

TEST_CASE("an executable links with the C runtime and runs", "[link]") {
  // main returns 42 through the C runtime's start files and libc's exit.
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = std::make_unique<llvm::Module>("start", Ctx);
  configureModule(*M, *TM);
  auto *MainTy = llvm::FunctionType::get(llvm::Type::getInt32Ty(Ctx), false);
  auto *Main = llvm::Function::Create(MainTy, llvm::Function::ExternalLinkage, "main", *M);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", Main));
  B.CreateRet(B.getInt32(42));

  TempDir Dir;
  compileToObject(*M, *TM, 0, Dir.path("start.o"));
  CRuntime C = valueOf(CRuntime::read(WASMAOT_TEST_C_RUNTIME));
  CHECK(C.Pie);
  requireOk(linkExecutable({Dir.path("start.o")}, Dir.path("start"), C));
  int Status = std::system(Dir.path("start").c_str());
  REQUIRE(WIFEXITED(Status));
  CHECK(WEXITSTATUS(Status) == 42);

  // Static and position-independent: nothing for a dynamic loader to do.
  auto Buffer = llvm::MemoryBuffer::getFile(Dir.path("start"));
  REQUIRE(Buffer);
  auto Elf = llvm::object::ELF64LEFile::create((*Buffer)->getBuffer());
  REQUIRE(bool(Elf));
  CHECK(Elf->getHeader().e_type == llvm::ELF::ET_DYN);
  auto Segments = Elf->program_headers();
  REQUIRE(bool(Segments));
  for (const auto &Segment : *Segments)
    CHECK(Segment.p_type != llvm::ELF::PT_INTERP);
  auto Dynamic = Elf->dynamicEntries();
  REQUIRE(bool(Dynamic));
  for (const auto &Entry : *Dynamic)
    CHECK(Entry.getTag() != llvm::ELF::DT_NEEDED);

  ErrorFields E = takeError(linkExecutable({Dir.path("does-not-exist.o")}, Dir.path("x"), C));
  CHECK(E.Kind == ErrorKind::Link);
}

TEST_CASE("a C runtime description that is wrong is a link error naming it", "[link]") {
  TempDir Dir;
  auto Write = [&](const std::string &Text) {
    std::ofstream(Dir.path("crt.txt")) << Text;
    return Dir.path("crt.txt");
  };
  ErrorFields E = takeError(CRuntime::read(Dir.path("missing.txt")));
  CHECK(E.Kind == ErrorKind::Link);
  CHECK_THAT(E.Text, Catch::Contains("missing.txt"));
  E = takeError(CRuntime::read(Write("pie maybe\n")));
  CHECK_THAT(E.Text, Catch::Contains("line 1 is not understood"));
  E = takeError(CRuntime::read(Write("pie yes\nstart /no/such/crt1.o\n")));
  CHECK_THAT(E.Text, Catch::Contains("/no/such/crt1.o, which does not exist"));
  E = takeError(CRuntime::read(Write("# nothing\npie no\n")));
  CHECK_THAT(E.Text, Catch::Contains("no start files"));
  CRuntime C = valueOf(CRuntime::read(Write("pie no\nstart " + Dir.path("crt.txt") + "\nlibs " +
                                            Dir.path("crt.txt") + "\n")));
  CHECK_FALSE(C.Pie);
  CHECK(C.Start.size() == 1);
  CHECK(C.End.empty());
}

// lld 16 remembers _GLOBAL_OFFSET_TABLE_ across links in a global that only a
// link referencing it resets (Linker.cpp). i686 code references it in every
// function that reaches a global; a following link of an object that does
// not reference it used to write through the earlier link's freed symbol.
TEST_CASE("a link after one that used the GOT keeps its symbols where they are", "[link]") {
  TargetDesc Desc = valueOf(TargetDesc::create("i686-linux-gnu"));
  auto TM = valueOf(Desc.createTargetMachine(0));
  TempDir Dir;
  llvm::LLVMContext Ctx;
  // First: a function that reads a global, through the GOT.
  auto UsesGot = std::make_unique<llvm::Module>("uses_got", Ctx);
  configureModule(*UsesGot, *TM);
  auto *Counter = new llvm::GlobalVariable(*UsesGot, llvm::Type::getInt32Ty(Ctx), false,
                                           llvm::GlobalValue::ExternalLinkage,
                                           llvm::ConstantInt::get(llvm::Type::getInt32Ty(Ctx), 7),
                                           "counter");
  auto *Read = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getInt32Ty(Ctx), false),
                                      llvm::Function::ExternalLinkage, "read", *UsesGot);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", Read));
  B.CreateRet(B.CreateLoad(B.getInt32Ty(), Counter));
  compileToObject(*UsesGot, *TM, 0, Dir.path("got.o"));
  // Then: constants only, as a module without functions is.
  auto Constants = std::make_unique<llvm::Module>("constants", Ctx);
  configureModule(*Constants, *TM);
  new llvm::GlobalVariable(*Constants, llvm::Type::getInt32Ty(Ctx), true,
                           llvm::GlobalValue::ExternalLinkage,
                           llvm::ConstantInt::get(llvm::Type::getInt32Ty(Ctx), 3), "version");
  compileToObject(*Constants, *TM, 0, Dir.path("constants.o"));

  for (int Round = 0; Round < 3; ++Round) {
    requireOk(linkSharedObject({Dir.path("got.o")}, Dir.path("got.so")));
    requireOk(linkSharedObject({Dir.path("constants.o")}, Dir.path("constants.so")));
    auto Buffer = llvm::MemoryBuffer::getFile(Dir.path("constants.so"));
    REQUIRE(Buffer);
    auto Elf = llvm::object::ELF32LEFile::create((*Buffer)->getBuffer());
    REQUIRE(bool(Elf));
    auto Sections = Elf->sections();
    REQUIRE(bool(Sections));
    bool Found = false;
    for (const auto &Section : *Sections) {
      if (Section.sh_type != llvm::ELF::SHT_DYNSYM)
        continue;
      auto Symbols = Elf->symbols(&Section);
      REQUIRE(bool(Symbols));
      auto Names = Elf->getStringTableForSymtab(Section);
      REQUIRE(bool(Names));
      for (const auto &Symbol : *Symbols) {
        auto Name = Symbol.getName(*Names);
        if (!Name || *Name != "version")
          continue;
        auto Home = Elf->getSection(Symbol.st_shndx);
        REQUIRE(bool(Home));
        auto HomeName = Elf->getSectionName(**Home);
        REQUIRE(bool(HomeName));
        CHECK(*HomeName == ".rodata");
        Found = true;
      }
    }
    CHECK(Found);
  }
}
