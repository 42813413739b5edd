# Sanitizer builds: -DWASMAOT_SANITIZE=address,undefined instruments every target.
if(WASMAOT_SANITIZE)
  add_compile_options(-fsanitize=${WASMAOT_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${WASMAOT_SANITIZE})
endif()
# Fuzzing builds: -DWASMAOT_FUZZ=ON with clang instruments every target for
# libFuzzer's coverage; the fuzz targets link its runtime (tests/fuzz).
if(WASMAOT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "WASMAOT_FUZZ needs clang (e.g. CXX=clang++-16): libFuzzer is clang's")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
