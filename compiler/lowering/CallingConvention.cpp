//===- lowering/CallingConvention.cpp --------------------------------------===//
#include "lowering/CallingConvention.h"
#include "lowering/VmContext.h"

using namespace wasmaot;
using namespace wasmaot::lowering;

llvm::CallingConv::ID CallingConvention::id() const { return VM.shape().WasmCallingConv; }

bool CallingConvention::resultsInMemory(const ir::FuncType &T) const {
  // Pointer-sized registers the results take, with a v128 taking two or
  // four: counted as if all went to general registers, which is never more
  // than the backend needs.
  unsigned WordBits = VM.shape().PointerSize * 8, Words = 0;
  for (ir::ValType R : T.Results) {
    llvm::Type *Ty = VM.valueType(R);
    unsigned Bits = Ty->isPointerTy() ? WordBits : unsigned(Ty->getPrimitiveSizeInBits());
    Words += (Bits + WordBits - 1) / WordBits;
  }
  return Words > VM.shape().ReturnRegisters;
}

llvm::Type *CallingConvention::resultFieldType(ir::ValType T) {
  llvm::Type *Ty = VM.valueType(T);
  if (!Ty->isFloatingPointTy())
    return Ty;
  return llvm::Type::getIntNTy(Ty->getContext(), Ty->getPrimitiveSizeInBits());
}

llvm::Type *CallingConvention::registerResultType(const ir::FuncType &T) {
  llvm::LLVMContext &C = VM.context();
  if (T.Results.empty())
    return llvm::Type::getVoidTy(C);
  if (T.Results.size() == 1)
    return VM.shape().FloatResultsAsIntegers ? resultFieldType(T.Results[0])
                                             : VM.valueType(T.Results[0]);
  llvm::SmallVector<llvm::Type *, 4> Fields;
  for (ir::ValType R : T.Results)
    Fields.push_back(resultFieldType(R));
  return llvm::StructType::get(C, Fields);
}

llvm::FunctionType *CallingConvention::hostType(const ir::FuncType &T) {
  llvm::SmallVector<llvm::Type *, 8> Params{VM.ptrType()};
  for (ir::ValType P : T.Params)
    Params.push_back(VM.valueType(P));
  return llvm::FunctionType::get(registerResultType(T), Params, /*isVarArg=*/false);
}

llvm::FunctionType *CallingConvention::wasmType(const ir::FuncType &T) {
  llvm::FunctionType *Host = hostType(T);
  if (!resultsInMemory(T))
    return Host;
  // The host's parameters, then the results area; nothing returned.
  llvm::SmallVector<llvm::Type *, 8> Params(Host->params());
  Params.push_back(VM.ptrType());
  return llvm::FunctionType::get(llvm::Type::getVoidTy(VM.context()), Params, false);
}

llvm::StructType *CallingConvention::resultArea(const ir::FuncType &T) {
  llvm::SmallVector<llvm::Type *, 4> Fields;
  for (ir::ValType R : T.Results)
    Fields.push_back(VM.valueType(R));
  return llvm::StructType::get(VM.context(), Fields);
}

llvm::Value *CallingConvention::packResults(llvm::IRBuilder<> &B, const ir::FuncType &T,
                                            llvm::ArrayRef<llvm::Value *> Results) {
  if (Results.size() == 1)
    return B.CreateBitCast(Results[0], registerResultType(T));
  llvm::Value *Aggregate = llvm::PoisonValue::get(registerResultType(T));
  for (unsigned K = 0; K < Results.size(); ++K)
    Aggregate = B.CreateInsertValue(
        Aggregate, B.CreateBitCast(Results[K], resultFieldType(T.Results[K])), K);
  return Aggregate;
}

void CallingConvention::emitReturn(llvm::IRBuilder<> &B, llvm::Function &F,
                                   const ir::FuncType &T, llvm::ArrayRef<llvm::Value *> Results) {
  if (Results.empty()) {
    B.CreateRetVoid();
    return;
  }
  if (!resultsInMemory(T)) {
    B.CreateRet(packResults(B, T, Results));
    return;
  }
  llvm::Value *Area = incomingArea(F);
  llvm::StructType *Layout = resultArea(T);
  for (unsigned K = 0; K < Results.size(); ++K)
    B.CreateStore(Results[K], B.CreateStructGEP(Layout, Area, K));
  B.CreateRetVoid();
}

llvm::CallInst *CallingConvention::emitCall(llvm::IRBuilder<> &B, const ir::FuncType &T,
                                            llvm::Value *Callee,
                                            llvm::ArrayRef<llvm::Value *> Args,
                                            llvm::Value *Area) {
  llvm::SmallVector<llvm::Value *, 8> All(Args.begin(), Args.end());
  if (resultsInMemory(T))
    All.push_back(Area);
  llvm::CallInst *Call = B.CreateCall(wasmType(T), Callee, All);
  Call->setCallingConv(id());
  return Call;
}

llvm::SmallVector<llvm::Value *, 4> CallingConvention::results(llvm::IRBuilder<> &B,
                                                               const ir::FuncType &T,
                                                               llvm::CallInst *Call,
                                                               llvm::Value *Area, bool Host) {
  llvm::SmallVector<llvm::Value *, 4> Results;
  if (!Host && resultsInMemory(T)) {
    llvm::StructType *Layout = resultArea(T);
    for (unsigned K = 0; K < T.Results.size(); ++K)
      Results.push_back(B.CreateLoad(Layout->getElementType(K), B.CreateStructGEP(Layout, Area, K)));
    return Results;
  }
  if (T.Results.size() == 1)
    return {B.CreateBitCast(Call, VM.valueType(T.Results[0]))};
  for (unsigned K = 0; K < T.Results.size(); ++K)
    Results.push_back(
        B.CreateBitCast(B.CreateExtractValue(Call, K), VM.valueType(T.Results[K])));
  return Results;
}
