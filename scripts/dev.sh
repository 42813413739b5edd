#!/usr/bin/env bash
# The two things a developer (and CI) does with this repo:
#   scripts/dev.sh example   install what is missing, build, run and compile the examples
#   scripts/dev.sh test      install what is missing, build, run every test,
#                            then the robustness tests under ASan+UBSan
# Exits non-zero as soon as any step fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# The official testsuites live in shared/, cloned beside this repository.
: "${WASMAOT_TESTSUITE_DIR:=$(realpath -m "$root/../shared/testsuite")}"
export WASMAOT_TESTSUITE_DIR

jobs=$(nproc)

# configure DIR [CMAKE_ARG...]: configure a build tree (ccache is picked up by CMake).
configure() {
  local dir=$1
  shift
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWASMAOT_WERROR=ON \
        "-DWASMAOT_TESTSUITE_DIR=$WASMAOT_TESTSUITE_DIR" "$@"
}

# build DIR [CMAKE_ARG...]: configure and build everything.
build() {
  configure "$@"
  cmake --build "$1" -j "$jobs"
}

example() {
  "$root/scripts/install-deps.sh"
  build build
  local wasmaot=build/bin/wasmaot cache=build/example-cache
  # Compile (once: the cache keeps it) and run; then a native executable.
  "$wasmaot" run --cache-dir "$cache" build/examples/hello.wasm
  echo "one two three" | "$wasmaot" run --cache-dir "$cache" build/examples/wc.wasm
  "$wasmaot" compile --cache-dir "$cache" build/examples/hello.wasm -o build/examples/hello
  build/examples/hello
  echo "dev.sh: ran the examples with wasmaot run, and build/examples/hello from wasmaot compile"
}

run_tests() {
  "$root/scripts/install-deps.sh"
  build build
  # --no-tests=error: a suite that registered nothing must not pass silently.
  ctest --test-dir build --output-on-failure --no-tests=error -j "$jobs"

  # The sanitizers watch the code that reads untrusted bytes: the decoder and
  # validator under their unit tests and the mutation test. Building only
  # those targets keeps the instrumented build short.
  configure build-asan -DWASMAOT_SANITIZE=address,undefined
  cmake --build build-asan -j "$jobs" --target wasmaot-unittests wasmaot-robustness
  export UBSAN_OPTIONS=print_stacktrace=1
  ctest --test-dir build-asan -R '^wasmaot-(unittests|robustness)$' --output-on-failure \
        --no-tests=error -j "$jobs"

  # libFuzzer, a bounded minute per target (scripts/fuzz.sh runs long
  # campaigns), seeded with the spec testsuite's modules converted above.
  fuzz_build "${WASMAOT_FUZZ_SECONDS:-60}"
  ctest --test-dir build-fuzz -L fuzz --output-on-failure --no-tests=error
}

# fuzz_build SECONDS: configure and build the fuzz targets in build-fuzz.
fuzz_build() {
  CC=clang-16 CXX=clang++-16 configure build-fuzz -DWASMAOT_WERROR=OFF -DWASMAOT_FUZZ=ON \
    -DWASMAOT_SANITIZE=address,undefined "-DWASMAOT_FUZZ_SECONDS=$1" \
    "-DWASMAOT_FUZZ_SEEDS=$root/build/spectest-cache"
  cmake --build build-fuzz -j "$jobs" --target wasmaot-fuzz-decode wasmaot-fuzz-loader \
    wasmaot-fuzz-compile wasmaot-fuzz-wasi-path
}

case "${1:-}" in
  example) example ;;
  test) run_tests ;;
  fuzz-build) "$root/scripts/install-deps.sh" && fuzz_build "${2:-60}" ;;
  *)
    echo "usage: scripts/dev.sh example|test" >&2
    exit 2
    ;;
esac
