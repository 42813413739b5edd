#!/usr/bin/env bash
# A long campaign: builds the libFuzzer targets (build-fuzz, as scripts/dev.sh
# test does) and runs each for SECONDS (default an hour), on the corpus the
# earlier runs kept (build-fuzz/tests/fuzz/corpus-*); then compares MODULES
# generated modules (default 20,000, seeds above CI's) under wasmaot and
# under wabt's interpreter. A fuzzer crash leaves its input beside the corpus
# (crash-*, leak-*, timeout-*): reduce it, fix the bug, and keep the input in
# tests/fuzz/regressions/<target>/. A differing module is kept in
# build/tests/differential/campaign/: fix the bug, and keep the module in
# tests/differential/regressions/.
#   scripts/fuzz.sh [SECONDS [MODULES]]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-3600}
modules=${2:-20000}
"$root/scripts/dev.sh" fuzz-build "$seconds"
status=0
ctest --test-dir "$root/build-fuzz" -L fuzz --output-on-failure --no-tests=error --timeout 0 ||
  status=1
cmake --build "$root/build" --target wasmaot-difftest
first=1000001
"$root/build/tests/differential/wasmaot-difftest" --seeds "$first..$((first + modules - 1))" \
  --keep "$root/build/tests/differential/campaign" || status=1
exit $status
