# Sanitizer builds: -DWASMAOT_SANITIZE=address,undefined instruments every target.
if(WASMAOT_SANITIZE)
  add_compile_options(-fsanitize=${WASMAOT_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${WASMAOT_SANITIZE})
endif()
