//===- validator/FunctionValidator.h - Operand and control stacks ----------===//
//
// The validation algorithm of the spec's appendix: an operand stack of value
// types (with Unknown for the polymorphic stack after unreachable code) and a
// control stack of frames, one per enclosing block.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "ir/Features.h"
#include "ir/Module.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace wasmaot {

/// What a function body may refer to besides the module's index spaces.
struct ValidationContext {
  const ir::Module &M;
  /// Functions that `ref.func` may name: those referenced outside function
  /// bodies (exports, element segments, global initializers).
  const llvm::DenseSet<uint32_t> &DeclaredFuncRefs;
  const ir::Features &Enabled;
};

class FunctionValidator {
public:
  FunctionValidator(const ValidationContext &Ctx, const ir::Function &F);

  llvm::Error validate();

private:
  /// A value type on the operand stack; Unknown stands for any type.
  using StackType = uint8_t;
  static constexpr StackType Unknown = 0;

  struct ControlFrame {
    ir::Opcode Op;
    std::vector<ir::ValType> StartTypes;
    std::vector<ir::ValType> EndTypes;
    size_t Height;
    bool Unreachable;
  };

  llvm::Error validateInstruction(const ir::Instruction &I);
  llvm::Error validateControl(const ir::Instruction &I);
  llvm::Error validateVariable(const ir::Instruction &I);
  llvm::Error validateReference(const ir::Instruction &I);
  llvm::Error validateTable(const ir::Instruction &I);
  llvm::Error validateMemory(const ir::Instruction &I);
  llvm::Error validateSignature(const ir::Instruction &I, ir::Signature Sig);

  void pushValue(StackType T) { Values.push_back(T); }
  void pushValue(ir::ValType T) { Values.push_back(static_cast<StackType>(T)); }
  void pushValues(llvm::ArrayRef<ir::ValType> Types);
  llvm::Expected<StackType> popValue();
  llvm::Expected<StackType> popValue(StackType Expected);
  llvm::Error popValues(llvm::ArrayRef<ir::ValType> Types);

  void pushControl(ir::Opcode Op, std::vector<ir::ValType> Start,
                   std::vector<ir::ValType> End);
  llvm::Expected<ControlFrame> popControl();
  static llvm::ArrayRef<ir::ValType> labelTypes(const ControlFrame &F) {
    return F.Op == ir::Opcode::Loop ? F.StartTypes : F.EndTypes;
  }
  void markUnreachable();

  llvm::Expected<const ControlFrame *> label(uint32_t Depth);
  llvm::Expected<const ir::FuncType *> blockType(const ir::BlockType &BT);
  llvm::Error validateCall(const ir::Instruction &I);
  llvm::Expected<const ir::TableType *> tableType(uint32_t Table);
  llvm::Expected<const ir::MemoryType *> memoryType(uint32_t Memory);
  llvm::Error error(const llvm::Twine &Message);

  const ValidationContext &Ctx;
  const ir::Function &F;
  std::vector<ir::ValType> Locals; // parameters, then declared locals
  std::vector<StackType> Values;
  std::vector<ControlFrame> Controls;
  uint32_t CurrentOffset = 0;
};

} // namespace wasmaot
