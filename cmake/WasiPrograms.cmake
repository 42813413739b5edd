# C programs compiled to wasm32-wasi modules with Debian's clang-16, wasi-libc
# and wasm32 compiler-rt builtins: the examples and the WASI end-to-end tests.
#
#   wasmaot_add_wasi_programs(TARGET SOURCES a.c b.c... [DEPENDS file...])
#
# compiles each source to ${CMAKE_CURRENT_BINARY_DIR}/NAME.wasm at build time,
# adds the target TARGET (built by default) for them, and records the list of
# modules in TARGET's WASMAOT_WASM_FILES property. DEPENDS names files the
# sources include, such as shared headers.
include_guard(GLOBAL)

find_program(WASMAOT_WASM_CC NAMES clang-16
             HINTS /usr/lib/llvm-16/bin
             DOC "clang that targets wasm32-wasi, for the examples and WASI tests")
if(NOT WASMAOT_WASM_CC)
  message(FATAL_ERROR "clang-16 not found: it compiles C programs to WebAssembly. "
                      "Run scripts/install-deps.sh (or apt-get install clang-16 lld-16 "
                      "wasi-libc libclang-rt-16-dev-wasm32).")
endif()

set(WASMAOT_WASI_SYSROOT "/usr" CACHE PATH "WASI sysroot holding lib/wasm32-wasi/libc.a")
if(NOT EXISTS "${WASMAOT_WASI_SYSROOT}/lib/wasm32-wasi/libc.a")
  message(FATAL_ERROR "wasi-libc not found under ${WASMAOT_WASI_SYSROOT}: it is the C "
                      "library of the WebAssembly programs. Run scripts/install-deps.sh (or "
                      "apt-get install wasi-libc), or set WASMAOT_WASI_SYSROOT.")
endif()

# The wasm32 builtins (libclang_rt.builtins-wasm32.a) come in another package;
# without them every program fails to link with a less obvious message.
execute_process(
  COMMAND "${WASMAOT_WASM_CC}" --target=wasm32-wasi -rtlib=compiler-rt -print-libgcc-file-name
  OUTPUT_VARIABLE WasmBuiltins OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT EXISTS "${WasmBuiltins}")
  message(FATAL_ERROR "${WasmBuiltins} not found: it holds the compiler-rt builtins that "
                      "wasm32 programs link with. Run scripts/install-deps.sh (or apt-get "
                      "install libclang-rt-16-dev-wasm32).")
endif()

function(wasmaot_add_wasi_programs Target)
  cmake_parse_arguments(PARSE_ARGV 1 P "" "" "SOURCES;DEPENDS")
  set(Flags -O2 -Wall -Wextra)
  if(WASMAOT_WERROR)
    list(APPEND Flags -Werror)
  endif()
  set(Outputs)
  foreach(Source IN LISTS P_SOURCES)
    get_filename_component(Name "${Source}" NAME_WE)
    get_filename_component(Source "${Source}" ABSOLUTE)
    set(Output "${CMAKE_CURRENT_BINARY_DIR}/${Name}.wasm")
    add_custom_command(
      OUTPUT "${Output}"
      COMMAND "${WASMAOT_WASM_CC}" --target=wasm32-wasi "--sysroot=${WASMAOT_WASI_SYSROOT}"
              ${Flags} "${Source}" -o "${Output}"
      DEPENDS "${Source}" ${P_DEPENDS}
      COMMENT "Compiling ${Name}.c to WebAssembly"
      VERBATIM)
    list(APPEND Outputs "${Output}")
  endforeach()
  add_custom_target(${Target} ALL DEPENDS ${Outputs})
  set_target_properties(${Target} PROPERTIES WASMAOT_WASM_FILES "${Outputs}")
endfunction()
