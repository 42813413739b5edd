# wasmaot_set_warnings(target): the project's warning set, fatal with WASMAOT_WERROR.
function(wasmaot_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter
                                           -Wimplicit-fallthrough)
  if(WASMAOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
