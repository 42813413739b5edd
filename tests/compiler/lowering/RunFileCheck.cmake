# cmake -DWAT2WASM=<wasmaot-wat2wasm> -DLOWER=... -DFILECHECK=... -DTEST=x.wat -DOUT=dir [-DARGS=...]
# -DPREFIX=CHECK: assembles TEST, lowers it and checks the IR against TEST's
# PREFIX lines.
get_filename_component(Name "${TEST}" NAME_WE)
set(Wasm "${OUT}/${Name}.wasm")
execute_process(COMMAND "${WAT2WASM}" "${TEST}" -o "${Wasm}" RESULT_VARIABLE Rc)
if(NOT Rc EQUAL 0)
  message(FATAL_ERROR "wasmaot-wat2wasm failed on ${TEST}")
endif()
separate_arguments(LowerArgs UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${LOWER}" ${LowerArgs} "${Wasm}"
                OUTPUT_VARIABLE IR RESULT_VARIABLE Rc)
if(NOT Rc EQUAL 0)
  message(FATAL_ERROR "wasmaot-lower failed on ${Wasm}")
endif()
file(WRITE "${OUT}/${Name}.${PREFIX}.ll" "${IR}")
execute_process(COMMAND "${FILECHECK}" "--check-prefix=${PREFIX}" "${TEST}"
                INPUT_FILE "${OUT}/${Name}.${PREFIX}.ll" RESULT_VARIABLE Rc)
if(NOT Rc EQUAL 0)
  message(FATAL_ERROR "FileCheck failed: ${TEST} (${PREFIX}) against ${OUT}/${Name}.${PREFIX}.ll")
endif()
