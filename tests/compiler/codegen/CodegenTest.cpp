//===- tests/compiler/codegen/CodegenTest.cpp ------------------------------===//
//
// Optimization and emission: the verifier and LLVM's own error diagnostics
// become error values, the pipelines run, and the TargetDesc's CPU decides
// which instructions are used.
//
//===----------------------------------------------------------------------===//
#include "CodegenTestSupport.h"

#include "codegen/Codegen.h"
#include "target/TargetDesc.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/TargetParser/Host.h"

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::test;

namespace {

/// `i32 broken()` that returns an i64: the verifier rejects it.
std::unique_ptr<llvm::Module> makeBrokenModule(llvm::LLVMContext &Ctx,
                                               const llvm::TargetMachine &TM) {
  auto M = std::make_unique<llvm::Module>("broken", Ctx);
  configureModule(*M, TM);
  auto *Type = llvm::FunctionType::get(llvm::Type::getInt32Ty(Ctx), false);
  auto *F = llvm::Function::Create(Type, llvm::Function::ExternalLinkage, "broken", *M);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.CreateRet(B.getInt64(0));
  return M;
}

/// `i32 count_bits(i32 x)` = llvm.ctpop(x).
std::unique_ptr<llvm::Module> makePopcountModule(llvm::LLVMContext &Ctx,
                                                 const llvm::TargetMachine &TM) {
  auto M = std::make_unique<llvm::Module>("popcount", Ctx);
  configureModule(*M, TM);
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  auto *F = llvm::Function::Create(llvm::FunctionType::get(I32, {I32}, false),
                                   llvm::Function::ExternalLinkage, "count_bits", *M);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.CreateRet(B.CreateUnaryIntrinsic(llvm::Intrinsic::ctpop, F->getArg(0)));
  return M;
}

/// `void bad_asm()` whose inline assembly is not an instruction.
std::unique_ptr<llvm::Module> makeBadAsmModule(llvm::LLVMContext &Ctx,
                                               const llvm::TargetMachine &TM) {
  auto M = std::make_unique<llvm::Module>("bad-asm", Ctx);
  configureModule(*M, TM);
  auto *Void = llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx), false);
  auto *F = llvm::Function::Create(Void, llvm::Function::ExternalLinkage, "bad_asm", *M);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.CreateCall(llvm::InlineAsm::get(Void, "no_such_instruction_xyz", "", true));
  B.CreateRetVoid();
  return M;
}

} // namespace

TEST_CASE("the verifier's rejection is an error value", "[codegen]") {
  auto TM = hostTargetMachine(2);
  llvm::LLVMContext Ctx;
  auto M = makeBrokenModule(Ctx, *TM);

  ErrorFields E = takeError(verifyModuleIR(*M));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("'broken' is broken") &&
                         Catch::Contains("Function return type does not match"));

  E = takeError(optimizeModule(*M, *TM, 2, VerifyIR::Yes));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("Function return type does not match"));

  E = takeError(emitObject(*M, *TM, VerifyIR::Yes));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("Function return type does not match"));

  requireOk(verifyModuleIR(*makeArithmeticModule(Ctx, *TM)));
}

TEST_CASE("a module must be configured for the target machine", "[codegen]") {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeArithmeticModule(Ctx, *TM);
  M->setDataLayout("");
  ErrorFields E = takeError(optimizeModule(*M, *TM, 0, VerifyIR::Yes));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("is not configured for target"));
  E = takeError(emitObject(*M, *TM, VerifyIR::Yes));
  CHECK_THAT(E.Text, Catch::Contains("is not configured for target"));

  configureModule(*M, *TM);
  requireOk(optimizeModule(*M, *TM, 0, VerifyIR::Yes));
}

TEST_CASE("optimization levels run their pipelines", "[codegen]") {
  llvm::LLVMContext Ctx;
  auto TM = hostTargetMachine(2);

  auto AtO0 = makeArithmeticModule(Ctx, *TM);
  requireOk(optimizeModule(*AtO0, *TM, 0, VerifyIR::Yes));
  // -O0 keeps the loop as it was written.
  CHECK(AtO0->getFunction("sum_to")->size() == 4);

  auto AtO2 = makeArithmeticModule(Ctx, *TM);
  requireOk(optimizeModule(*AtO2, *TM, 2, VerifyIR::Yes));
  // -O2 replaces the loop by its closed form.
  CHECK(AtO2->getFunction("sum_to")->size() < 4);
  requireOk(verifyModuleIR(*AtO2));

  for (unsigned Level : {1u, 3u})
    requireOk(optimizeModule(*makeArithmeticModule(Ctx, *TM), *TM, Level, VerifyIR::Yes));

  ErrorFields E = takeError(optimizeModule(*makeArithmeticModule(Ctx, *TM), *TM, 4));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("optimization level 4 is not in 0..3"));
}

TEST_CASE("emitObject gives a relocatable ELF object", "[codegen]") {
  auto TM = hostTargetMachine(2);
  llvm::LLVMContext Ctx;
  auto M = makeArithmeticModule(Ctx, *TM);
  llvm::SmallVector<char, 0> Object = valueOf(emitObject(*M, *TM, VerifyIR::Yes));
  REQUIRE(Object.size() > sizeof(llvm::ELF::Elf64_Ehdr));
  CHECK(llvm::StringRef(Object.data(), 4) == "\x7f"
                                             "ELF");
  llvm::ELF::Elf64_Ehdr Header;
  std::memcpy(&Header, Object.data(), sizeof(Header));
  CHECK(Header.e_type == llvm::ELF::ET_REL);
}

TEST_CASE("emitAssembly gives the functions' text", "[codegen]") {
  auto TM = hostTargetMachine(2);
  llvm::LLVMContext Ctx;
  auto M = makeArithmeticModule(Ctx, *TM);
  requireOk(optimizeModule(*M, *TM, 2, VerifyIR::Yes));
  std::string Asm = valueOf(emitAssembly(*M, *TM, VerifyIR::Yes));
  CHECK_THAT(Asm, Catch::Contains("add:") && Catch::Contains("sum_to:"));
}

TEST_CASE("the target's CPU decides the instructions", "[codegen]") {
  if (llvm::Triple(llvm::sys::getProcessTriple()).getArch() != llvm::Triple::x86_64) {
    WARN("skipped: the host is not x86-64");
    return;
  }
  llvm::LLVMContext Ctx;
  // x86-64-v2 has POPCNT; the original x86-64 does not and needs a bit trick.
  auto Baseline = valueOf(valueOf(TargetDesc::create()).createTargetMachine(2));
  auto M = makePopcountModule(Ctx, *Baseline);
  CHECK_THAT(valueOf(emitAssembly(*M, *Baseline, VerifyIR::Yes)), Catch::Contains("popcnt"));

  auto Old = valueOf(valueOf(TargetDesc::create("", "x86-64")).createTargetMachine(2));
  M = makePopcountModule(Ctx, *Old);
  CHECK_THAT(valueOf(emitAssembly(*M, *Old, VerifyIR::Yes)), !Catch::Contains("popcnt"));
}

TEST_CASE("errors LLVM reports while generating code are error values", "[codegen]") {
  auto TM = hostTargetMachine(0);
  llvm::LLVMContext Ctx;
  auto M = makeBadAsmModule(Ctx, *TM);
  // Without a handler, LLVMContext prints such an error and calls exit(1).
  ErrorFields E = takeError(emitObject(*M, *TM, VerifyIR::Yes));
  CHECK(E.Kind == ErrorKind::Codegen);
  CHECK_THAT(E.Text, Catch::Contains("code generation for module 'bad-asm' failed") &&
                         Catch::Contains("invalid instruction mnemonic"));

  // The context's handler is restored: a later good module still compiles.
  auto Good = makeArithmeticModule(Ctx, *TM);
  CHECK_FALSE(valueOf(emitObject(*Good, *TM, VerifyIR::Yes)).empty());
}
