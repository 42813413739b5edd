# The runtimes of the cross targets of `wasmaot compile --target`: for each,
# this project is configured again with WASMAOT_RUNTIME_ONLY and Debian's
# clang-16 for the target (cmake/CrossToolchain.cmake), into
# build/cross/<triple>, and its archives land in lib/wasmaot/<triple>, where
# the command finds them (cli/TargetRuntime.h).
#
# WASMAOT_CROSS_TARGETS lists the triples to build; "auto" (the default)
# takes each known target whose C library is installed
# (scripts/install-deps.sh installs them all).
set(WASMAOT_KNOWN_CROSS_TARGETS aarch64-linux-gnu riscv64-linux-gnu)
set(WASMAOT_CROSS_TARGETS "auto" CACHE STRING
    "Cross targets to build runtimes for (;-list of triples, or auto)")

find_program(WASMAOT_CROSS_CLANG clang++-16)
set(Targets)
if(WASMAOT_CROSS_TARGETS STREQUAL "auto")
  if(WASMAOT_CROSS_CLANG)
    foreach(Triple IN LISTS WASMAOT_KNOWN_CROSS_TARGETS)
      execute_process(COMMAND ${WASMAOT_CROSS_CLANG} --target=${Triple} -print-file-name=libc.a
                      OUTPUT_VARIABLE LibC OUTPUT_STRIP_TRAILING_WHITESPACE)
      get_filename_component(LibC "${LibC}" ABSOLUTE)
      if(EXISTS "${LibC}")
        list(APPEND Targets ${Triple})
      else()
        message(STATUS "No runtime for ${Triple}: its C library is not installed "
                       "(scripts/install-deps.sh)")
      endif()
    endforeach()
  endif()
else()
  set(Targets ${WASMAOT_CROSS_TARGETS})
endif()
set(WASMAOT_BUILT_CROSS_TARGETS ${Targets})

include(ExternalProject)
foreach(Triple IN LISTS Targets)
  if(NOT Triple IN_LIST WASMAOT_KNOWN_CROSS_TARGETS)
    message(FATAL_ERROR "WASMAOT_CROSS_TARGETS: unknown target '${Triple}' "
                        "(known: ${WASMAOT_KNOWN_CROSS_TARGETS})")
  endif()
  message(STATUS "Building the runtime for ${Triple}")
  set(LibDir "${WASMAOT_LIB_OUTPUT_DIR}/${Triple}")
  ExternalProject_Add(wasmaot-runtime-${Triple}
    SOURCE_DIR "${CMAKE_SOURCE_DIR}"
    BINARY_DIR "${CMAKE_BINARY_DIR}/cross/${Triple}"
    CMAKE_GENERATOR "${CMAKE_GENERATOR}"
    CMAKE_ARGS -DWASMAOT_RUNTIME_ONLY=ON
               -DWASMAOT_TARGET_TRIPLE=${Triple}
               -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/CrossToolchain.cmake
               -DCMAKE_BUILD_TYPE=Release
               -DWASMAOT_WERROR=${WASMAOT_WERROR}
               -DWASMAOT_LIB_OUTPUT_DIR=${LibDir}
               -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE_PROGRAM}
               -DCMAKE_C_COMPILER_LAUNCHER=${CCACHE_PROGRAM}
    INSTALL_COMMAND ""
    # Ninja inside decides what is out of date.
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
  install(DIRECTORY "${LibDir}" DESTINATION lib/wasmaot FILES_MATCHING
          PATTERN "*.a" PATTERN "crt.txt")
endforeach()
