# CLI tests of what a new user meets first, included from CMakeLists.txt (which
# defines wasmaot_cli_test, ${Inputs}, ${Out}, ${Cache} and ${HelloWasm}).

# --- subcommands and help ---------------------------------------------------------
set(Subcommands "run, compile, validate, print, cache, targets and help")
wasmaot_cli_test(unknown-subcommand EXIT 2
                 STDERR "^wasmaot: error: unknown subcommand 'foo'\nwasmaot has the subcommands ${Subcommands}\\."
                 ARGS foo)
wasmaot_cli_test(module-without-subcommand EXIT 2
                 STDERR "unknown subcommand 'app\\.wasm'.*To run the module: wasmaot run app\\.wasm"
                 ARGS app.wasm)
wasmaot_cli_test(no-subcommand EXIT 2 STDERR "^wasmaot: error: 'wasmaot' needs a subcommand: ${Subcommands}"
                 ARGS)
wasmaot_cli_test(unknown-cache-subcommand EXIT 2
                 STDERR "unknown subcommand 'bogus' of 'wasmaot cache'\nwasmaot cache has the subcommands dir, stats, clean and prune"
                 ARGS cache bogus)
wasmaot_cli_test(unknown-option-before-subcommand EXIT 2
                 STDERR "^wasmaot: error: unknown option '--bogus' before the subcommand"
                 ARGS --bogus run)
wasmaot_cli_test(help-command EXIT 0 STDOUT "^wasmaot: an ahead-of-time.*Subcommands:.*run.*compile" ARGS help)
wasmaot_cli_test(help-subcommand EXIT 0 STDOUT "Usage: wasmaot run \\[OPTIONS\\] MODULE.*--dir"
                 ARGS help run)
wasmaot_cli_test(help-nested EXIT 0 STDOUT "Usage: wasmaot cache prune.*--max-size"
                 ARGS help cache prune)
wasmaot_cli_test(help-unknown EXIT 2 STDERR "unknown subcommand 'bogus'" ARGS help bogus)
wasmaot_cli_test(version-short EXIT 0 STDOUT "^wasmaot [0-9]+\\.[0-9]+\\.[0-9]+\n$" ARGS -V)

# --- -v: a log on stderr, never on the program's stdout -----------------------------
set(VerboseCache "${CMAKE_CURRENT_BINARY_DIR}/cache-verbose")
wasmaot_cli_test(verbose-cache-empty EXIT 0 SETUP cli-verbose-empty
                 ARGS cache clean --cache-dir "${VerboseCache}")
wasmaot_cli_test(verbose-miss EXIT 0 STDOUT "^Hello from WebAssembly!\n$"
                 STDERR "debug: cache key [0-9a-f]+ [^\n]*\ndebug: cache miss: compiling [^\n]*\ndebug: compiled [^\n]*: decode [0-9.]+ ms, validate [0-9.]+ ms, lower [0-9.]+ ms, optimize [0-9.]+ ms, codegen [0-9.]+ ms, link [0-9.]+ ms; [0-9]+ functions, [0-9]+ instructions in 1 part on 1 thread\n"
                 REQUIRES cli-verbose-empty SETUP cli-verbose-filled
                 ARGS -v run --cache-dir "${VerboseCache}" "${HelloWasm}")
wasmaot_cli_test(verbose-hit EXIT 0 STDOUT "^Hello from WebAssembly!\n$"
                 STDERR "debug: cache key [0-9a-f]+ [^\n]*\ndebug: cache hit: " NOT_STDERR "cache miss"
                 REQUIRES cli-verbose-filled ARGS run -v --cache-dir "${VerboseCache}" "${HelloWasm}")
wasmaot_cli_test(verbose-compile EXIT 0 FILE "${Out}/verbose.o"
                 STDERR "debug: compiled [^\n]*: decode .* link [0-9.]+ ms"
                 ARGS -v compile --no-cache --emit obj "${Inputs}/numbers.wasm" -o "${Out}/verbose.o")

# --- code for another CPU: reported as that, never recompiled as "damaged" ------------
# knl (Xeon Phi) implies AVX-512ER and PF, which no other x86 CPU has.
set(CpuCache "${CMAKE_CURRENT_BINARY_DIR}/cache-cpu")
set(Lacks "nothing\\.wasm: cannot run it here: it was built for CPU knl and uses features this CPU lacks: [^\n]*avx512er")
wasmaot_cli_test(cpu-lacking EXIT 1 STDERR_LINES 1 STDERR "^wasmaot: error: [^\n]*${Lacks}"
                 SETUP cli-cpu-lacking ARGS run --cpu knl --cache-dir "${CpuCache}" "${Inputs}/nothing.wasm")
wasmaot_cli_test(cpu-lacking-again EXIT 1 STDERR "${Lacks}" NOT_STDERR "damaged|cache miss"
                 REQUIRES cli-cpu-lacking
                 ARGS -v run --cpu knl --cache-dir "${CpuCache}" "${Inputs}/nothing.wasm")
# --cpu native code runs on the machine that built it, as run and as an executable.
wasmaot_cli_test(cpu-native-run EXIT 0 STDOUT "^Hello from WebAssembly!\n$"
                 ARGS run --cpu native ${Cache} "${HelloWasm}")
wasmaot_cli_test(cpu-native-compile EXIT 0 FILE "${Out}/hello-native" SETUP cli-exe-native
                 ARGS compile --cpu native ${Cache} "${HelloWasm}" -o "${Out}/hello-native")
wasmaot_cli_test(cpu-native-exe EXIT 0 STDOUT "^Hello from WebAssembly!\n$" REQUIRES cli-exe-native
                 PROGRAM "${Out}/hello-native" ARGS)

# --- imports ------------------------------------------------------------------------
set(FdWrite "\"wasi_snapshot_preview1\" \"fd_write\"")
set(Signatures "the module imports \\(func \\(param i32\\) \\(result i32\\)\\), but [^\n]*\\(func \\(param i32 i32 i32 i32\\) \\(result i32\\)\\)")
wasmaot_cli_test(run-wrong-import-type EXIT 1
                 STDERR "incompatible import type ${FdWrite}: ${Signatures}\n$" NOT_STDERR "provides"
                 ARGS run ${Cache} "${Inputs}/wrong-import-type.wasm")
wasmaot_cli_test(run-unknown-import-hint EXIT 1
                 STDERR "unknown import \"env\" \"frobnicate\" \\(wasmaot provides only the module wasi_snapshot_preview1"
                 ARGS run ${Cache} "${Inputs}/unknown-import.wasm")
wasmaot_cli_test(run-unknown-wasi-import-hint EXIT 1
                 STDERR "\"no_such_call\" \\(wasmaot does not implement it\\)" NOT_STDERR "provides"
                 ARGS run ${Cache} "${Inputs}/unknown-wasi-import.wasm")
wasmaot_cli_test(run-allow-unknown-imports EXIT 0 STDERR_LINES 0
                 ARGS run --allow-unknown-imports ${Cache} "${Inputs}/unused-unknown-import.wasm")
wasmaot_cli_test(run-unknown-import-called EXIT 134
                 STDERR "^error: wasm trap: call to an unknown import\nwasm backtrace:\n  0: func\\[1\\] \\(export \"_start\"\\)\n$"
                 ARGS run --trap-unknown-imports ${Cache} "${Inputs}/unknown-import.wasm")
# compile refuses what an executable could never instantiate.
wasmaot_cli_test(compile-unknown-import EXIT 1 STDERR_LINES 1
                 STDERR "unknown-import\\.wasm:0x[0-9a-f]+: unlinkable: unknown import \"env\" \"frobnicate\" \\(a function\\): .*--allow-unknown-imports"
                 ARGS compile ${Cache} "${Inputs}/unknown-import.wasm" -o "${Out}/unknown-import")
wasmaot_cli_test(compile-wrong-import-type EXIT 1
                 STDERR "wrong-import-type\\.wasm:0x[0-9a-f]+: unlinkable: incompatible import type ${FdWrite}: ${Signatures}"
                 ARGS compile ${Cache} "${Inputs}/wrong-import-type.wasm" -o "${Out}/wrong-import-type")
wasmaot_cli_test(compile-allow-unknown-imports EXIT 0 FILE "${Out}/unknown-import-allowed"
                 SETUP cli-exe-unknown-import
                 ARGS compile --allow-unknown-imports ${Cache} "${Inputs}/unknown-import.wasm"
                      -o "${Out}/unknown-import-allowed")
wasmaot_cli_test(exe-unknown-import-called EXIT 134
                 STDERR "^error: wasm trap: call to an unknown import\nwasm backtrace:\n  0: func\\[1\\]"
                 REQUIRES cli-exe-unknown-import PROGRAM "${Out}/unknown-import-allowed" ARGS)
wasmaot_cli_test(compile-allow-unknown-imports-obj EXIT 2 STDERR "executables only"
                 ARGS compile --allow-unknown-imports --emit obj "${Inputs}/unknown-import.wasm"
                      -o "${Out}/unknown-import.o")

# --- text-format errors point at line:column -------------------------------------------
foreach(Command validate run compile)
  wasmaot_cli_test(text-error-${Command} EXIT 1 STDERR_LINES 1
                   STDERR "^[^\n]*bad-text\\.wat:3:6: malformed: unknown operator i32\\.bogus"
                   ARGS ${Command} "${Inputs}/bad-text.wat")
endforeach()

# --- sizes in the usual spellings -----------------------------------------------------
foreach(Size 10k 10K 10KiB 10kb 1M 2MiB 1G)
  wasmaot_cli_test(size-${Size} EXIT 0 STDOUT "^removed [0-9]+ entries\n$"
                   ARGS cache prune --max-size ${Size} --cache-dir "${CMAKE_CURRENT_BINARY_DIR}/cache-sizes")
endforeach()
wasmaot_cli_test(size-bad EXIT 2 STDERR "--max-size '10Q' is not a size"
                 ARGS cache prune --max-size 10Q --cache-dir "${CMAKE_CURRENT_BINARY_DIR}/cache-sizes")
wasmaot_cli_test(size-env EXIT 0 STDOUT "^removed"
                 ENV "WASMAOT_CACHE_MAX_SIZE=512KiB"
                 ARGS cache prune --cache-dir "${CMAKE_CURRENT_BINARY_DIR}/cache-sizes")

# --- no temporary files left behind ------------------------------------------------------
add_test(NAME cli.no-temporary-files
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/NoTemporaryFiles.sh" $<TARGET_FILE:wasmaot>
                 "${HelloWasm}" "${Inputs}/trap.wasm")
set_tests_properties(cli.no-temporary-files PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# --- backtraces: inlined frames, details, deep recursion ---------------------------------
# The text front end puts backtrace.wat's $ids into the name section: frames
# are $inner and $middle; the function without an id is func[N], an export's
# with its name.
set(Inlined "wasm backtrace:\n  0: \\$inner\n  1: \\$middle\n  2: func\\[3\\] \\(export \"_start\"\\)\n$")
wasmaot_cli_test(backtrace-inlined EXIT 134
                 STDERR "^error: wasm trap: integer divide by zero\n${Inlined}"
                 ARGS run ${Cache} "${Inputs}/backtrace.wasm")
set(Detailed "  0: \\$inner, at 0x[0-9a-f]+, inlined\n  1: \\$middle, at 0x[0-9a-f]+, inlined\n  2: func\\[3\\] \\(export \"_start\"\\), at 0x[0-9a-f]+\n$")
wasmaot_cli_test(backtrace-details-env EXIT 134 STDERR "${Detailed}"
                 ENV WASMAOT_BACKTRACE_DETAILS=1 ARGS run ${Cache} "${Inputs}/backtrace.wasm")
wasmaot_cli_test(backtrace-details-verbose EXIT 134 STDERR "${Detailed}"
                 ARGS run -v ${Cache} "${Inputs}/backtrace.wasm")
wasmaot_cli_test(backtrace-compile EXIT 0 FILE "${Out}/backtrace" SETUP cli-exe-backtrace
                 ARGS compile ${Cache} "${Inputs}/backtrace.wasm" -o "${Out}/backtrace")
wasmaot_cli_test(backtrace-exe EXIT 134 STDERR "^error: wasm trap: integer divide by zero\n${Inlined}"
                 REQUIRES cli-exe-backtrace PROGRAM "${Out}/backtrace" ARGS)
wasmaot_cli_test(backtrace-exe-details EXIT 134 STDERR "${Detailed}" ENV WASMAOT_BACKTRACE_DETAILS=1
                 REQUIRES cli-exe-backtrace PROGRAM "${Out}/backtrace" ARGS)
# Unbounded recursion: the innermost frames, then how many more there were.
wasmaot_cli_test(backtrace-deep EXIT 134
                 STDERR "^error: wasm trap: call stack exhausted\nwasm backtrace:\n  0: \\$recurse\n.*  63: \\$recurse\n  … [1-9][0-9]* more frames\n$"
                 ARGS run ${Cache} --invoke deep "${Inputs}/backtrace.wasm")

# --- where compile -o writes: stdout, devices and FIFOs in place, through symlinks -------
add_test(NAME cli.output-paths
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/OutputPaths.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/numbers.wasm")
set_tests_properties(cli.output-paths PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# --- executables link only what the program can reach -------------------------------------
add_test(NAME cli.executable-contents
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/ExecutableContents.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/nothing.wasm")
set_tests_properties(cli.executable-contents PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# --- compiling in parts: the same bytes whatever -j, --jobs checked ----------------------
add_test(NAME cli.parallel-determinism
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/ParallelDeterminism.sh" $<TARGET_FILE:wasmaot>)
set_tests_properties(cli.parallel-determinism PROPERTIES LABELS cli)
wasmaot_cli_test(jobs-bad EXIT 2 STDERR "--jobs"
                 ARGS compile -j many "${Inputs}/nothing.wasm")

# --- memory images: mapped by run, copied by executables; module digests remembered ------
add_test(NAME cli.memory-image
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/MemoryImage.sh" $<TARGET_FILE:wasmaot>
                 $<TARGET_FILE:wasmaot-wat2wasm>)
set_tests_properties(cli.memory-image PROPERTIES LABELS cli)

# --- the wasm stack: bounded whatever ulimit -s says, configurable ------------------------
add_test(NAME cli.stack-limits
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/StackLimits.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/recurse.wasm")
set_tests_properties(cli.stack-limits PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)
wasmaot_cli_test(max-wasm-stack-bad EXIT 2 STDERR "--max-wasm-stack '1' is not a size of at least 64K"
                 ARGS run --max-wasm-stack 1 "${Inputs}/nothing.wasm")

# --- --max-memory: memory.grow fails past it, a bigger initial memory is refused -----------
wasmaot_cli_test(max-memory-default EXIT 0 STDOUT "^1000\n$"
                 ARGS run ${Cache} --invoke grow_all "${Inputs}/grow.wasm")
foreach(Bounds guard explicit)
  wasmaot_cli_test(max-memory-grow-${Bounds} EXIT 0 STDOUT "^16\n$"
                   ARGS run ${Cache} --bounds-checks ${Bounds} --max-memory 1M --invoke grow_all
                        "${Inputs}/grow.wasm")
endforeach()
wasmaot_cli_test(max-memory-initial EXIT 1
                 STDERR "cannot instantiate .*big-memory\\.wasm: its memory starts with 32 pages \\(2097152 bytes\\), more than the memory limit of 1048576 bytes allows"
                 ARGS run ${Cache} --max-memory 1MiB "${Inputs}/big-memory.wasm")
wasmaot_cli_test(max-memory-compile EXIT 0 FILE "${Out}/big-memory" SETUP cli-exe-big-memory
                 ARGS compile ${Cache} --max-memory 1M "${Inputs}/big-memory.wasm" -o "${Out}/big-memory")
wasmaot_cli_test(max-memory-exe EXIT 1 STDERR "more than the memory limit of 1048576 bytes allows"
                 REQUIRES cli-exe-big-memory PROGRAM "${Out}/big-memory" ARGS)
wasmaot_cli_test(max-memory-bad EXIT 2 STDERR "--max-memory '1' is not a size of at least 64K"
                 ARGS run --max-memory 1 "${Inputs}/nothing.wasm")

# --- --timeout: a runaway guest ends with a trap, a blocked one is ended too ----------------
set(Interrupted "^error: wasm trap: interrupt\nwasm backtrace:\n")
wasmaot_cli_test(timeout-loop EXIT 134
                 STDERR "${Interrupted}  0: func\\[1\\] \\(export \"_start\"\\)\n\\([^\n]*spin\\.wasm ran past its timeout of 300 ms\\)\n$"
                 ARGS run ${Cache} --timeout 300ms "${Inputs}/spin.wasm")
wasmaot_cli_test(timeout-calls EXIT 134 STDERR "${Interrupted}.*export \"ping\""
                 ARGS run ${Cache} --timeout 0.3 --invoke ping "${Inputs}/spin.wasm")
wasmaot_cli_test(timeout-compile EXIT 0 FILE "${Out}/spin" SETUP cli-exe-spin
                 ARGS compile ${Cache} --timeout 200ms "${Inputs}/spin.wasm" -o "${Out}/spin")
wasmaot_cli_test(timeout-exe EXIT 134 STDERR "${Interrupted}.*ran past its timeout of 200 ms"
                 REQUIRES cli-exe-spin PROGRAM "${Out}/spin" ARGS)
wasmaot_cli_test(timeout-bad EXIT 2 STDERR "--timeout '10x' is not a duration"
                 ARGS run --timeout 10x "${Inputs}/nothing.wasm")
add_test(NAME cli.timeout-host-call
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/TimeoutHostCall.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/spin.wasm")
set_tests_properties(cli.timeout-host-call PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# --- WebAssembly features ------------------------------------------------------------
wasmaot_cli_test(features-default-3.0 EXIT 0 ARGS validate "${Inputs}/wasm3.wasm")
wasmaot_cli_test(features-2.0 EXIT 1
                 STDERR "wasm3\\.wasm:0x[0-9a-f]+: malformed: integer too large: malformed limits flags 0x4"
                 ARGS validate --wasm-features=2.0 "${Inputs}/wasm3.wasm")
wasmaot_cli_test(features-disable-tail-call EXIT 1
                 STDERR "invalid: return_call needs tail-call"
                 ARGS validate --disable-tail-call "${Inputs}/wasm3.wasm")
wasmaot_cli_test(features-2.0-plus EXIT 0
                 ARGS validate --wasm-features=2.0,memory64,multi-memory,tail-call
                      "${Inputs}/wasm3.wasm")
wasmaot_cli_test(features-unknown EXIT 2 STDERR "unknown WebAssembly feature 'gc'"
                 ARGS validate --enable-memory64 --wasm-features=3.0,gc "${Inputs}/wasm3.wasm")
# Ten million tail calls in constant stack space, and a copy between memories.
wasmaot_cli_test(features-run-tail-calls EXIT 0 STDOUT "^10000000\n$"
                 ARGS run ${Cache} --invoke count "${Inputs}/wasm3.wasm" 10000000)
wasmaot_cli_test(features-run-memories EXIT 0 STDOUT "^42\n$"
                 ARGS run ${Cache} --invoke copy "${Inputs}/wasm3.wasm")
# A cached artifact is no way around a feature turned off.
wasmaot_cli_test(features-cache-respects-off EXIT 1 STDERR "needs tail-call"
                 ARGS run ${Cache} --disable-tail-call --invoke count "${Inputs}/wasm3.wasm" 1)
add_test(NAME cli.features-recorded
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/ArtifactFeatures.sh" $<TARGET_FILE:wasmaot>
                 "${Inputs}/wasm3.wasm" "${Inputs}/numbers.wasm")
set_tests_properties(cli.features-recorded PROPERTIES FIXTURES_REQUIRED cli-inputs LABELS cli)

# --- print: a module as text, which assembles back into it ---------------------------
wasmaot_cli_test(print-stdout EXIT 0
                 STDOUT "^\\(module\n  \\(type [^\n]*\n.*  \\(memory 1\\)\n  \\(memory i64 1\\)\n"
                 ARGS print "${Inputs}/wasm3.wasm")
wasmaot_cli_test(print-file EXIT 0 SETUP cli-printed FILE "${Out}/printed-wasm3.wat"
                 ARGS print "${Inputs}/wasm3.wasm" -o "${Out}/printed-wasm3.wat")
wasmaot_cli_test(print-runs EXIT 0 STDOUT "^42\n$" REQUIRES cli-printed
                 ARGS run --no-cache --invoke copy "${Out}/printed-wasm3.wat")
wasmaot_cli_test(print-invalid EXIT 1 STDERR "type-mismatch\\.wasm:0x[0-9a-f]+: invalid: type mismatch"
                 ARGS print "${Inputs}/type-mismatch.wasm")
wasmaot_cli_test(print-features EXIT 1 STDERR "malformed limits flags"
                 ARGS print --wasm-features=2.0 "${Inputs}/wasm3.wasm")
