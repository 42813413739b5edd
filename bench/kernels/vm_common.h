/* vm_common.h: the bytecode, the program and the driver shared by the two
   interpreter kernels, vm_switch.c (dispatch by a switch) and vm_fnptr.c
   (dispatch through a table of function pointers). Both run the same
   program and print the same checksum, so their times compare the two
   dispatch styles alone.

   The machine: 16 64-bit registers, a memory of 2^18 64-bit words (every
   address is masked into it, so no program can go out of bounds), and
   fixed-size three-address instructions with a 32-bit immediate. */
#ifndef BENCH_KERNELS_VM_COMMON_H
#define BENCH_KERNELS_VM_COMMON_H

#include "common.h"

enum { MEM_WORDS = 1 << 18, MAX_CODE = 128 };

typedef enum {
  OP_LI,   /* r[a] = imm (sign-extended) */
  OP_MOV,  /* r[a] = r[b] */
  OP_ADD,  /* r[a] = r[b] + r[c] */
  OP_MUL,  /* r[a] = r[b] * r[c] */
  OP_AND,  /* r[a] = r[b] & r[c] */
  OP_XOR,  /* r[a] = r[b] ^ r[c] */
  OP_SHRI, /* r[a] = r[b] >> imm */
  OP_ADDI, /* r[a] = r[b] + imm */
  OP_LD,   /* r[a] = mem[(r[b] + imm) & mask] */
  OP_ST,   /* mem[(r[b] + imm) & mask] = r[a] */
  OP_JMP,  /* pc = imm */
  OP_JZ,   /* if r[a] == 0: pc = imm */
  OP_JNZ,  /* if r[a] != 0: pc = imm */
  OP_JLT,  /* if r[a] < r[b] (unsigned): pc = imm */
  OP_HALT,
  OP_COUNT
} Op;

typedef struct {
  uint8_t op, a, b, c;
  int32_t imm;
} Insn;

typedef struct {
  uint64_t r[16];
  uint64_t *mem;
} Vm;

typedef struct {
  Insn code[MAX_CODE];
  int n;
} Program;

static int emit(Program *p, Op op, int a, int b, int c, int32_t imm) {
  if (p->n == MAX_CODE) {
    fprintf(stderr, "vm: program too long\n");
    exit(1);
  }
  p->code[p->n] = (Insn){(uint8_t)op, (uint8_t)a, (uint8_t)b, (uint8_t)c, imm};
  return p->n++;
}

/* Register names of the program below. Inputs: START, END (Collatz range),
   LIMIT (sieve size), SEED, STEPS (histogram updates). */
enum {
  ONE = 0, START = 1, END = 2, TOTAL = 3, X = 4, T1 = 5, T2 = 6,
  P = 7, LIMIT = 8, PRIMES = 9, PSUM = 10, Q = 11, SEED = 12, STEPS = 13,
  MASK = 14, MULT = 15
};

/* Three loops, as an interpreter would meet them in real code:
   1. Collatz: for i in [START, END), the number of steps to reach 1
      (arithmetic and unpredictable branches);
   2. a sieve of Eratosthenes below LIMIT in memory (loads and stores);
   3. a histogram of STEPS pseudo-random addresses from a linear
      congruential generator (dependent multiplies, scattered memory). */
static void build_program(Program *p) {
  p->n = 0;
  emit(p, OP_LI, ONE, 0, 0, 1);
  emit(p, OP_LI, TOTAL, 0, 0, 0);
  /* 1. Collatz */
  int outer = emit(p, OP_MOV, X, START, 0, 0);
  int step = emit(p, OP_AND, T1, X, ONE, 0);
  int to_even = emit(p, OP_JZ, T1, 0, 0, 0);
  emit(p, OP_ADD, T2, X, X, 0); /* x = 3x + 1 */
  emit(p, OP_ADD, X, T2, X, 0);
  emit(p, OP_ADDI, X, X, 0, 1);
  int to_next = emit(p, OP_JMP, 0, 0, 0, 0);
  p->code[to_even].imm = emit(p, OP_SHRI, X, X, 0, 1); /* x = x / 2 */
  p->code[to_next].imm = emit(p, OP_ADDI, TOTAL, TOTAL, 0, 1);
  emit(p, OP_JLT, ONE, X, 0, step); /* while 1 < x */
  emit(p, OP_ADDI, START, START, 0, 1);
  emit(p, OP_JLT, START, END, 0, outer);
  /* 2. Sieve: mem[k] != 0 marks k composite; memory starts zeroed. */
  emit(p, OP_LI, P, 0, 0, 2);
  emit(p, OP_LI, PRIMES, 0, 0, 0);
  emit(p, OP_LI, PSUM, 0, 0, 0);
  int candidate = emit(p, OP_LD, T1, P, 0, 0);
  int to_skip = emit(p, OP_JNZ, T1, 0, 0, 0);
  emit(p, OP_ADDI, PRIMES, PRIMES, 0, 1);
  emit(p, OP_ADD, PSUM, PSUM, P, 0);
  emit(p, OP_MUL, Q, P, P, 0);
  int to_check = emit(p, OP_JMP, 0, 0, 0, 0);
  int mark = emit(p, OP_ST, ONE, Q, 0, 0);
  emit(p, OP_ADD, Q, Q, P, 0);
  p->code[to_check].imm = emit(p, OP_JLT, Q, LIMIT, 0, mark);
  p->code[to_skip].imm = emit(p, OP_ADDI, P, P, 0, 1);
  emit(p, OP_JLT, P, LIMIT, 0, candidate);
  /* 3. Histogram in the upper half of memory, above the sieve. */
  emit(p, OP_LI, MULT, 0, 0, 1664525);
  emit(p, OP_LI, MASK, 0, 0, MEM_WORDS / 2 - 1);
  int update = emit(p, OP_MUL, SEED, SEED, MULT, 0);
  emit(p, OP_ADDI, SEED, SEED, 0, 1013904223);
  emit(p, OP_SHRI, T1, SEED, 0, 20);
  emit(p, OP_AND, T1, T1, MASK, 0);
  emit(p, OP_LD, T2, T1, 0, MEM_WORDS / 2);
  emit(p, OP_XOR, T2, T2, SEED, 0);
  emit(p, OP_ST, T2, T1, 0, MEM_WORDS / 2);
  emit(p, OP_ADDI, STEPS, STEPS, 0, -1);
  emit(p, OP_JNZ, STEPS, 0, 0, update);
  emit(p, OP_HALT, 0, 0, 0, 0);
}

/* The kernel's main: runs the program `rounds` times on new inputs with the
   interpreter `run`, and prints a checksum of registers and memory. */
static int vm_main(int argc, char **argv, void (*run)(Vm *, const Insn *)) {
  int64_t rounds = scaled(18, bench_scale(argc, argv));
  Program program;
  build_program(&program);
  Vm vm;
  vm.mem = xmalloc(MEM_WORDS * sizeof *vm.mem);
  uint64_t h = 0;
  for (int64_t r = 0; r < rounds; r++) {
    memset(&vm.r, 0, sizeof vm.r);
    memset(vm.mem, 0, MEM_WORDS * sizeof *vm.mem);
    vm.r[START] = 1 + (uint64_t)r * 20000;
    vm.r[END] = vm.r[START] + 20000;
    vm.r[LIMIT] = MEM_WORDS / 2;
    vm.r[SEED] = (uint64_t)r;
    vm.r[STEPS] = 400000;
    run(&vm, program.code);
    for (int i = 0; i < 16; i++)
      h = mix64(h, vm.r[i]);
    for (size_t i = 0; i < MEM_WORDS; i += 61)
      h = mix64(h, vm.mem[i]);
  }
  print_checksum(h);
  free(vm.mem);
  return 0;
}

#endif
