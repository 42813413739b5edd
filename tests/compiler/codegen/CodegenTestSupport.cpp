//===- tests/compiler/codegen/CodegenTestSupport.cpp -----------------------===//
#include "CodegenTestSupport.h"

#include "codegen/Codegen.h"
#include "target/TargetDesc.h"

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace wasmaot;
using namespace wasmaot::test;

TempDir::TempDir() {
  llvm::SmallString<128> Path;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("wasmaot-codegen-test", Path)) {
    FAIL("cannot create a temporary directory: " << EC.message());
  }
  Dir = Path.str().str();
}

TempDir::~TempDir() { llvm::sys::fs::remove_directories(Dir); }

std::string TempDir::path(llvm::StringRef Name) const {
  llvm::SmallString<128> Path(Dir);
  llvm::sys::path::append(Path, Name);
  return Path.str().str();
}

void test::writeFile(const std::string &Path, llvm::ArrayRef<char> Bytes) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    FAIL("cannot write " << Path << ": " << EC.message());
  }
  OS.write(Bytes.data(), Bytes.size());
}

std::unique_ptr<llvm::TargetMachine> test::hostTargetMachine(unsigned OptLevel) {
  TargetDesc Desc = valueOf(TargetDesc::create());
  return valueOf(Desc.createTargetMachine(OptLevel));
}

namespace {

std::unique_ptr<llvm::Module> newModule(llvm::LLVMContext &Ctx, const llvm::TargetMachine &TM,
                                        llvm::StringRef Name) {
  auto M = std::make_unique<llvm::Module>(Name, Ctx);
  configureModule(*M, TM);
  return M;
}

llvm::Function *newFunction(llvm::Module &M, llvm::StringRef Name, unsigned Params) {
  llvm::Type *I32 = llvm::Type::getInt32Ty(M.getContext());
  llvm::SmallVector<llvm::Type *, 2> ParamTypes(Params, I32);
  auto *Type = llvm::FunctionType::get(I32, ParamTypes, /*isVarArg=*/false);
  return llvm::Function::Create(Type, llvm::Function::ExternalLinkage, Name, M);
}

} // namespace

std::unique_ptr<llvm::Module> test::makeArithmeticModule(llvm::LLVMContext &Ctx,
                                                         const llvm::TargetMachine &TM) {
  auto M = newModule(Ctx, TM, "arithmetic");
  llvm::IRBuilder<> B(Ctx);

  llvm::Function *Add = newFunction(*M, "add", 2);
  B.SetInsertPoint(llvm::BasicBlock::Create(Ctx, "entry", Add));
  B.CreateRet(B.CreateAdd(Add->getArg(0), Add->getArg(1)));

  // entry: br loop
  // loop:  i = phi [1, entry], [i + 1, body]; acc = phi [0, entry], [acc + i, body]
  //        br (i > n), exit, body
  // body:  br loop
  // exit:  ret acc
  llvm::Function *Sum = newFunction(*M, "sum_to", 1);
  llvm::Value *N = Sum->getArg(0);
  auto *Entry = llvm::BasicBlock::Create(Ctx, "entry", Sum);
  auto *Loop = llvm::BasicBlock::Create(Ctx, "loop", Sum);
  auto *Body = llvm::BasicBlock::Create(Ctx, "body", Sum);
  auto *Exit = llvm::BasicBlock::Create(Ctx, "exit", Sum);
  B.SetInsertPoint(Entry);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  llvm::PHINode *I = B.CreatePHI(B.getInt32Ty(), 2, "i");
  llvm::PHINode *Acc = B.CreatePHI(B.getInt32Ty(), 2, "acc");
  B.CreateCondBr(B.CreateICmpSGT(I, N), Exit, Body);
  B.SetInsertPoint(Body);
  llvm::Value *NextAcc = B.CreateAdd(Acc, I, "acc.next");
  llvm::Value *NextI = B.CreateAdd(I, B.getInt32(1), "i.next");
  B.CreateBr(Loop);
  I->addIncoming(B.getInt32(1), Entry);
  I->addIncoming(NextI, Body);
  Acc->addIncoming(B.getInt32(0), Entry);
  Acc->addIncoming(NextAcc, Body);
  B.SetInsertPoint(Exit);
  B.CreateRet(Acc);
  return M;
}

std::unique_ptr<llvm::Module> test::makeCallerModule(llvm::LLVMContext &Ctx,
                                                     const llvm::TargetMachine &TM) {
  auto M = newModule(Ctx, TM, "caller");
  llvm::Function *Missing = newFunction(*M, "missing_fn", 0);
  llvm::Function *Caller = newFunction(*M, "caller", 0);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", Caller));
  B.CreateRet(B.CreateCall(Missing));
  return M;
}

std::unique_ptr<llvm::Module> test::makeConstantModule(llvm::LLVMContext &Ctx,
                                                       const llvm::TargetMachine &TM,
                                                       llvm::StringRef FunctionName,
                                                       int32_t Value) {
  auto M = newModule(Ctx, TM, "constant");
  llvm::Function *F = newFunction(*M, FunctionName, 0);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", F));
  B.CreateRet(B.getInt32(static_cast<uint32_t>(Value)));
  return M;
}

void test::compileToObject(llvm::Module &M, llvm::TargetMachine &TM, unsigned OptLevel,
                           const std::string &Path) {
  requireOk(optimizeModule(M, TM, OptLevel, VerifyIR::Yes));
  llvm::SmallVector<char, 0> Object = valueOf(emitObject(M, TM, VerifyIR::Yes));
  writeFile(Path, Object);
}
