/* vm_fnptr: a bytecode interpreter dispatching through a table of function
   pointers, one handler per opcode that returns the next instruction (the
   program and the driver are in vm_common.h, shared with vm_switch.c).
   Measures: an indirect call per instruction (call_indirect in wasm, with
   its table bounds and signature checks), with the machine state passed
   through memory rather than kept in registers. */
#include "vm_common.h"

typedef const Insn *(*Handler)(Vm *vm, const Insn *code, const Insn *in);

static uint64_t imm64(const Insn *in) { return (uint64_t)(int64_t)in->imm; }

static uint64_t *cell(Vm *vm, const Insn *in) {
  return &vm->mem[(vm->r[in->b] + imm64(in)) & (MEM_WORDS - 1)];
}

static const Insn *op_li(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = imm64(in);
  return in + 1;
}
static const Insn *op_mov(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b];
  return in + 1;
}
static const Insn *op_add(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] + vm->r[in->c];
  return in + 1;
}
static const Insn *op_mul(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] * vm->r[in->c];
  return in + 1;
}
static const Insn *op_and(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] & vm->r[in->c];
  return in + 1;
}
static const Insn *op_xor(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] ^ vm->r[in->c];
  return in + 1;
}
static const Insn *op_shri(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] >> (in->imm & 63);
  return in + 1;
}
static const Insn *op_addi(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = vm->r[in->b] + imm64(in);
  return in + 1;
}
static const Insn *op_ld(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  vm->r[in->a] = *cell(vm, in);
  return in + 1;
}
static const Insn *op_st(Vm *vm, const Insn *code, const Insn *in) {
  (void)code;
  *cell(vm, in) = vm->r[in->a];
  return in + 1;
}
static const Insn *op_jmp(Vm *vm, const Insn *code, const Insn *in) {
  (void)vm;
  return code + in->imm;
}
static const Insn *op_jz(Vm *vm, const Insn *code, const Insn *in) {
  return vm->r[in->a] == 0 ? code + in->imm : in + 1;
}
static const Insn *op_jnz(Vm *vm, const Insn *code, const Insn *in) {
  return vm->r[in->a] != 0 ? code + in->imm : in + 1;
}
static const Insn *op_jlt(Vm *vm, const Insn *code, const Insn *in) {
  return vm->r[in->a] < vm->r[in->b] ? code + in->imm : in + 1;
}
static const Insn *op_halt(Vm *vm, const Insn *code, const Insn *in) {
  (void)vm, (void)code, (void)in;
  return NULL;
}

/* Indexed by opcode; designated initialisers keep it in step with Op. */
static const Handler handlers[OP_COUNT] = {
    [OP_LI] = op_li,     [OP_MOV] = op_mov,   [OP_ADD] = op_add,
    [OP_MUL] = op_mul,   [OP_AND] = op_and,   [OP_XOR] = op_xor,
    [OP_SHRI] = op_shri, [OP_ADDI] = op_addi, [OP_LD] = op_ld,
    [OP_ST] = op_st,     [OP_JMP] = op_jmp,   [OP_JZ] = op_jz,
    [OP_JNZ] = op_jnz,   [OP_JLT] = op_jlt,   [OP_HALT] = op_halt,
};

static void run(Vm *vm, const Insn *code) {
  /* Opcodes come from build_program, so every one has a handler. */
  for (const Insn *pc = code; pc != NULL;)
    pc = handlers[pc->op](vm, code, pc);
}

int main(int argc, char **argv) { return vm_main(argc, argv, run); }
