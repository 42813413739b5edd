//===- tests/compiler/codegen/FrameRecorderTest.cpp ------------------------===//
//
// The frame table is recorded from the machine code as it is emitted: each
// change of location in a wasm function gives a row with the location's
// chain of inlined frames, the row offsets come back resolved from the
// object, and no DWARF is generated.
//
//===----------------------------------------------------------------------===//
#include "CodegenTestSupport.h"

#include "codegen/Codegen.h"
#include "codegen/FrameTable.h"
#include "lowering/DebugLocations.h"
#include "module/FrameTable.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Object/ELFObjectFile.h"

#include <algorithm>
#include <cstring>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// wasm.func.7(x, y) = (x + 1) * y, its multiplication inlined from
/// function 3 at offset 150; each instruction at the given wasm offsets.
/// Also a helper function that is not wasm code.
std::unique_ptr<llvm::Module> makeInlinedModule(llvm::LLVMContext &Ctx,
                                                const llvm::TargetMachine &TM) {
  auto M = std::make_unique<llvm::Module>("frames", Ctx);
  configureModule(*M, TM);
  lowering::DebugLocations Debug(*M);
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  auto *Type = llvm::FunctionType::get(I32, {I32, I32}, false);
  auto *F = llvm::Function::Create(Type, llvm::Function::ExternalLinkage, "wasm.func.7", *M);
  llvm::DISubprogram *Outer = Debug.attach(*F, 7);
  // Function 3's subprogram, as lowering it and inlining it would leave it.
  auto *Callee = llvm::Function::Create(Type, llvm::Function::InternalLinkage, "unused", *M);
  llvm::DISubprogram *Inner = Debug.attach(*Callee, 3);
  Callee->eraseFromParent();

  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.SetCurrentDebugLocation(lowering::DebugLocations::at(Outer, 100));
  llvm::Value *Sum = B.CreateAdd(F->getArg(0), B.getInt32(1));
  B.SetCurrentDebugLocation(llvm::DILocation::get(
      Ctx, 200, 0, Inner, lowering::DebugLocations::at(Outer, 150)));
  llvm::Value *Product = B.CreateMul(Sum, F->getArg(1));
  B.SetCurrentDebugLocation(lowering::DebugLocations::at(Outer, 300));
  B.CreateRet(Product);

  auto *Helper = llvm::Function::Create(Type, llvm::Function::ExternalLinkage, "helper", *M);
  llvm::IRBuilder<> H(llvm::BasicBlock::Create(Ctx, "entry", Helper));
  H.CreateRet(H.CreateSub(Helper->getArg(0), Helper->getArg(1)));
  Debug.finalize();
  return M;
}

std::vector<runtime::WasmFrame> framesOf(const FrameRows &Rows, const FrameRows::Row &Row) {
  return {Rows.Frames.begin() + Row.FirstFrame,
          Rows.Frames.begin() + Row.FirstFrame + Row.Depth};
}

} // namespace

TEST_CASE("the frame table is recorded from the emitted code, inlined frames included",
          "[codegen][frames]") {
  unsigned OptLevel = GENERATE(0u, 2u);
  CAPTURE(OptLevel);
  auto TM = hostTargetMachine(OptLevel);
  llvm::LLVMContext Ctx;
  auto M = makeInlinedModule(Ctx, *TM);
  FrameRows Rows;
  auto Object = valueOf(emitObject(*M, *TM, VerifyIR::Yes, &Rows));

  // Rows only for the wasm function; the multiplication's inlined chain.
  REQUIRE_FALSE(Rows.Rows.empty());
  std::vector<std::vector<runtime::WasmFrame>> Chains;
  for (const FrameRows::Row &Row : Rows.Rows) {
    CHECK(Row.Func == 7);
    Chains.push_back(framesOf(Rows, Row));
  }
  using Chain = std::vector<runtime::WasmFrame>;
  CHECK(std::count(Chains.begin(), Chains.end(), Chain{{3, 200}, {7, 150}}) == 1);

  // The offsets came back resolved, and the table answers with the chains.
  auto Table = valueOf(buildFrameTable(Object, Rows));
  auto File = valueOf(llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(llvm::StringRef(Object.data(), Object.size()), "object")));
  bool HasRows = false;
  for (const llvm::object::SectionRef &Section : File->sections()) {
    llvm::StringRef Name = llvm::cantFail(Section.getName());
    CHECK_FALSE(Name.startswith(".debug"));
    if (Name == FrameRowsSection) {
      HasRows = true;
      CHECK(llvm::object::ELFSectionRef(Section).getFlags() & llvm::ELF::SHF_EXCLUDE);
      llvm::StringRef Offsets = llvm::cantFail(Section.getContents());
      REQUIRE(Offsets.size() == 4 * Rows.Rows.size());
      uint32_t Previous = 0;
      for (size_t K = 0; K < Rows.Rows.size(); ++K) {
        uint32_t Offset;
        std::memcpy(&Offset, Offsets.data() + 4 * K, 4);
        CHECK(Offset >= Previous);
        Previous = Offset;
        CHECK(runtime::framesAt(Table, 7, Offset) == Chains[K]);
      }
    }
  }
  CHECK(HasRows);
}

TEST_CASE("a frame table whose rows do not match the object is an error", "[codegen][frames]") {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeInlinedModule(Ctx, *TM);
  FrameRows Rows;
  auto Object = valueOf(emitObject(*M, *TM, VerifyIR::Yes, &Rows));
  Rows.Rows.push_back(Rows.Rows.back());
  ErrorFields E = takeError(buildFrameTable(Object, Rows));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("rows were recorded but"));

  // Without the recorder there is no row section to read.
  auto Fresh = makeInlinedModule(Ctx, *TM);
  auto Plain = valueOf(emitObject(*Fresh, *TM, VerifyIR::Yes));
  E = takeError(buildFrameTable(Plain, Rows));
  CHECK_THAT(E.Text, Catch::Contains("has no .wasmaot.rows section"));
}

TEST_CASE("assembly text says the wasm frames of its instructions", "[codegen][frames]") {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeInlinedModule(Ctx, *TM);
  std::string Text = valueOf(emitAssembly(*M, *TM, VerifyIR::Yes));
  CHECK_THAT(Text, Catch::Contains("# wasm: 0x64 in func[7]") &&
                       Catch::Contains("# wasm: 0xc8 in func[3], inlined at 0x96 in func[7]") &&
                       Catch::Contains("# wasm: 0x12c in func[7]"));
  // No rows: those are for objects.
  CHECK_THAT(Text, !Catch::Contains(FrameRowsSection));
}
