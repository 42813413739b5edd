# What linking a native executable needs besides wasmaot's own objects: the
# start files and the C++, C and compiler support libraries, all as archives
# (executables are linked statically: they start faster and depend on no
# shared library). Asked of the C++ compiler of this build, once, at configure
# time: the host's g++ for the host, clang-16 --target for a cross target's
# runtime build (cmake/CrossTargets.cmake).
#
# Sets WASMAOT_CRT_PIE (whether a static position-independent executable can
# be made: glibc's rcrt1.o exists) and the lists WASMAOT_CRT_START,
# WASMAOT_CRT_LIBS and WASMAOT_CRT_END, in link order.

# wasmaot_c_runtime_file(Var Name [OPTIONAL]): the path of the C runtime's
# file Name, or a fatal error naming the packages (OPTIONAL: Var is empty).
function(wasmaot_c_runtime_file Var Name)
  set(Flags)
  if(CMAKE_CXX_COMPILER_TARGET)
    set(Flags "--target=${CMAKE_CXX_COMPILER_TARGET}")
  endif()
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} ${Flags} -print-file-name=${Name}
                  OUTPUT_VARIABLE Path OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(Path "${Path}" ABSOLUTE)
  if(EXISTS "${Path}")
    set(${Var} "${Path}" PARENT_SCOPE)
  elseif("${ARGN}" STREQUAL "OPTIONAL")
    set(${Var} "" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "${Name} not found (${CMAKE_CXX_COMPILER} ${Flags} -print-file-name); "
                        "linking executables needs libc6-dev and libstdc++-12-dev (for a cross "
                        "target: libc6-dev-<arch>-cross and libstdc++-12-dev-<arch>-cross)")
  endif()
endfunction()

# Debian's riscv64 and armhf glibc have no static-PIE start file, and
# WASMAOT_CRT_NO_PIE says one does not work: executables are then static and
# position-dependent.
wasmaot_c_runtime_file(WASMAOT_RCRT1 rcrt1.o OPTIONAL)
if(WASMAOT_CRT_NO_PIE)
  set(WASMAOT_RCRT1 "")
endif()
if(WASMAOT_RCRT1)
  set(WASMAOT_CRT_PIE ON)
  set(StartNames crti.o crtbeginS.o)
  set(EndNames crtendS.o crtn.o)
else()
  set(WASMAOT_CRT_PIE OFF)
  set(StartNames crt1.o crti.o crtbeginT.o)
  set(EndNames crtend.o crtn.o)
endif()
set(WASMAOT_CRT_START ${WASMAOT_RCRT1})
foreach(Name IN LISTS StartNames)
  wasmaot_c_runtime_file(Path ${Name})
  list(APPEND WASMAOT_CRT_START "${Path}")
endforeach()
set(WASMAOT_CRT_LIBS)
foreach(Name libstdc++.a libm.a libc.a libgcc.a libgcc_eh.a)
  wasmaot_c_runtime_file(Path ${Name})
  list(APPEND WASMAOT_CRT_LIBS "${Path}")
endforeach()
set(WASMAOT_CRT_END)
foreach(Name IN LISTS EndNames)
  wasmaot_c_runtime_file(Path ${Name})
  list(APPEND WASMAOT_CRT_END "${Path}")
endforeach()

# wasmaot_write_c_runtime(Path): writes the lists above where the compiler
# reads them when it links an executable (compiler/link/CRuntime.h).
function(wasmaot_write_c_runtime Path)
  set(Text "# The C runtime that wasmaot links executables with (cmake/CRuntime.cmake).\n")
  if(WASMAOT_CRT_PIE)
    string(APPEND Text "pie yes\n")
  else()
    string(APPEND Text "pie no\n")
  endif()
  foreach(Kind start libs end)
    string(TOUPPER "${Kind}" Upper)
    foreach(File IN LISTS WASMAOT_CRT_${Upper})
      string(APPEND Text "${Kind} ${File}\n")
    endforeach()
  endforeach()
  file(WRITE "${Path}" "${Text}")
endfunction()
