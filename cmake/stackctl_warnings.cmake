# Compiler flags shared by every stackctl target: call stackctl_target_defaults(<target>).
function(stackctl_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                           # GCC 12 flags designated initializers that leave
                                           # members to their defaults — the idiom for our option structs.
                                           -Wno-missing-field-initializers)
  if(STACKCTL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(STACKCTL_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
