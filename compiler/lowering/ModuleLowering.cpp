//===- lowering/ModuleLowering.cpp - Declarations, bodies, call wrappers ---===//
#include "lowering/ModuleLowering.h"
#include "lowering/FunctionLowering.h"
#include "lowering/ModuleInfoBuilder.h"
#include "support/Error.h"

#include <algorithm>
#include <map>

using namespace wasmaot;
using namespace wasmaot::ir;
using namespace wasmaot::lowering;

namespace {

constexpr unsigned SlotBytes = 16; // one v128 per argument or result

/// Emits void wrapper(ptr code, ptr vmctx, ptr slots) for functions of Ty:
/// the one generic way the runtime calls into compiled code.
llvm::Function *emitCallWrapper(llvm::Module &LM, VmContext &VM, const FuncType &Ty,
                                unsigned Id) {
  llvm::LLVMContext &C = LM.getContext();
  llvm::PointerType *Ptr = VM.ptrType();
  auto *WrapperTy = llvm::FunctionType::get(llvm::Type::getVoidTy(C), {Ptr, Ptr, Ptr}, false);
  auto *W = llvm::Function::Create(WrapperTy, llvm::GlobalValue::InternalLinkage,
                                   "wasmaot.call_wrapper." + llvm::Twine(Id), LM);
  W->setSection(WASMAOT_CODE_SECTION);
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(C, "entry", W));
  llvm::Value *Slots = W->getArg(2);
  auto Slot = [&](unsigned K) {
    return B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Slots, uint64_t(K) * SlotBytes);
  };

  CallingConvention &CC = VM.calls();
  llvm::SmallVector<llvm::Value *, 8> Args{W->getArg(1)};
  for (unsigned K = 0; K < Ty.Params.size(); ++K)
    Args.push_back(B.CreateAlignedLoad(VM.valueType(Ty.Params[K]), Slot(K), llvm::Align(8)));
  llvm::Value *Area = CC.resultsInMemory(Ty) ? B.CreateAlloca(CC.resultArea(Ty)) : nullptr;
  llvm::CallInst *Call = CC.emitCall(B, Ty, W->getArg(0), Args, Area);
  llvm::SmallVector<llvm::Value *, 4> Results = CC.results(B, Ty, Call, Area);
  for (unsigned K = 0; K < Results.size(); ++K)
    B.CreateAlignedStore(Results[K], Slot(K), llvm::Align(8));
  B.CreateRetVoid();
  return W;
}

/// Emits the host thunk for functions of Ty: wasm code that calls a host
/// function in the C convention. The funcref of an imported host function
/// (abi.h, WASMAOT_FUNCREF_HOST) is the thunk's "vmctx": the thunk calls the
/// code it holds with the vmctx it holds.
llvm::Function *emitHostThunk(llvm::Module &LM, VmContext &VM, const FuncType &Ty, unsigned Id) {
  CallingConvention &CC = VM.calls();
  auto *T = llvm::Function::Create(CC.wasmType(Ty), llvm::GlobalValue::InternalLinkage,
                                   "wasmaot.host_thunk." + llvm::Twine(Id), LM);
  T->setCallingConv(CC.id());
  T->setSection(WASMAOT_CODE_SECTION);
  // Traps in host functions walk the frame-pointer chain through here.
  T->addFnAttr("frame-pointer", "all");
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(LM.getContext(), "entry", T));
  llvm::Value *HostRef = T->getArg(0);
  auto [Code, HostVmctx] = VM.funcRefTarget(B, HostRef);
  llvm::SmallVector<llvm::Value *, 8> Args{HostVmctx};
  for (unsigned K = 0; K < Ty.Params.size(); ++K)
    Args.push_back(T->getArg(K + 1));
  llvm::CallInst *Call = B.CreateCall(CC.hostType(Ty), Code, Args);
  // Never a jump: the thunk pops its own stack arguments (tailcc), a C
  // function does not, and AArch64's backend would make it one regardless.
  Call->setTailCallKind(llvm::CallInst::TCK_NoTail);
  CC.emitReturn(B, *T, Ty, CC.results(B, Ty, Call, nullptr, /*Host=*/true));
  return T;
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::Module>>
wasmaot::lowering::lowerModule(const Module &WM, llvm::LLVMContext &Ctx,
                               const LoweringOptions &Opts, const ModulePart &Part) {
  auto LM = std::make_unique<llvm::Module>("wasm", Ctx);
  VmContext VM(*LM, WM, Opts.Bounds, Opts.Shape);
  // Indexed by strategy: each memory has its own (VmContext::memoryStrategy).
  std::unique_ptr<BoundsCheck> Bounds[] = {BoundsCheck::create(WASMAOT_BOUNDS_GUARD),
                                           BoundsCheck::create(WASMAOT_BOUNDS_EXPLICIT)};
  static_assert(WASMAOT_BOUNDS_GUARD == 0 && WASMAOT_BOUNDS_EXPLICIT == 1);
  uint32_t Begin = std::max(Part.Begin, WM.NumImportedFuncs);
  uint32_t End = std::min<size_t>(Part.End, WM.Functions.size());

  // Functions of other parts are declared when first called.
  std::vector<llvm::Function *> Functions(WM.Functions.size(), nullptr);
  auto Declare = [&](uint32_t Index) -> llvm::Function * {
    if (Index < WM.NumImportedFuncs)
      return nullptr; // called through the vmctx
    llvm::Function *&F = Functions[Index];
    if (F)
      return F;
    F = llvm::Function::Create(
        VM.calls().wasmType(WM.funcType(Index)),
        Part.Whole ? llvm::GlobalValue::InternalLinkage : llvm::GlobalValue::ExternalLinkage,
        "wasm.func." + llvm::Twine(Index), *LM);
    F->setCallingConv(VM.calls().id());
    if (!Part.Whole)
      F->setVisibility(llvm::GlobalValue::HiddenVisibility);
    return F;
  };
  // Declare the part's own functions first, in order: bodies call each
  // other freely.
  for (uint32_t Index = Begin; Index < End; ++Index) {
    llvm::Function *F = Declare(Index);
    // The runtime walks the frame-pointer chain for a trap's backtrace.
    F->addFnAttr("frame-pointer", "all");
    // Where the signal handler recognizes compiled code (see abi.h).
    F->setSection(WASMAOT_CODE_SECTION);
  }

  DebugLocations Debug(*LM);
  LoweringContext LC{WM, VM, Bounds, Declare, Debug, Opts.Interruptible};
  for (uint32_t Index = Begin; Index < End; ++Index)
    if (auto E = FunctionLowering(LC, Index).lower())
      return withContext(std::move(E), "in function " + WM.functionDisplayName(Index));
  Debug.finalize();
  if (!Part.HoldsModuleData)
    return LM;

  // One call wrapper and one host thunk per type index, shared by equal
  // signatures: the runtime calls any function of this module's types
  // (defined, imported or taken from a table) through the wrapper of its
  // type, and gives the module's imports of host functions the thunk of
  // their type.
  using Signature = std::pair<std::vector<ValType>, std::vector<ValType>>;
  std::map<Signature, std::pair<llvm::Function *, llvm::Function *>> Shared;
  std::vector<llvm::Constant *> Code, CallWrappers, HostThunks;
  for (const FuncType &Ty : WM.Types) {
    auto [It, New] = Shared.try_emplace({Ty.Params, Ty.Results});
    if (New)
      It->second = {emitCallWrapper(*LM, VM, Ty, Shared.size() - 1),
                    emitHostThunk(*LM, VM, Ty, Shared.size() - 1)};
    CallWrappers.push_back(It->second.first);
    HostThunks.push_back(It->second.second);
  }
  for (uint32_t Index = WM.NumImportedFuncs; Index < WM.Functions.size(); ++Index)
    Code.push_back(Declare(Index));

  auto Export = [&](llvm::Constant *Init, const char *Name) {
    new llvm::GlobalVariable(*LM, Init->getType(), /*isConstant=*/true,
                             llvm::GlobalValue::ExternalLinkage, Init, Name);
  };
  auto PointerArray = [&](std::vector<llvm::Constant *> &Elements) {
    return llvm::ConstantArray::get(llvm::ArrayType::get(VM.ptrType(), Elements.size()),
                                    Elements);
  };
  std::optional<MemoryImage> Image = buildMemoryImage(WM);
  std::vector<uint8_t> Info = buildModuleInfo(WM, Image ? &*Image : nullptr).serialize();
  Export(llvm::ConstantInt::get(llvm::Type::getInt32Ty(Ctx), WASMAOT_ABI_VERSION),
         "wasmaot_abi_version");
  Export(PointerArray(Code), "wasmaot_function_table");
  Export(PointerArray(CallWrappers), "wasmaot_call_wrappers");
  Export(PointerArray(HostThunks), "wasmaot_host_thunks");
  Export(llvm::ConstantDataArray::get(Ctx, Info), "wasmaot_module_info");
  Export(llvm::ConstantInt::get(llvm::Type::getInt64Ty(Ctx), Info.size()),
         "wasmaot_module_info_size");
  // Page-aligned, so that its bytes start a page of the artifact's file too
  // (lld gives a loaded section's file offset its address's alignment).
  // Always defined, empty (and unaligned, costing no padding) without an
  // image: executables refer to it.
  auto *ImageBytes = Image ? llvm::ConstantDataArray::get(Ctx, Image->Bytes)
                           : llvm::ConstantDataArray::get(Ctx, llvm::ArrayRef<uint8_t>());
  auto *ImageGlobal = new llvm::GlobalVariable(*LM, ImageBytes->getType(), /*isConstant=*/true,
                                               llvm::GlobalValue::ExternalLinkage, ImageBytes,
                                               "wasmaot_memory_image");
  ImageGlobal->setAlignment(llvm::Align(Image ? MemoryImageAlign : 1));
  return LM;
}
