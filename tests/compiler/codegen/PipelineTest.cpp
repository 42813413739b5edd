//===- tests/compiler/codegen/PipelineTest.cpp -----------------------------===//
//
// The whole back half on a small module: optimize, emit an object, link it
// into a shared object with the in-process lld, load it, and call into it.
// Also measures emit + link + load, which is the fixed cost every compiled
// module pays; the numbers are printed, not asserted.
//
//===----------------------------------------------------------------------===//
#include "CodegenTestSupport.h"

#include "codegen/Codegen.h"
#include "link/Linker.h"
#include "loader/ElfImage.h"
#include "target/TargetDesc.h"

#include <chrono>
#include <climits>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point Start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - Start).count();
}

/// Checks add and sum_to of a loaded arithmetic module.
void checkArithmetic(const runtime::ElfImage &Image) {
  auto Add = Image.function<int32_t(int32_t, int32_t)>("add");
  auto SumTo = Image.function<int32_t(int32_t)>("sum_to");
  REQUIRE(Add);
  REQUIRE(SumTo);
  CHECK((*Add)(2, 3) == 5);
  CHECK((*Add)(-7, 3) == -4);
  CHECK((*Add)(INT32_MAX, 1) == INT32_MIN);
  CHECK((*SumTo)(0) == 0);
  CHECK((*SumTo)(-5) == 0);
  CHECK((*SumTo)(1) == 1);
  CHECK((*SumTo)(100) == 5050);
  CHECK((*SumTo)(65535) == 2147450880);
}

} // namespace

TEST_CASE("a module goes from LLVM IR to a loaded shared object", "[codegen][link][loader]") {
  auto [Cpu, OptLevel] = GENERATE(table<const char *, unsigned>({
      {"", 0},
      {"", 2},
      {"native", 2},
  }));
  TargetDesc Desc = valueOf(TargetDesc::create("", Cpu));
  auto TM = valueOf(Desc.createTargetMachine(OptLevel));
  llvm::LLVMContext Ctx;
  auto M = makeArithmeticModule(Ctx, *TM);
  TempDir Dir;
  std::string ObjectPath = Dir.path("arithmetic.o");
  std::string LibraryPath = Dir.path("libarithmetic.so");

  auto Start = Clock::now();
  requireOk(optimizeModule(*M, *TM, OptLevel, VerifyIR::Yes));
  double OptimizeMs = millisecondsSince(Start);

  Start = Clock::now();
  llvm::SmallVector<char, 0> Object = valueOf(emitObject(*M, *TM, VerifyIR::Yes));
  writeFile(ObjectPath, Object);
  double EmitMs = millisecondsSince(Start);

  Start = Clock::now();
  requireOk(linkSharedObject({ObjectPath}, LibraryPath));
  double LinkMs = millisecondsSince(Start);

  Start = Clock::now();
  runtime::Result<runtime::ElfImage> Image = runtime::ElfImage::load(LibraryPath, {});
  double LoadMs = millisecondsSince(Start);
  if (!Image) {
    FAIL(Image.error().message());
  }

  WARN("cpu " << Desc.cpu() << " -O" << OptLevel << ": optimize " << OptimizeMs << " ms, emit "
              << EmitMs << " ms (" << Object.size() << " bytes), link " << LinkMs << " ms, load "
              << LoadMs << " ms; emit+link+load " << EmitMs + LinkMs + LoadMs << " ms");
  checkArithmetic(*Image);
}
