# Compiler flags shared by every stackctl target: call stackctl_target_defaults(<target>).
function(stackctl_target_defaults target)
  # -Wconversion: every implicit narrowing (int64 → int, double → int, size_t → int ...) is
  # written out, checked where the value can be out of range (in C++ it leaves sign changes of
  # the same width alone: -Wsign-conversion is not part of it).
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                           # GCC 12 flags designated initializers that leave
                                           # members to their defaults — the idiom for our option structs.
                                           -Wno-missing-field-initializers)
  if(STACKCTL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(STACKCTL_SANITIZE)
    # -fno-sanitize-recover: any UB report ends the process, so a test cannot pass over one (the
    # CLI tests run the binary with a clean environment, where UBSAN_OPTIONS would not reach it).
    # -Wno-maybe-uninitialized: with the sanitizers GCC 12 flags libstdc++'s own <regex> and
    # <functional> internals (false positives); the plain build keeps the warning.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                             -fno-omit-frame-pointer -Wno-maybe-uninitialized)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined)
  endif()
endfunction()
