//===- loader/ElfMachine.h - This architecture's ELF machine and relocations ===//
//
// The loader links shared objects that lld made for this machine: their
// e_machine, and the few dynamic relocation types such an object holds. The
// relative one is B + A; the symbolic ones (an absolute word, a GOT slot, a
// PLT slot) are all S + A, with A zero where a psABI says S (x86-64's GOT
// and PLT slots; lld writes no addend there). RISC-V fills GOT slots with
// its absolute type.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <elf.h>

#include <cstdint>

namespace wasmaot::runtime {

struct ElfMachine {
  Elf64_Half Machine;
  uint32_t None, Relative, Absolute, GotSlot, PltSlot;

  bool isSymbolic(uint32_t Type) const {
    return Type == Absolute || Type == GotSlot || Type == PltSlot;
  }
};

#if defined(__x86_64__)
inline constexpr ElfMachine HostElfMachine = {EM_X86_64,    R_X86_64_NONE,     R_X86_64_RELATIVE,
                                              R_X86_64_64,  R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT};
#elif defined(__aarch64__)
inline constexpr ElfMachine HostElfMachine = {EM_AARCH64,          R_AARCH64_NONE,
                                              R_AARCH64_RELATIVE,  R_AARCH64_ABS64,
                                              R_AARCH64_GLOB_DAT,  R_AARCH64_JUMP_SLOT};
#elif defined(__riscv) && __riscv_xlen == 64
inline constexpr ElfMachine HostElfMachine = {EM_RISCV,    R_RISCV_NONE, R_RISCV_RELATIVE,
                                              R_RISCV_64,  R_RISCV_64,   R_RISCV_JUMP_SLOT};
#else
#error "ElfMachine: give this architecture's ELF machine and relocation types"
#endif

} // namespace wasmaot::runtime
