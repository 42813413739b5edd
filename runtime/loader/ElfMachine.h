//===- loader/ElfMachine.h - This architecture's ELF class, machine, relocations ===//
//
// The loader links shared objects that lld made for this machine: the ELF
// structures of its class (64- or 32-bit), its e_machine, and the few
// dynamic relocation types such an object holds. They are always RELA:
// 32-bit objects are linked with -z rela (link/Linker.cpp). The
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

#if UINTPTR_MAX == UINT64_MAX
using ElfEhdr = Elf64_Ehdr;
using ElfPhdr = Elf64_Phdr;
using ElfDyn = Elf64_Dyn;
using ElfSym = Elf64_Sym;
using ElfRela = Elf64_Rela;
using ElfHalf = Elf64_Half;
inline constexpr unsigned char HostElfClass = ELFCLASS64;
using BloomWord = uint64_t; // a GNU hash table's Bloom filter word
inline uint32_t relocationType(uint64_t Info) { return uint32_t(ELF64_R_TYPE(Info)); }
inline uint32_t relocationSymbol(uint64_t Info) { return uint32_t(ELF64_R_SYM(Info)); }
#else
using ElfEhdr = Elf32_Ehdr;
using ElfPhdr = Elf32_Phdr;
using ElfDyn = Elf32_Dyn;
using ElfSym = Elf32_Sym;
using ElfRela = Elf32_Rela;
using ElfHalf = Elf32_Half;
inline constexpr unsigned char HostElfClass = ELFCLASS32;
using BloomWord = uint32_t;
inline uint32_t relocationType(uint32_t Info) { return ELF32_R_TYPE(Info); }
inline uint32_t relocationSymbol(uint32_t Info) { return ELF32_R_SYM(Info); }
#endif
// Symbol types and bindings are spelled the same in both classes.
inline unsigned symbolType(unsigned char Info) { return ELF64_ST_TYPE(Info); }
inline unsigned symbolBinding(unsigned char Info) { return ELF64_ST_BIND(Info); }

struct ElfMachine {
  ElfHalf Machine;
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
#elif defined(__arm__)
inline constexpr ElfMachine HostElfMachine = {EM_ARM,          R_ARM_NONE,     R_ARM_RELATIVE,
                                              R_ARM_ABS32,     R_ARM_GLOB_DAT, R_ARM_JUMP_SLOT};
#elif defined(__i386__)
inline constexpr ElfMachine HostElfMachine = {EM_386,     R_386_NONE,     R_386_RELATIVE,
                                              R_386_32,   R_386_GLOB_DAT, R_386_JMP_SLOT};
#else
#error "ElfMachine: give this architecture's ELF machine and relocation types"
#endif

} // namespace wasmaot::runtime
