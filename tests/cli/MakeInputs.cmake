# Makes the modules the CLI tests feed to wasmaot, in OUT_DIR:
#   cmake -DWAT2WASM=<wasmaot-wat2wasm> -DSRC_DIR=... -DOUT_DIR=... -P MakeInputs.cmake
# Binaries are made here rather than committed so that each test input can be
# read and changed as text.
file(MAKE_DIRECTORY "${OUT_DIR}")
file(GLOB Wats "${SRC_DIR}/*.wat")
foreach(Wat IN LISTS Wats)
  get_filename_component(Name "${Wat}" NAME_WE)
  # The assembler does not validate: some inputs are deliberately invalid;
  # wasmaot must find out.
  execute_process(COMMAND "${WAT2WASM}" "${Wat}" -o "${OUT_DIR}/${Name}.wasm"
                  RESULT_VARIABLE Status)
  if(NOT Status EQUAL 0)
    message(FATAL_ERROR "wasmaot-wat2wasm failed on ${Wat}")
  endif()
endforeach()
# Not a module at all: text where the \0asm magic should be.
file(WRITE "${OUT_DIR}/bad-magic.wasm" "This is not a WebAssembly module.\n")
# Not a module in the text format (it is not among inputs/*.wat, which are
# assembled above): the error is at line 3, column 6.
file(WRITE "${OUT_DIR}/bad-text.wat" "(module\n  (func (result i32)\n    (i32.bogus 1)))\n")
