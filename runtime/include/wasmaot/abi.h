/*===- wasmaot/abi.h - The contract between generated code and runtime ----===*
 *
 * The only interface between code that wasmaot generates and the runtime
 * library it links with. Generated code reaches everything of its instance
 * through a wasmaot_vmctx pointer passed as every function's first argument,
 * and calls back into the runtime only through the wasmaot_rt_* functions
 * below. Field offsets are fixed (static_asserts below): lowering hard-codes
 * them, and every compiled object records WASMAOT_ABI_VERSION, which the
 * runtime checks before running it.
 *
 *===----------------------------------------------------------------------===*/
#ifndef WASMAOT_ABI_H
#define WASMAOT_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever anything in this file changes meaning or layout. */
#define WASMAOT_ABI_VERSION 6u

/* Why execution trapped. The names follow the spec testsuite's messages. */
typedef enum wasmaot_trap_kind {
  WASMAOT_TRAP_NONE = 0,
  WASMAOT_TRAP_UNREACHABLE = 1,             /* "unreachable" */
  WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS = 2,    /* "out of bounds memory access" */
  WASMAOT_TRAP_TABLE_OUT_OF_BOUNDS = 3,     /* "out of bounds table access" */
  WASMAOT_TRAP_UNDEFINED_ELEMENT = 4,       /* "undefined element": call_indirect index >= size */
  WASMAOT_TRAP_UNINITIALIZED_ELEMENT = 5,   /* "uninitialized element": null funcref called */
  WASMAOT_TRAP_INDIRECT_CALL_TYPE_MISMATCH = 6, /* "indirect call type mismatch" */
  WASMAOT_TRAP_INTEGER_DIVIDE_BY_ZERO = 7,  /* "integer divide by zero" */
  WASMAOT_TRAP_INTEGER_OVERFLOW = 8,        /* "integer overflow" */
  WASMAOT_TRAP_INVALID_CONVERSION = 9,      /* "invalid conversion to integer" */
  WASMAOT_TRAP_STACK_EXHAUSTED = 10,        /* "call stack exhausted" */
  WASMAOT_TRAP_HOST = 11,                   /* a host function failed */
  WASMAOT_TRAP_EXIT = 12,                   /* not a fault: the guest asked to exit
                                               (WASI proc_exit); the host keeps the code */
  WASMAOT_TRAP_UNKNOWN_IMPORT = 13,         /* a function import that nothing provides was
                                               called (--allow-unknown-imports) */
  WASMAOT_TRAP_INTERRUPTED = 14,            /* "interrupt": the host set vmctx->interrupt
                                               (--timeout) */
  WASMAOT_TRAP_LAST = WASMAOT_TRAP_INTERRUPTED
} wasmaot_trap_kind;

/* A WebAssembly page, and the most pages a 32-bit memory can have (4 GiB).
 * Memories of the custom-page-sizes proposal have pages of 1 byte. */
#define WASMAOT_PAGE_SIZE 65536u
#define WASMAOT_PAGE_SIZE_LOG2 16u
#define WASMAOT_MAX_PAGES 65536u

/* Under WASMAOT_BOUNDS_GUARD, the address space the runtime holds from
 * memory_base: 4 GiB of index space, 4 GiB for the static offset and one page
 * for the access width, so base + u32 index + u32 offset + up to 16 bytes
 * always stays inside it. Everything from memory_size on is inaccessible, and a
 * fault there inside wasm code becomes WASMAOT_TRAP_MEMORY_OUT_OF_BOUNDS.
 * memory_base never changes under this strategy. */
#define WASMAOT_GUARD_RESERVATION (((uint64_t)8 << 30) + WASMAOT_PAGE_SIZE)

/* The section every compiled wasm function (and call wrapper) is placed in.
 * The signal handler turns a guard-region fault into a trap only when the
 * faulting instruction is in compiled code: a loaded artifact registers its
 * executable segments, an executable the bounds of this section
 * (__start_wasmaot_code and __stop_wasmaot_code, defined by the linker). */
#define WASMAOT_CODE_SECTION "wasmaot_code"

/* How compiled code checks linear-memory accesses. */
typedef enum wasmaot_bounds_checks {
  /* 4 GiB of index space plus a guard region are reserved: no check is
   * emitted, a stray access faults and the signal handler turns it into a
   * trap. */
  WASMAOT_BOUNDS_GUARD = 0,
  /* Every access is compared with the current memory size. memory_base may
   * move on memory.grow, so code reloads it (and memory_size) after calls. */
  WASMAOT_BOUNDS_EXPLICIT = 1,
} wasmaot_bounds_checks;

/* The strategy one memory of a module compiled with Module's strategy gets,
 * for a memory of at most MaxPages pages (UINT64_MAX: no maximum). Guard
 * pages need every address the code can form to lie inside the reservation
 * (an index below 4 GiB plus a 32-bit offset) and the memory's end to fall
 * on a host page. A 64-bit memory qualifies when it can never outgrow
 * 4 GiB: its code clamps the index to 4 GiB (umin, no branch), which puts
 * any larger index in the guard region. Other 64-bit memories, and those of
 * 1-byte pages, are checked explicitly whatever the module's strategy.
 * Compiler and runtime both ask this function, so they agree on every
 * memory. Code that checks explicitly works on a guard memory too (its size
 * is kept current); the reverse never holds. */
static inline wasmaot_bounds_checks wasmaot_memory_bounds_checks(wasmaot_bounds_checks Module,
                                                                 int Is64,
                                                                 unsigned PageSizeLog2,
                                                                 uint64_t MaxPages) {
  if (Module != WASMAOT_BOUNDS_GUARD || PageSizeLog2 != WASMAOT_PAGE_SIZE_LOG2)
    return WASMAOT_BOUNDS_EXPLICIT;
  if (Is64 && MaxPages > ((uint64_t)1 << (32 - WASMAOT_PAGE_SIZE_LOG2)))
    return WASMAOT_BOUNDS_EXPLICIT;
  return WASMAOT_BOUNDS_GUARD;
}

struct wasmaot_vmctx;

/* Pointer fields take 8 bytes on every target, so that the offsets below
 * hold on 32-bit targets too: there the pointer is the low half (every target
 * is little-endian) and the high half stays zero. */
#if UINTPTR_MAX == UINT32_MAX
#define WASMAOT_POINTER_PAD(name) uint32_t name##_high;
#else
#define WASMAOT_POINTER_PAD(name)
#endif

/* A function reference: what funcref values point to and tables hold.
 *
 * Its code takes (vmctx, params...). Wasm code, which is all that generated
 * code ever calls, has the wasm calling convention (tailcc where the target
 * has it), and results that do not fit the return registers go to an area
 * its caller passes last (compiler/lowering/CallingConvention.h): only
 * generated code calls it, the runtime through the module's call wrappers.
 * A host function (flag WASMAOT_FUNCREF_HOST) is plain C: results
 * code(vmctx, params...), where several results come back as a struct whose
 * float fields are integers of their width. An instance importing one calls
 * it through its module's host thunk of that type, with a funcref of its
 * own: {thunk, (wasmaot_vmctx *)host_funcref, type_id, WASMAOT_FUNCREF_THUNK},
 * whose "vmctx" is no vmctx at all. */
#define WASMAOT_FUNCREF_HOST 1u
#define WASMAOT_FUNCREF_THUNK 2u
typedef struct wasmaot_funcref {
  void *code;                   /* native entry */
  WASMAOT_POINTER_PAD(code)
  struct wasmaot_vmctx *vmctx;  /* the instance the function belongs to */
  WASMAOT_POINTER_PAD(vmctx)
  uint32_t type_id;             /* canonical signature id: equal ids, equal types */
  uint32_t flags;               /* WASMAOT_FUNCREF_* */
} wasmaot_funcref;

/* What generated code reads of a linear memory: kept current by the runtime
 * for every instance that uses the memory. Memory 0's is the first field of
 * the vmctx itself, so that code reaches it without an indirection. */
typedef struct wasmaot_memory {
  uint8_t *base;                 /* NULL without a memory */
  WASMAOT_POINTER_PAD(base)
  uint64_t size;                 /* current size in bytes */
} wasmaot_memory;

/* A table of references: funcref tables hold wasmaot_funcref pointers,
 * externref tables the host's opaque pointers; NULL is ref.null. Tables of
 * 64-bit index type (memory64) have the same layout: no table has more than
 * UINT32_MAX - 1 elements (the runtime refuses more), and generated code
 * compares 64-bit indexes with the size widened. */
typedef struct wasmaot_table {
  void **elements;
  WASMAOT_POINTER_PAD(elements)
  uint32_t size;
  uint32_t max; /* UINT32_MAX when unbounded */
} wasmaot_table;

/* Per-instance state that generated code reads directly. */
typedef struct wasmaot_vmctx {
  wasmaot_memory memory0;        /* memory 0, zero without a memory */
  void **globals;                /* the storage of each global (16 bytes, v128-sized) */
  WASMAOT_POINTER_PAD(globals)
  wasmaot_funcref **functions;   /* every function index, imports first */
  WASMAOT_POINTER_PAD(functions)
  wasmaot_table **tables;        /* every table index, imports first */
  WASMAOT_POINTER_PAD(tables)
  uint64_t stack_limit;          /* calls below this stack address trap: set by
                                    the runtime for the thread entering wasm */
  void *runtime;                 /* the runtime's instance object: opaque here */
  WASMAOT_POINTER_PAD(runtime)
  const uint32_t *type_ids;      /* canonical signature id of each type index */
  WASMAOT_POINTER_PAD(type_ids)
  uint32_t interrupt;            /* nonzero: code compiled to be interruptible traps
                                    with WASMAOT_TRAP_INTERRUPTED at its next function
                                    entry or loop iteration; set by any thread, atomically */
  uint32_t reserved;
  wasmaot_memory **memories;     /* every memory index, imports first; memories[0]
                                    is &memory0 */
  WASMAOT_POINTER_PAD(memories)
} wasmaot_vmctx;

#define WASMAOT_VMCTX_MEMORY_BASE 0
#define WASMAOT_VMCTX_MEMORY_SIZE 8
#define WASMAOT_VMCTX_GLOBALS 16
#define WASMAOT_VMCTX_FUNCTIONS 24
#define WASMAOT_VMCTX_TABLES 32
#define WASMAOT_VMCTX_STACK_LIMIT 40
#define WASMAOT_VMCTX_RUNTIME 48
#define WASMAOT_VMCTX_TYPE_IDS 56
#define WASMAOT_VMCTX_INTERRUPT 64
#define WASMAOT_VMCTX_MEMORIES 72
#define WASMAOT_MEMORY_BASE 0
#define WASMAOT_MEMORY_SIZE 8
#define WASMAOT_TABLE_ELEMENTS 0
#define WASMAOT_TABLE_SIZE 8
#define WASMAOT_FUNCREF_CODE 0
#define WASMAOT_FUNCREF_VMCTX 8
#define WASMAOT_FUNCREF_TYPE_ID 16

#ifdef __cplusplus
static_assert(offsetof(wasmaot_vmctx, memory0.base) == WASMAOT_VMCTX_MEMORY_BASE, "ABI");
static_assert(offsetof(wasmaot_vmctx, memory0.size) == WASMAOT_VMCTX_MEMORY_SIZE, "ABI");
static_assert(offsetof(wasmaot_vmctx, globals) == WASMAOT_VMCTX_GLOBALS, "ABI");
static_assert(offsetof(wasmaot_vmctx, functions) == WASMAOT_VMCTX_FUNCTIONS, "ABI");
static_assert(offsetof(wasmaot_vmctx, tables) == WASMAOT_VMCTX_TABLES, "ABI");
static_assert(offsetof(wasmaot_vmctx, stack_limit) == WASMAOT_VMCTX_STACK_LIMIT, "ABI");
static_assert(offsetof(wasmaot_vmctx, runtime) == WASMAOT_VMCTX_RUNTIME, "ABI");
static_assert(offsetof(wasmaot_vmctx, type_ids) == WASMAOT_VMCTX_TYPE_IDS, "ABI");
static_assert(offsetof(wasmaot_vmctx, interrupt) == WASMAOT_VMCTX_INTERRUPT, "ABI");
static_assert(offsetof(wasmaot_vmctx, memories) == WASMAOT_VMCTX_MEMORIES, "ABI");
static_assert(offsetof(wasmaot_memory, base) == WASMAOT_MEMORY_BASE, "ABI");
static_assert(offsetof(wasmaot_memory, size) == WASMAOT_MEMORY_SIZE, "ABI");
static_assert(offsetof(wasmaot_table, elements) == WASMAOT_TABLE_ELEMENTS, "ABI");
static_assert(offsetof(wasmaot_table, size) == WASMAOT_TABLE_SIZE, "ABI");
static_assert(offsetof(wasmaot_funcref, code) == WASMAOT_FUNCREF_CODE, "ABI");
static_assert(offsetof(wasmaot_funcref, vmctx) == WASMAOT_FUNCREF_VMCTX, "ABI");
static_assert(offsetof(wasmaot_funcref, type_id) == WASMAOT_FUNCREF_TYPE_ID, "ABI");
static_assert(sizeof(wasmaot_funcref) == 24, "ABI");
#else
_Static_assert(offsetof(wasmaot_vmctx, memory0) == WASMAOT_VMCTX_MEMORY_BASE, "ABI");
_Static_assert(offsetof(wasmaot_vmctx, runtime) == WASMAOT_VMCTX_RUNTIME, "ABI");
#endif

/* Runtime entry points that generated code calls. */

/* Unwinds to the innermost activation on this thread (the runtime's
 * wasmaot::runtime::callWasm) with Kind, one of WASMAOT_TRAP_UNREACHABLE ..
 * WASMAOT_TRAP_LAST. Aborts the process if the thread is not running wasm. */
__attribute__((noreturn)) void wasmaot_rt_trap(wasmaot_vmctx *vmctx, uint32_t kind);

/* memory.grow: the old size in pages, or UINT64_MAX (-1) when the memory
 * cannot grow; code of a 32-bit memory keeps the low half. Updates the
 * wasmaot_memory of every instance using the memory. */
uint64_t wasmaot_rt_memory_grow(wasmaot_vmctx *vmctx, uint32_t memory, uint64_t delta_pages);

/* Bulk memory and table operations. Addresses and lengths are 64 bits wide
 * for every memory and table (32-bit ones pass them zero-extended); segment
 * offsets and lengths stay 32 bits. Those returning uint32_t return 0 when
 * they succeeded and non-zero when an access was out of bounds, in which case
 * nothing was written and the caller traps (with "out of bounds memory access"
 * for memory.*, "out of bounds table access" for table.*). They never unwind
 * themselves, so no runtime frame is ever skipped by a trap. */
uint32_t wasmaot_rt_memory_init(wasmaot_vmctx *vmctx, uint32_t memory, uint32_t segment,
                                uint64_t dst, uint32_t src, uint32_t len);
uint32_t wasmaot_rt_memory_copy(wasmaot_vmctx *vmctx, uint32_t dst_memory,
                                uint32_t src_memory, uint64_t dst, uint64_t src, uint64_t len);
uint32_t wasmaot_rt_memory_fill(wasmaot_vmctx *vmctx, uint32_t memory, uint64_t dst,
                                uint32_t value, uint64_t len);
void wasmaot_rt_data_drop(wasmaot_vmctx *vmctx, uint32_t segment);
uint32_t wasmaot_rt_table_init(wasmaot_vmctx *vmctx, uint32_t table, uint32_t segment,
                               uint64_t dst, uint32_t src, uint32_t len);
uint32_t wasmaot_rt_table_copy(wasmaot_vmctx *vmctx, uint32_t dst_table, uint32_t src_table,
                               uint64_t dst, uint64_t src, uint64_t len);
uint32_t wasmaot_rt_table_fill(wasmaot_vmctx *vmctx, uint32_t table, uint64_t dst,
                               void *value, uint64_t len);
/* table.grow: the old size, or UINT64_MAX (-1) if the table cannot grow. */
uint64_t wasmaot_rt_table_grow(wasmaot_vmctx *vmctx, uint32_t table, void *init,
                               uint64_t delta);
void wasmaot_rt_elem_drop(wasmaot_vmctx *vmctx, uint32_t segment);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASMAOT_ABI_H */
