//===- tests/runtime/loader/ElfImageTest.cpp -------------------------------===//
//
// The ELF loader on shared objects linked by the project's own linker (built
// into wasmaot-codegen-tests for that): symbols are bound, code is called,
// protections hold; and on objects it must refuse, each with its message:
// missing, not ELF, cut short, for another machine, needing a library, with
// an initializer, an undefined symbol, or a writable and executable segment.
//
//===----------------------------------------------------------------------===//
#include "../../compiler/codegen/CodegenTestSupport.h"

#include "link/Linker.h"
#include "loader/ElfImage.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/Object/ELFObjectFile.h"

#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <sstream>

using namespace wasmaot;
using namespace wasmaot::test;
// LLVM's ELF definitions: <elf.h>'s macros would clash with them.
using namespace llvm::ELF;
using runtime::ElfImage;
using runtime::Result;

namespace {

/// What the host offers the bindings module.
int32_t HostValue = 1000;
int32_t hostAdd(int32_t X) { return X + 100; }

void *resolveHost(const char *Name) {
  if (std::strcmp(Name, "host_value") == 0)
    return &HostValue;
  if (std::strcmp(Name, "host_add") == 0)
    return reinterpret_cast<void *>(&hostAdd);
  return nullptr;
}

/// A module that needs every relocation type the loader applies:
///   counter_address    = &counter, a global others could preempt (R_X86_64_64)
///   hidden_address     = &hidden_counter, a constant pointer to a hidden global
///                        (R_X86_64_RELATIVE, in the RELRO region)
///   host_value_address = &host_value, which the host defines (R_X86_64_64
///                        against an undefined symbol)
///   i32 read_counter()  *counter_address
///   i32 read_host()     host_value, read through the GOT (R_X86_64_GLOB_DAT)
///   i32 call_host(i32)  host_add(x), called through the PLT (R_X86_64_JUMP_SLOT)
std::unique_ptr<llvm::Module> makeBindingsModule(llvm::LLVMContext &Ctx,
                                                 const llvm::TargetMachine &TM) {
  auto M = std::make_unique<llvm::Module>("bindings", Ctx);
  M->setDataLayout(TM.createDataLayout());
  M->setTargetTriple(TM.getTargetTriple().str());
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  llvm::Type *Ptr = llvm::PointerType::get(Ctx, 0);
  auto Global = [&](llvm::StringRef Name, llvm::Type *Type, llvm::Constant *Init, bool Constant) {
    return new llvm::GlobalVariable(*M, Type, Constant, llvm::GlobalValue::ExternalLinkage, Init,
                                    Name);
  };
  auto *Counter = Global("counter", I32, llvm::ConstantInt::get(I32, 41), false);
  auto *Hidden = Global("hidden_counter", I32, llvm::ConstantInt::get(I32, 7), false);
  Hidden->setVisibility(llvm::GlobalValue::HiddenVisibility);
  auto *HostValueDecl = Global("host_value", I32, nullptr, false);
  auto *CounterAddress = Global("counter_address", Ptr, Counter, false);
  Global("hidden_address", Ptr, Hidden, true);
  Global("host_value_address", Ptr, HostValueDecl, false);

  llvm::IRBuilder<> B(Ctx);
  auto Function = [&](llvm::StringRef Name, llvm::ArrayRef<llvm::Type *> Params) {
    auto *F = llvm::Function::Create(llvm::FunctionType::get(I32, Params, false),
                                     llvm::Function::ExternalLinkage, Name, *M);
    B.SetInsertPoint(llvm::BasicBlock::Create(Ctx, "entry", F));
    return F;
  };
  Function("read_counter", {});
  B.CreateRet(B.CreateLoad(I32, B.CreateLoad(Ptr, CounterAddress)));
  Function("read_host", {});
  B.CreateRet(B.CreateLoad(I32, HostValueDecl));
  llvm::Function *HostAdd = llvm::Function::Create(llvm::FunctionType::get(I32, {I32}, false),
                                                   llvm::Function::ExternalLinkage, "host_add", *M);
  llvm::Function *CallHost = Function("call_host", {I32});
  B.CreateRet(B.CreateCall(HostAdd, {CallHost->getArg(0)}));
  return M;
}

/// Compiles M and links it into the shared object Path.
void linkModule(llvm::Module &M, llvm::TargetMachine &TM, const std::string &Path,
                const LinkOptions &Options = {}) {
  std::string Object = Path + ".o";
  compileToObject(M, TM, 0, Object);
  requireOk(linkSharedObject({Object}, Path, Options));
}

/// Links a shared object with `i32 add(i32, i32)` and `i32 sum_to(i32)`.
std::string linkArithmetic(const TempDir &Dir) {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeArithmeticModule(Ctx, *TM);
  std::string Path = Dir.path("libarithmetic.so");
  linkModule(*M, *TM, Path);
  return Path;
}

std::string readBytes(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  REQUIRE(In);
  return std::string(std::istreambuf_iterator<char>(In), {});
}

void writeBytes(const std::string &Path, const std::string &Bytes) {
  writeFile(Path, llvm::ArrayRef<char>(Bytes.data(), Bytes.size()));
}

/// The program headers of the ELF file Bytes.
std::vector<Elf64_Phdr> programHeaders(const std::string &Bytes) {
  Elf64_Ehdr Header;
  std::memcpy(&Header, Bytes.data(), sizeof Header);
  std::vector<Elf64_Phdr> Headers(Header.e_phnum);
  std::memcpy(Headers.data(), Bytes.data() + Header.e_phoff, Headers.size() * sizeof(Elf64_Phdr));
  return Headers;
}

/// The relocation types of the dynamic relocation sections of Path.
std::set<uint64_t> dynamicRelocationTypes(const std::string &Path) {
  auto Binary = llvm::object::ObjectFile::createObjectFile(Path);
  REQUIRE(static_cast<bool>(Binary));
  std::set<uint64_t> Types;
  for (const llvm::object::SectionRef &Section : Binary->getBinary()->sections())
    for (const llvm::object::RelocationRef &Relocation : Section.relocations())
      Types.insert(Relocation.getType());
  return Types;
}

/// The permissions ("r--p") of the mapping holding Address, from
/// /proc/self/maps.
std::string permissionsAt(const void *Address) {
  auto Wanted = reinterpret_cast<uintptr_t>(Address);
  std::ifstream Maps("/proc/self/maps");
  std::string Line;
  while (std::getline(Maps, Line)) {
    std::istringstream Fields(Line);
    uintptr_t Begin, End;
    char Dash;
    std::string Permissions;
    Fields >> std::hex >> Begin >> Dash >> End >> Permissions;
    if (Wanted >= Begin && Wanted < End)
      return Permissions;
  }
  return "unmapped";
}

/// Loads Path, which must fail, and returns the message.
std::string loadError(const std::string &Path,
                      const runtime::SymbolResolver &Resolve = resolveHost) {
  Result<ElfImage> Image = ElfImage::load(Path, Resolve);
  if (Image) {
    FAIL("loading " << Path << " succeeded");
  }
  return Image.error().message();
}

} // namespace

TEST_CASE("a loaded image binds every relocation and runs", "[loader]") {
  TempDir Dir;
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeBindingsModule(Ctx, *TM);
  std::string Path = Dir.path("libbindings.so");
  LinkOptions Options;
  Options.AllowUndefined = true;
  linkModule(*M, *TM, Path, Options);
  // The object really has what this test is about.
  CHECK(dynamicRelocationTypes(Path) ==
        std::set<uint64_t>{R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT, R_X86_64_RELATIVE});

  Result<ElfImage> Image = ElfImage::load(Path, resolveHost);
  if (!Image) {
    FAIL(Image.error().message());
  }
  CHECK(Image->path() == Path);
  auto ReadCounter = Image->function<int32_t()>("read_counter");
  auto ReadHost = Image->function<int32_t()>("read_host");
  auto CallHost = Image->function<int32_t(int32_t)>("call_host");
  REQUIRE(ReadCounter);
  REQUIRE(ReadHost);
  REQUIRE(CallHost);
  CHECK((*ReadCounter)() == 41);
  CHECK((*ReadHost)() == HostValue);
  CHECK((*CallHost)(1) == 101);

  Result<void *> HostValueAddress = Image->symbol("host_value_address");
  Result<void *> HiddenAddress = Image->symbol("hidden_address");
  Result<void *> Counter = Image->symbol("counter");
  REQUIRE(HostValueAddress);
  REQUIRE(HiddenAddress);
  REQUIRE(Counter);
  CHECK(*static_cast<int32_t **>(*HostValueAddress) == &HostValue);
  CHECK(**static_cast<int32_t **>(*HiddenAddress) == 7);
  // Written by a relocation, then made read-only with the RELRO region.
  CHECK(permissionsAt(*HiddenAddress) == "r--p");
  CHECK(permissionsAt(*Counter) == "rw-p");

  // Code lies in the executable ranges, data does not.
  auto InCode = [&](const void *Address) {
    for (const runtime::AddressRange &Range : Image->codeRanges())
      if (Range.contains(reinterpret_cast<uintptr_t>(Address)))
        return true;
    return false;
  };
  REQUIRE_FALSE(Image->codeRanges().empty());
  CHECK(InCode(reinterpret_cast<const void *>(*CallHost)));
  CHECK(permissionsAt(reinterpret_cast<const void *>(*CallHost)) == "r-xp");
  CHECK_FALSE(InCode(*Counter));

  // Only what the image defines is found: not what the host gave it.
  Result<void *> Missing = Image->symbol("no_such_symbol");
  REQUIRE_FALSE(Missing);
  CHECK(Missing.error().message() == "symbol 'no_such_symbol' is not defined in " + Path);
  Result<void *> Imported = Image->symbol("host_add");
  REQUIRE_FALSE(Imported);
  CHECK_THAT(Imported.error().message(), Catch::Contains("'host_add' is not defined"));
}

TEST_CASE("a moved image stays loaded, and assigning over one unloads it", "[loader]") {
  TempDir Dir;
  std::string Path = linkArithmetic(Dir);
  Result<ElfImage> First = ElfImage::load(Path, {});
  REQUIRE(First);
  ElfImage Moved = std::move(*First);
  auto Add = Moved.function<int32_t(int32_t, int32_t)>("add");
  REQUIRE(Add);
  CHECK((*Add)(2, 3) == 5);

  Result<ElfImage> Other = ElfImage::load(Path, {});
  REQUIRE(Other);
  const void *OldCode = reinterpret_cast<const void *>(*Add);
  Moved = std::move(*Other);
  CHECK(permissionsAt(OldCode) == "unmapped");
  auto SumTo = Moved.function<int32_t(int32_t)>("sum_to");
  REQUIRE(SumTo);
  CHECK((*SumTo)(100) == 5050);
}

TEST_CASE("a file that is missing or not ELF is refused", "[loader]") {
  TempDir Dir;
  std::string Missing = Dir.path("missing.so");
  CHECK(loadError(Missing) == "cannot open " + Missing + ": No such file or directory");

  std::string Text = Dir.path("text.so");
  writeBytes(Text, "not a shared object\n");
  CHECK(loadError(Text) == Text + ": not an ELF file");

  CHECK(loadError(Dir.path("")) == Dir.path("") + ": not a regular file");
}

TEST_CASE("a cut-short object fails cleanly, or loads if it kept all it needs", "[loader]") {
  TempDir Dir;
  std::string Bytes = readBytes(linkArithmetic(Dir));
  // The loader reads the headers and the segments' file parts; the section
  // headers at the end of the file are not needed.
  uint64_t Needed = sizeof(Elf64_Ehdr);
  for (const Elf64_Phdr &Segment : programHeaders(Bytes))
    Needed = std::max<uint64_t>(Needed, Segment.p_offset + Segment.p_filesz);
  Elf64_Ehdr Header;
  std::memcpy(&Header, Bytes.data(), sizeof Header);
  uint64_t HeadersEnd = Header.e_phoff + Header.e_phnum * sizeof(Elf64_Phdr);
  REQUIRE(Needed < Bytes.size());

  for (uint64_t Length :
       {uint64_t(0), uint64_t(1), uint64_t(3), uint64_t(4), uint64_t(20),
        uint64_t(sizeof(Elf64_Ehdr) - 1), uint64_t(sizeof(Elf64_Ehdr)), HeadersEnd - 1, HeadersEnd,
        Needed / 2, Needed - 1, Needed, uint64_t(Bytes.size() - 1)}) {
    INFO("cut at " << Length << " of " << Bytes.size() << " bytes, " << Needed << " needed");
    std::string Path = Dir.path("cut-" + std::to_string(Length) + ".so");
    writeBytes(Path, Bytes.substr(0, Length));
    Result<ElfImage> Image = ElfImage::load(Path, {});
    if (Length < Needed) {
      REQUIRE_FALSE(Image);
      CHECK_THAT(Image.error().message(), Catch::StartsWith(Path + ": "));
      continue;
    }
    REQUIRE(Image);
    auto Add = Image->function<int32_t(int32_t, int32_t)>("add");
    REQUIRE(Add);
    CHECK((*Add)(20, 22) == 42);
  }
  // The messages say what is missing.
  auto Cut = [&](uint64_t Length) {
    std::string Path = Dir.path("cut-" + std::to_string(Length) + ".so");
    return loadError(Path).substr(Path.size() + 2);
  };
  CHECK(Cut(0) == "not an ELF file (0 bytes)");
  CHECK(Cut(20) == "truncated ELF header (20 bytes)");
  CHECK(Cut(HeadersEnd - 1) == "program headers end past the end of the file (truncated?)");
  CHECK_THAT(Cut(Needed - 1),
             Catch::EndsWith("segment ends past the end of the file (truncated?)"));
}

TEST_CASE("a corrupted object fails cleanly, or loads", "[loader]") {
  // Bytes changed at random, each area as often: the ELF and program
  // headers, everything after them (the tables, the code, the data; the
  // object is small), and the dynamic section. Whatever the outcome, the
  // process must survive it, and a loaded image must answer symbol lookups
  // without reading outside itself.
  TempDir Dir;
  std::string Bytes = readBytes(linkArithmetic(Dir));
  Elf64_Ehdr Header;
  std::memcpy(&Header, Bytes.data(), sizeof Header);
  size_t HeadersEnd = Header.e_phoff + Header.e_phnum * sizeof(Elf64_Phdr);
  std::vector<std::pair<size_t, size_t>> Areas = {{0, HeadersEnd},
                                                  {HeadersEnd, Bytes.size() - HeadersEnd}};
  for (const Elf64_Phdr &Segment : programHeaders(Bytes))
    if (Segment.p_type == PT_DYNAMIC)
      Areas.push_back({Segment.p_offset, Segment.p_filesz});
  REQUIRE(Areas.size() == 3);
  std::mt19937_64 Random(20240601);
  std::string Path = Dir.path("corrupted.so");
  int Loaded = 0;
  for (int Case = 0; Case < 3000; ++Case) {
    std::string Copy = Bytes;
    for (int Change = 0; Change < 1 + int(Random() % 4); ++Change) {
      auto [Start, Size] = Areas[Random() % Areas.size()];
      Copy[Start + Random() % Size] = static_cast<char>(Random());
    }
    writeBytes(Path, Copy);
    Result<ElfImage> Image = ElfImage::load(Path, {});
    if (!Image) {
      CHECK_THAT(Image.error().message(), Catch::Contains(Path));
      continue;
    }
    ++Loaded;
    for (const char *Name : {"add", "sum_to", "no_such_symbol"})
      if (Result<void *> Symbol = Image->symbol(Name))
        CHECK(permissionsAt(*Symbol) != "unmapped");
  }
  // Most changes hit bytes that do not matter, or are caught.
  CHECK(Loaded > 0);
  CHECK(Loaded < 3000);
}

TEST_CASE("an object for another machine or of another kind is refused", "[loader]") {
  TempDir Dir;
  std::string Bytes = readBytes(linkArithmetic(Dir));
  auto Patched = [&](const std::string &Name, size_t Offset, const void *Value, size_t Size) {
    std::string Copy = Bytes;
    std::memcpy(Copy.data() + Offset, Value, Size);
    std::string Path = Dir.path(Name);
    writeBytes(Path, Copy);
    return Path;
  };
  Elf64_Half Machine = EM_AARCH64;
  std::string Arm = Patched("arm.so", offsetof(Elf64_Ehdr, e_machine), &Machine, sizeof Machine);
  CHECK(loadError(Arm) == Arm + ": built for ELF machine 183, this is machine 62");

  Elf64_Half Type = ET_EXEC;
  std::string Exec = Patched("exec.so", offsetof(Elf64_Ehdr, e_type), &Type, sizeof Type);
  CHECK(loadError(Exec) == Exec + ": not a shared object (ELF type 2)");

  unsigned char Class = ELFCLASS32;
  std::string Elf32 = Patched("elf32.so", EI_CLASS, &Class, 1);
  CHECK(loadError(Elf32) == Elf32 + ": not a 64-bit ELF file");

  unsigned char Data = ELFDATA2MSB;
  std::string BigEndian = Patched("big.so", EI_DATA, &Data, 1);
  CHECK(loadError(BigEndian) == BigEndian + ": not a little-endian ELF file");
}

TEST_CASE("a writable and executable segment is refused", "[loader]") {
  TempDir Dir;
  std::string Bytes = readBytes(linkArithmetic(Dir));
  Elf64_Ehdr Header;
  std::memcpy(&Header, Bytes.data(), sizeof Header);
  std::vector<Elf64_Phdr> Headers = programHeaders(Bytes);
  size_t Executable = Headers.size();
  for (size_t K = 0; K < Headers.size(); ++K)
    if (Headers[K].p_type == PT_LOAD && (Headers[K].p_flags & PF_X))
      Executable = K;
  REQUIRE(Executable < Headers.size());
  Elf64_Word Flags = PF_R | PF_W | PF_X;
  std::memcpy(Bytes.data() + Header.e_phoff + Executable * sizeof(Elf64_Phdr) +
                  offsetof(Elf64_Phdr, p_flags),
              &Flags, sizeof Flags);
  std::string Path = Dir.path("wx.so");
  writeBytes(Path, Bytes);
  CHECK(loadError(Path) == Path + ": program header " + std::to_string(Executable) +
                               ": segment is both writable and executable");
}

TEST_CASE("an object that needs a library or runs code at load is refused", "[loader]") {
  TempDir Dir;
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;

  // Linking against a shared library records it as needed (DT_NEEDED).
  std::string Library = linkArithmetic(Dir);
  auto Constant = makeConstantModule(Ctx, *TM, "value", 3);
  std::string Object = Dir.path("value.o");
  compileToObject(*Constant, *TM, 0, Object);
  std::string Needing = Dir.path("libneeding.so");
  requireOk(linkSharedObject({Object, Library}, Needing));
  CHECK(loadError(Needing) == Needing + ": needs the shared library '" + Library +
                                  "' (DT_NEEDED), and compiled code may depend on none");

  // A function in .init_array, which the dynamic loader would call at load.
  auto WithConstructor = makeConstantModule(Ctx, *TM, "value", 4);
  llvm::Function *Value = WithConstructor->getFunction("value");
  auto *Array = llvm::ArrayType::get(Value->getType(), 1);
  auto *Constructors =
      new llvm::GlobalVariable(*WithConstructor, Array, true, llvm::GlobalValue::ExternalLinkage,
                               llvm::ConstantArray::get(Array, {Value}), "init");
  Constructors->setSection(".init_array");
  std::string Initializing = Dir.path("libinit.so");
  linkModule(*WithConstructor, *TM, Initializing);
  CHECK_THAT(loadError(Initializing),
             Catch::StartsWith(Initializing + ": has code to run when it is loaded") &&
                 Catch::Contains("(DT_INIT_ARRAY"));
}

TEST_CASE("an undefined symbol that the resolver does not know is refused", "[loader]") {
  TempDir Dir;
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeCallerModule(Ctx, *TM);
  std::string Path = Dir.path("libcaller.so");
  LinkOptions Options;
  Options.AllowUndefined = true;
  linkModule(*M, *TM, Path, Options);

  CHECK(loadError(Path) == "undefined symbol 'missing_fn' in " + Path);
  CHECK(loadError(Path, {}) == "undefined symbol 'missing_fn' in " + Path);
  Result<ElfImage> Bound = ElfImage::load(Path, [](const char *Name) -> void * {
    return std::strcmp(Name, "missing_fn") == 0 ? reinterpret_cast<void *>(+[] { return 9; })
                                                : nullptr;
  });
  REQUIRE(Bound);
  auto Caller = Bound->function<int32_t()>("caller");
  REQUIRE(Caller);
  CHECK((*Caller)() == 9);
}
