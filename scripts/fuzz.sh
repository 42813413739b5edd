#!/usr/bin/env bash
# A long fuzzing campaign: builds the libFuzzer targets (build-fuzz, as
# scripts/dev.sh test does) and runs each for SECONDS (default an hour), on
# the corpus the earlier runs kept (build-fuzz/tests/fuzz/corpus-*). A crash
# leaves its input beside the corpus (crash-*, leak-*, timeout-*): reduce it,
# fix the bug, and keep the input in tests/fuzz/regressions/<target>/.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-3600}
"$root/scripts/dev.sh" fuzz-build "$seconds"
ctest --test-dir "$root/build-fuzz" -L fuzz --output-on-failure --no-tests=error --timeout 0
