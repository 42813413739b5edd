# The toolchain of a cross target's runtime build (cmake/CrossTargets.cmake):
# Debian's clang-16 with --target, the target's libc and libstdc++ from the
# libc6-dev-<arch>-cross and libstdc++-12-dev-<arch>-cross packages (which
# clang finds under /usr/<triple> and /usr/lib/gcc-cross by itself), and
# lld-16: the default ld.lld is lld 14, which cannot link RISC-V objects
# assembled with relaxation.
if(NOT WASMAOT_TARGET_TRIPLE)
  message(FATAL_ERROR "CrossToolchain.cmake needs -DWASMAOT_TARGET_TRIPLE=<triple>")
endif()
# WASMAOT_CLANG_TRIPLE: how clang names it, if not so (Debian's armhf
# libraries are under arm-linux-gnueabihf). WASMAOT_CROSS_FLAGS (the target
# table's baseline CPU as compiler flags) are added by the runtime-only
# build itself (CMakeLists.txt), so that a change reaches a configured tree.
if(NOT WASMAOT_CLANG_TRIPLE)
  set(WASMAOT_CLANG_TRIPLE "${WASMAOT_TARGET_TRIPLE}")
endif()
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES WASMAOT_TARGET_TRIPLE WASMAOT_CLANG_TRIPLE
     WASMAOT_CROSS_FLAGS)

set(CMAKE_SYSTEM_NAME Linux)
string(REGEX MATCH "^[^-]+" CMAKE_SYSTEM_PROCESSOR "${WASMAOT_TARGET_TRIPLE}")
set(CMAKE_C_COMPILER clang-16)
set(CMAKE_CXX_COMPILER clang++-16)
set(CMAKE_C_COMPILER_TARGET "${WASMAOT_CLANG_TRIPLE}")
set(CMAKE_CXX_COMPILER_TARGET "${WASMAOT_CLANG_TRIPLE}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld-16")
# Libraries and headers of the target, never the build machine's.
set(CMAKE_FIND_ROOT_PATH "/usr/${WASMAOT_CLANG_TRIPLE}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
