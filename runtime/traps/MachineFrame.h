//===- traps/MachineFrame.h - Registers and frame records per architecture -===//
//
// What the trap machinery needs to know of each architecture: where the
// interrupted program counter, frame pointer and stack pointer are in a
// signal's context, and where a frame keeps its caller's frame pointer and
// its return address (the frame record that compiled code always sets up,
// lowering's "frame-pointer"="all").
//
//   x86-64    [fp] = caller's fp, [fp + 8] = return address (i686: + 4)
//   AArch64   [x29] = caller's x29, [x29 + 8] = saved x30 (AAPCS64 frame record)
//   RISC-V    [s0 - 16] = caller's s0, [s0 - 8] = saved ra (s0 is the frame's top)
//   ARM       [r11] = caller's r11, [r11 + 4] = saved lr (LLVM's frame record
//             in ARM mode, which both compiled code and the runtime use)
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <ucontext.h>

namespace wasmaot::runtime {

/// The interrupted registers of a signal handler's context.
struct MachineRegisters {
  uintptr_t Pc;
  uintptr_t FramePointer;
  uintptr_t StackPointer;
};

inline MachineRegisters interruptedRegisters(const void *Context) {
  const mcontext_t &M = static_cast<const ucontext_t *>(Context)->uc_mcontext;
#if defined(__x86_64__)
  return {uintptr_t(M.gregs[REG_RIP]), uintptr_t(M.gregs[REG_RBP]), uintptr_t(M.gregs[REG_RSP])};
#elif defined(__aarch64__)
  return {uintptr_t(M.pc), uintptr_t(M.regs[29]), uintptr_t(M.sp)};
#elif defined(__riscv) && __riscv_xlen == 64
  return {uintptr_t(M.__gregs[REG_PC]), uintptr_t(M.__gregs[REG_S0]),
          uintptr_t(M.__gregs[REG_SP])};
#elif defined(__arm__)
  return {uintptr_t(M.arm_pc), uintptr_t(M.arm_fp), uintptr_t(M.arm_sp)};
#elif defined(__i386__)
  return {uintptr_t(M.gregs[REG_EIP]), uintptr_t(M.gregs[REG_EBP]), uintptr_t(M.gregs[REG_ESP])};
#else
#error "interruptedRegisters: read this architecture's ucontext"
#endif
}

/// A frame record: the two words a frame pointer leads to.
struct FrameRecord {
  uintptr_t CallerFramePointer;
  uintptr_t ReturnAddress;
};

/// The address of the record of the frame whose frame pointer is Fp.
inline uintptr_t frameRecordAddress(uintptr_t Fp) {
#if defined(__riscv)
  return Fp - sizeof(FrameRecord);
#else
  return Fp;
#endif
}

} // namespace wasmaot::runtime
