# CLI tests of `wasmaot run`, `wasmaot compile` and `wasmaot cache`, included
# from CMakeLists.txt (which defines wasmaot_cli_test and ${Inputs}). The WASI
# behaviour of programs is tested in tests/e2e/wasi; these are about the
# command line: flags, messages and exit statuses.
set(Out "${CMAKE_CURRENT_BINARY_DIR}/out")
file(MAKE_DIRECTORY "${Out}")
# Each test that compiles uses this cache, never the user's ~/.cache.
set(Cache --cache-dir "${CMAKE_CURRENT_BINARY_DIR}/cache")
get_target_property(ExampleWasms examples WASMAOT_WASM_FILES)
list(GET ExampleWasms 0 HelloWasm)

# --- run: the command line ------------------------------------------------------
wasmaot_cli_test(run-no-module EXIT 2 STDERR "MODULE is required.*Usage:" ARGS run)
wasmaot_cli_test(run-bad-flag EXIT 2 STDERR "frobnicate"
                 ARGS run --frobnicate "${Inputs}/nothing.wasm")
wasmaot_cli_test(run-bad-opt-level EXIT 2 STDERR "opt-level|-O"
                 ARGS run -O 9 "${Inputs}/nothing.wasm")
wasmaot_cli_test(run-bad-bounds-checks EXIT 2 STDERR "bounds-checks"
                 ARGS run --bounds-checks sometimes "${Inputs}/nothing.wasm")
wasmaot_cli_test(run-dir-without-value EXIT 2 STDERR "--dir"
                 ARGS run --dir)
# What follows MODULE is the program's, even what looks like one of run's options.
wasmaot_cli_test(run-flags-after-module EXIT 0 STDOUT "^Hello from WebAssembly!\n$"
                 ARGS run ${Cache} "${HelloWasm}" --frobnicate --invoke nothing -O9)
wasmaot_cli_test(run-double-dash EXIT 0 STDOUT "^Hello from WebAssembly!\n$"
                 ARGS run ${Cache} -- "${HelloWasm}" --help)
wasmaot_cli_test(run-help EXIT 0 STDOUT "MODULE.*--dir.*--env.*--invoke.*Examples:.*Exit status:"
                 ARGS run --help)

# --- run: inputs that cannot run ---------------------------------------------------
wasmaot_cli_test(run-missing-file EXIT 1 STDERR_LINES 1
                 STDERR "no-such\\.wasm: error: cannot read file: No such file or directory"
                 ARGS run ${Cache} "${Inputs}/no-such.wasm")
wasmaot_cli_test(run-not-wasm EXIT 1 STDERR "bad-magic\\.wasm"
                 ARGS run ${Cache} "${Inputs}/bad-magic.wasm")
wasmaot_cli_test(run-invalid EXIT 1 STDERR "type-mismatch\\.wasm:0x[0-9a-f]+: invalid: type mismatch"
                 ARGS run ${Cache} "${Inputs}/type-mismatch.wasm")
wasmaot_cli_test(run-unknown-import EXIT 1 STDERR "env.*frobnicate|frobnicate.*env"
                 ARGS run ${Cache} "${Inputs}/unknown-import.wasm")
wasmaot_cli_test(run-unknown-wasi-import EXIT 1 STDERR "no_such_call"
                 ARGS run ${Cache} "${Inputs}/unknown-wasi-import.wasm")

# --- run: what the program does -----------------------------------------------------
wasmaot_cli_test(run-hello EXIT 0 STDOUT "^Hello from WebAssembly!\n$" STDERR_LINES 0
                 ARGS run ${Cache} "${HelloWasm}")
wasmaot_cli_test(run-proc-exit EXIT 7 STDERR_LINES 0 ARGS run ${Cache} "${Inputs}/exit-code.wasm")
wasmaot_cli_test(run-trap EXIT 134 STDERR "^error: wasm trap: unreachable\n"
                 ARGS run ${Cache} "${Inputs}/trap.wasm")
# Both bounds-check strategies report an access past the end the same way.
foreach(Strategy guard explicit)
  wasmaot_cli_test(run-out-of-bounds-${Strategy} EXIT 134
                   STDERR "^error: wasm trap: out of bounds memory access\n"
                   ARGS run ${Cache} --bounds-checks ${Strategy} --invoke load_past_end
                        "${Inputs}/numbers.wasm")
endforeach()

# --- run --invoke: arguments parsed by the function's types, results printed ----------
wasmaot_cli_test(invoke-i32 EXIT 0 STDOUT "^42\n$"
                 ARGS run ${Cache} --invoke add "${Inputs}/numbers.wasm" 40 2)
wasmaot_cli_test(invoke-i32-negative EXIT 0 STDOUT "^-5\n$"
                 ARGS run ${Cache} --invoke add "${Inputs}/numbers.wasm" -7 2)
wasmaot_cli_test(invoke-i64 EXIT 0 STDOUT "^-9000000000000000000\n$"
                 ARGS run ${Cache} --invoke mul64 "${Inputs}/numbers.wasm" 3000000000 -3000000000)
wasmaot_cli_test(invoke-f64 EXIT 0 STDOUT "^1.25\n$"
                 ARGS run ${Cache} --invoke half "${Inputs}/numbers.wasm" 2.5)
wasmaot_cli_test(invoke-f32 EXIT 0 STDOUT "^0.333333343\n$"
                 ARGS run ${Cache} --invoke third32 "${Inputs}/numbers.wasm" 1)
wasmaot_cli_test(invoke-two-results EXIT 0 STDOUT "^5\n-5\n$"
                 ARGS run ${Cache} --invoke pair "${Inputs}/numbers.wasm" 5)
wasmaot_cli_test(invoke-no-results EXIT 0 STDOUT "^$" STDERR_LINES 0
                 ARGS run ${Cache} --invoke nothing "${Inputs}/numbers.wasm")
wasmaot_cli_test(invoke-trap EXIT 134 STDERR "^error: wasm trap: integer divide by zero\n"
                 ARGS run ${Cache} --invoke divide "${Inputs}/numbers.wasm" 1 0)
wasmaot_cli_test(invoke-bad-argument EXIT 1 STDERR "'x'.*not a valid i32"
                 ARGS run ${Cache} --invoke add "${Inputs}/numbers.wasm" x 2)
wasmaot_cli_test(invoke-i32-overflow EXIT 1 STDERR "not a valid i32"
                 ARGS run ${Cache} --invoke add "${Inputs}/numbers.wasm" 4294967296 2)
wasmaot_cli_test(invoke-argument-count EXIT 1 STDERR "\"add\" takes 2 arguments, 1 given"
                 ARGS run ${Cache} --invoke add "${Inputs}/numbers.wasm" 1)
wasmaot_cli_test(invoke-missing-export EXIT 1 STDERR "exports no function \"nope\""
                 ARGS run ${Cache} --invoke nope "${Inputs}/numbers.wasm")
wasmaot_cli_test(invoke-not-a-function EXIT 1 STDERR "exports no function \"a_global\""
                 ARGS run ${Cache} --invoke a_global "${Inputs}/numbers.wasm")

# --- compile ------------------------------------------------------------------------
wasmaot_cli_test(compile-no-module EXIT 2 STDERR "MODULE is required" ARGS compile -o "${Out}/x")
wasmaot_cli_test(compile-bad-emit EXIT 2 STDERR "emit"
                 ARGS compile "${Inputs}/nothing.wasm" --emit dll -o "${Out}/x")
wasmaot_cli_test(compile-dir-not-exe EXIT 2 STDERR "executables only"
                 ARGS compile "${Inputs}/nothing.wasm" --emit obj --dir . -o "${Out}/x.o")
wasmaot_cli_test(compile-missing-file EXIT 1
                 STDERR "no-such\\.wasm: error: cannot read file: No such file or directory"
                 ARGS compile ${Cache} "${Inputs}/no-such.wasm" -o "${Out}/x")
wasmaot_cli_test(compile-not-wasm EXIT 1 STDERR "bad-magic\\.wasm"
                 ARGS compile ${Cache} "${Inputs}/bad-magic.wasm" -o "${Out}/x")
wasmaot_cli_test(compile-invalid EXIT 1 STDERR "invalid: type mismatch"
                 ARGS compile ${Cache} "${Inputs}/type-mismatch.wasm" -o "${Out}/x")
wasmaot_cli_test(compile-help EXIT 0 STDOUT "--cpu.*--emit.*--dir.*--env.*Examples:.*Exit status:"
                 ARGS compile --help)

# Each kind of output, checked by what it starts with or contains.
wasmaot_cli_test(compile-llvm-ir EXIT 0 FILE "${Out}/numbers.ll" FILE_MATCHES "define[^\n]*"
                 ARGS compile ${Cache} "${Inputs}/numbers.wasm" --emit llvm-ir -o "${Out}/numbers.ll")
wasmaot_cli_test(compile-asm EXIT 0 FILE "${Out}/numbers.s" FILE_MATCHES "\\.text"
                 ARGS compile ${Cache} "${Inputs}/numbers.wasm" --emit asm -o "${Out}/numbers.s")
foreach(Kind obj shared exe)
  wasmaot_cli_test(compile-${Kind} EXIT 0 FILE "${Out}/numbers.${Kind}" FILE_MAGIC "7f454c46"
                   ARGS compile ${Cache} "${Inputs}/numbers.wasm" --emit ${Kind}
                        -o "${Out}/numbers.${Kind}")
endforeach()

# Compiled executables behave as `run` does: exit status and traps. (Imports
# nobody provides are refused when compiling: Diagnostics.cmake.)
foreach(Name hello exit-code trap out-of-bounds)
  set(Wasm "${Inputs}/${Name}.wasm")
  if(Name STREQUAL "hello")
    set(Wasm "${HelloWasm}")
  endif()
  wasmaot_cli_test(compile-exe-${Name} EXIT 0 FILE "${Out}/${Name}" FILE_MAGIC "7f454c46"
                   SETUP cli-exe-${Name} ARGS compile ${Cache} "${Wasm}" -o "${Out}/${Name}")
endforeach()
wasmaot_cli_test(exe-hello EXIT 0 STDOUT "^Hello from WebAssembly!\n$" STDERR_LINES 0
                 REQUIRES cli-exe-hello PROGRAM "${Out}/hello" ARGS)
wasmaot_cli_test(exe-proc-exit EXIT 7 STDERR_LINES 0 REQUIRES cli-exe-exit-code
                 PROGRAM "${Out}/exit-code" ARGS)
wasmaot_cli_test(exe-trap EXIT 134 STDERR "^error: wasm trap: unreachable\n"
                 REQUIRES cli-exe-trap PROGRAM "${Out}/trap" ARGS)
# A guard-page fault in the executable's code is a trap (its code section is
# registered as compiled code), with a backtrace.
wasmaot_cli_test(exe-out-of-bounds EXIT 134
                 STDERR "^error: wasm trap: out of bounds memory access\nwasm backtrace:\n  0: \\$store_past_end\n"
                 REQUIRES cli-exe-out-of-bounds PROGRAM "${Out}/out-of-bounds" ARGS)

# --- cache -------------------------------------------------------------------------
# A cache of their own, filled by one run, then looked at, pruned and cleaned
# in that order (fixtures and AFTER keep the order under ctest -j).
set(OwnCache "${CMAKE_CURRENT_BINARY_DIR}/cache-own")
wasmaot_cli_test(cache-dir EXIT 0 STDOUT "^${OwnCache}\n$" ARGS cache dir --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-dir-from-env EXIT 0 STDOUT "^${OwnCache}\n$"
                 ENV "WASMAOT_CACHE_DIR=${OwnCache}" ARGS cache dir)
wasmaot_cli_test(cache-fill EXIT 0 SETUP cli-cache-filled
                 ARGS run --cache-dir "${OwnCache}" "${Inputs}/nothing.wasm")
wasmaot_cli_test(cache-stats EXIT 0 STDOUT "directory: [^\n]*cache-own\nentries: [1-9][0-9]*\nsize: "
                 REQUIRES cli-cache-filled ARGS cache stats --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-prune EXIT 0 STDOUT "^removed [1-9][0-9]* entries\n$"
                 REQUIRES cli-cache-filled SETUP cli-cache-pruned AFTER cache-stats
                 ARGS cache prune --max-size 0 --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-stats-pruned EXIT 0 STDOUT "entries: 0\n"
                 REQUIRES cli-cache-pruned ARGS cache stats --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-refill EXIT 0 SETUP cli-cache-refilled AFTER cache-stats-pruned
                 ARGS run --cache-dir "${OwnCache}" "${Inputs}/nothing.wasm")
wasmaot_cli_test(cache-clean EXIT 0 STDERR_LINES 0 REQUIRES cli-cache-refilled
                 SETUP cli-cache-cleaned ARGS cache clean --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-stats-cleaned EXIT 0 STDOUT "entries: 0\n"
                 REQUIRES cli-cache-cleaned ARGS cache stats --cache-dir "${OwnCache}")
# --no-cache neither reads nor writes the cache.
set(UnusedCache "${CMAKE_CURRENT_BINARY_DIR}/cache-unused")
wasmaot_cli_test(run-no-cache EXIT 0 SETUP cli-no-cache
                 ARGS run --no-cache --cache-dir "${UnusedCache}" "${Inputs}/nothing.wasm")
wasmaot_cli_test(cache-stats-no-cache EXIT 0 STDOUT "entries: 0\n"
                 REQUIRES cli-no-cache ARGS cache stats --cache-dir "${UnusedCache}")
wasmaot_cli_test(cache-prune-bad-size EXIT 2 STDERR "not a size"
                 ARGS cache prune --max-size lots --cache-dir "${OwnCache}")
wasmaot_cli_test(cache-no-subcommand EXIT 2 STDERR "subcommand" ARGS cache)

# Eight processes racing on a cold entry: all run it, one compiles.
add_test(NAME cli.cold-cache-race
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/ColdCacheRace.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/exit-code.wasm")
set_tests_properties(cli.cold-cache-race PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# An entry that passes its checksum but cannot be loaded is replaced.
add_test(NAME cli.unusable-cache-entry
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/UnusableCacheEntry.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/exit-code.wasm")
set_tests_properties(cli.unusable-cache-entry PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# An installation works on its own.
add_test(NAME cli.install
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/Install.sh" "${CMAKE_BINARY_DIR}"
                 "${Inputs}/exit-code.wasm")
set_tests_properties(cli.install PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# $WASMAOT_CACHE_MAX_SIZE bounds the cache after every store; the entry just
# stored stays even when it alone is over the limit.
set(LimitCache "${CMAKE_CURRENT_BINARY_DIR}/cache-limit")
wasmaot_cli_test(cache-limit-clean EXIT 0 SETUP cli-limit-0
                 ARGS cache clean --cache-dir "${LimitCache}")
wasmaot_cli_test(cache-limit-first EXIT 7 STDERR_LINES 0 REQUIRES cli-limit-0 SETUP cli-limit-1
                 ENV WASMAOT_CACHE_MAX_SIZE=1
                 ARGS run --cache-dir "${LimitCache}" "${Inputs}/exit-code.wasm")
wasmaot_cli_test(cache-limit-second EXIT 0 STDERR_LINES 0 REQUIRES cli-limit-1
                 SETUP cli-limit-2 ENV WASMAOT_CACHE_MAX_SIZE=1
                 ARGS run --cache-dir "${LimitCache}" "${Inputs}/nothing.wasm")
wasmaot_cli_test(cache-limit-stats EXIT 0 STDOUT "entries: 1\n" REQUIRES cli-limit-2
                 ARGS cache stats --cache-dir "${LimitCache}")
wasmaot_cli_test(cache-limit-bad EXIT 1 STDERR "WASMAOT_CACHE_MAX_SIZE='big' is not a size"
                 ENV WASMAOT_CACHE_MAX_SIZE=big
                 ARGS run --cache-dir "${LimitCache}" "${Inputs}/nothing.wasm")
