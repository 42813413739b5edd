//===- tests/compiler/codegen/CodegenTestSupport.h -------------------------===//
//
// What the back-half tests share: small LLVM modules built with IRBuilder
// (independent of lowering), a temporary directory, and the error assertions
// of ErrorAssertions.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ErrorAssertions.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace wasmaot::test {

/// A fresh directory, removed with everything in it on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// The path of Name inside the directory.
  std::string path(llvm::StringRef Name) const;

private:
  std::string Dir;
};

/// Writes Bytes to Path, replacing it; fails the test if it cannot.
void writeFile(const std::string &Path, llvm::ArrayRef<char> Bytes);

/// A TargetMachine for the host's baseline CPU at OptLevel.
std::unique_ptr<llvm::TargetMachine> hostTargetMachine(unsigned OptLevel);

/// A module configured for TM with
///   i32 add(i32 a, i32 b)   a + b, wrapping
///   i32 sum_to(i32 n)       1 + 2 + ... + n, as a loop; 0 if n < 1
std::unique_ptr<llvm::Module> makeArithmeticModule(llvm::LLVMContext &Ctx,
                                                   const llvm::TargetMachine &TM);

/// A module configured for TM whose `i32 caller()` returns missing_fn(),
/// a function that nothing defines.
std::unique_ptr<llvm::Module> makeCallerModule(llvm::LLVMContext &Ctx,
                                               const llvm::TargetMachine &TM);

/// A module configured for TM whose `i32 FunctionName()` returns Value.
std::unique_ptr<llvm::Module> makeConstantModule(llvm::LLVMContext &Ctx,
                                                 const llvm::TargetMachine &TM,
                                                 llvm::StringRef FunctionName, int32_t Value);

/// Optimizes M at OptLevel (verifying it first), emits an object and writes it
/// to Path; fails the test on any error.
void compileToObject(llvm::Module &M, llvm::TargetMachine &TM, unsigned OptLevel,
                     const std::string &Path);

} // namespace wasmaot::test
