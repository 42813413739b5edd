/* vm_switch: a bytecode interpreter dispatching with a switch in one loop
   (the program and the driver are in vm_common.h, shared with vm_fnptr.c).
   Measures: an interpreter loop: a jump table (an indirect branch, br_table
   in wasm) per instruction, register-file loads and stores, unpredictable
   branches. */
#include "vm_common.h"

static void run(Vm *vm, const Insn *code) {
  uint64_t *r = vm->r, *mem = vm->mem;
  const uint64_t mask = MEM_WORDS - 1;
  for (const Insn *pc = code;;) {
    const Insn *in = pc++;
    switch ((Op)in->op) {
    case OP_LI:
      r[in->a] = (uint64_t)(int64_t)in->imm;
      break;
    case OP_MOV:
      r[in->a] = r[in->b];
      break;
    case OP_ADD:
      r[in->a] = r[in->b] + r[in->c];
      break;
    case OP_MUL:
      r[in->a] = r[in->b] * r[in->c];
      break;
    case OP_AND:
      r[in->a] = r[in->b] & r[in->c];
      break;
    case OP_XOR:
      r[in->a] = r[in->b] ^ r[in->c];
      break;
    case OP_SHRI:
      r[in->a] = r[in->b] >> (in->imm & 63);
      break;
    case OP_ADDI:
      r[in->a] = r[in->b] + (uint64_t)(int64_t)in->imm;
      break;
    case OP_LD:
      r[in->a] = mem[(r[in->b] + (uint64_t)(int64_t)in->imm) & mask];
      break;
    case OP_ST:
      mem[(r[in->b] + (uint64_t)(int64_t)in->imm) & mask] = r[in->a];
      break;
    case OP_JMP:
      pc = code + in->imm;
      break;
    case OP_JZ:
      if (r[in->a] == 0)
        pc = code + in->imm;
      break;
    case OP_JNZ:
      if (r[in->a] != 0)
        pc = code + in->imm;
      break;
    case OP_JLT:
      if (r[in->a] < r[in->b])
        pc = code + in->imm;
      break;
    case OP_HALT:
    default:
      return;
    }
  }
}

int main(int argc, char **argv) { return vm_main(argc, argv, run); }
