# The runtimes of the cross targets of `wasmaot compile --target`: for each,
# this project is configured again with WASMAOT_RUNTIME_ONLY and Debian's
# clang-16 for the target (cmake/CrossToolchain.cmake), into
# build/cross/<triple>, and its archives land in lib/wasmaot/<triple>, where
# the command finds them (cli/TargetRuntime.h).
#
# WASMAOT_CROSS_TARGETS lists the triples to build; "auto" (the default)
# takes each known target whose C library is installed
# (scripts/install-deps.sh installs them all).
set(WASMAOT_KNOWN_CROSS_TARGETS aarch64-linux-gnu riscv64-linux-gnu armv7-linux-gnueabihf
                                i686-linux-gnu)

# wasmaot_cross_settings(Triple): the triple Debian's clang finds the target's
# libraries by, the flags the runtime is compiled with (the target table's
# baseline, compiler/target/Targets.cpp), whether static PIEs work, and for
# the tests the bounds-check strategies the target has (its GuardPages in the
# table), whether it guarantees tail calls between any two types (its
# GuaranteedTailCalls) and its qemu-user emulator.
function(wasmaot_cross_settings Triple)
  set(Clang ${Triple})
  set(Flags "")
  set(NoPie OFF)
  set(Strategies guard explicit)
  set(TailCalls ON)
  # 32-bit glibc: 64-bit file offsets, inode numbers and times, as the
  # guest's WASI types are (without, readdir of a directory on a file system
  # with big inode numbers fails with EOVERFLOW).
  set(LargeFiles "-D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64")
  string(REGEX MATCH "^[^-]+" Arch "${Triple}")
  set(Emulator qemu-${Arch})
  if(Triple STREQUAL "armv7-linux-gnueabihf")
    # Debian's armhf libraries are under arm-linux-gnueabihf. ARM mode, whose
    # frame records the runtime's backtraces read (traps/MachineFrame.h).
    set(Clang arm-linux-gnueabihf)
    set(Flags "-march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard -marm ${LargeFiles}")
    set(Strategies explicit)
    set(TailCalls OFF)
    set(Emulator qemu-arm)
  elseif(Triple STREQUAL "i686-linux-gnu")
    set(Flags "-march=pentium4 -mfpmath=sse ${LargeFiles}")
    # lld 16's static PIEs for i386 crash in their start-up code.
    set(NoPie ON)
    set(Strategies explicit)
    set(Emulator qemu-i386)
  endif()
  set(CrossClangTriple ${Clang} PARENT_SCOPE)
  set(CrossFlags "${Flags}" PARENT_SCOPE)
  set(CrossNoPie ${NoPie} PARENT_SCOPE)
  set(CrossStrategies ${Strategies} PARENT_SCOPE)
  if(Triple STREQUAL "riscv64-linux-gnu")
    set(TailCalls OFF)
  endif()
  set(CrossTailCalls ${TailCalls} PARENT_SCOPE)
  set(CrossEmulator ${Emulator} PARENT_SCOPE)
endfunction()
set(WASMAOT_CROSS_TARGETS "auto" CACHE STRING
    "Cross targets to build runtimes for (;-list of triples, or auto)")

find_program(WASMAOT_CROSS_CLANG clang++-16)
set(Targets)
if(WASMAOT_CROSS_TARGETS STREQUAL "auto")
  if(WASMAOT_CROSS_CLANG)
    foreach(Triple IN LISTS WASMAOT_KNOWN_CROSS_TARGETS)
      wasmaot_cross_settings(${Triple})
      execute_process(COMMAND ${WASMAOT_CROSS_CLANG} --target=${CrossClangTriple}
                              -print-file-name=libc.a
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
  wasmaot_cross_settings(${Triple})
  set(LibDir "${WASMAOT_LIB_OUTPUT_DIR}/${Triple}")
  ExternalProject_Add(wasmaot-runtime-${Triple}
    SOURCE_DIR "${CMAKE_SOURCE_DIR}"
    BINARY_DIR "${CMAKE_BINARY_DIR}/cross/${Triple}"
    CMAKE_GENERATOR "${CMAKE_GENERATOR}"
    CMAKE_ARGS -DWASMAOT_RUNTIME_ONLY=ON
               -DWASMAOT_TARGET_TRIPLE=${Triple}
               -DWASMAOT_CLANG_TRIPLE=${CrossClangTriple}
               "-DWASMAOT_CROSS_FLAGS=${CrossFlags}"
               -DWASMAOT_CRT_NO_PIE=${CrossNoPie}
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
