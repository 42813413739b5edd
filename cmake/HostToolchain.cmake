# What linking a native executable for the host needs besides wasmaot's own
# objects: the start files of a static position-independent executable and
# the C++, C and compiler support libraries as archives (executables are
# linked statically: they start faster and depend on no shared library).
# Asked of the C++ compiler that builds wasmaot, once, at configure time.
function(wasmaot_host_file Var Name)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${Name}
                  OUTPUT_VARIABLE Path OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(Path "${Path}" ABSOLUTE)
  if(NOT EXISTS "${Path}")
    message(FATAL_ERROR "${Name} not found (${CMAKE_CXX_COMPILER} -print-file-name); "
                        "linking executables needs libc6-dev and libstdc++-dev")
  endif()
  set(${Var} "${Path}" PARENT_SCOPE)
endfunction()

wasmaot_host_file(WASMAOT_RCRT1 rcrt1.o)
wasmaot_host_file(WASMAOT_CRTI crti.o)
wasmaot_host_file(WASMAOT_CRTBEGIN crtbeginS.o)
wasmaot_host_file(WASMAOT_CRTEND crtendS.o)
wasmaot_host_file(WASMAOT_CRTN crtn.o)
wasmaot_host_file(WASMAOT_LIBSTDCXX libstdc++.a)
wasmaot_host_file(WASMAOT_LIBGCC libgcc.a)
wasmaot_host_file(WASMAOT_LIBGCC_EH libgcc_eh.a)
wasmaot_host_file(WASMAOT_LIBC libc.a)
wasmaot_host_file(WASMAOT_LIBM libm.a)
