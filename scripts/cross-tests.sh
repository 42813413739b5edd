#!/usr/bin/env bash
# Every test of the cross targets, timed: for each target whose runtime the
# build made (build/lib/wasmaot/<triple>/), the whole Wasm 2.0 spec suite
# under each bounds-check strategy the target has, run by the target's agent
# under qemu-user, and the WASI corpus against the host's executables. Ends with a
# table of counts and times per target (docs/Targets.md). Builds first.
#   scripts/cross-tests.sh [SUITE_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
suite=${1:-"$root/../shared/testsuite/wasm-2.0"}
cmake --build "$build"

targets=()
for dir in "$build"/lib/wasmaot/*/; do
  [[ -f "$dir/wasmaot-spectest-agent" ]] && targets+=("$(basename "$dir")")
done
if ((${#targets[@]} == 0)); then
  echo "cross-tests: no cross target's runtime is built (scripts/install-deps.sh installs" \
       "their C libraries)" >&2
  exit 1
fi

status=0
summary=()
for target in "${targets[@]}"; do
  # The strategies the target has: "guard (or explicit)" or "explicit (only)".
  strategies=$("$build/bin/wasmaot" targets |
               awk -v t="$target" '$1 == t { print ($3 == "guard") ? "guard explicit" : "explicit" }')
  for bounds in $strategies; do
    start=$SECONDS
    log="$build/cross-spectest-$target-$bounds.log"
    "$build/spectest/wasmaot-spectest" --target "$target" --bounds-checks="$bounds" "$suite" \
      >"$log" 2>&1 || status=1
    summary+=("$(printf '%-20s spec %-9s %s (%ds)' "$target" "$bounds" "$(tail -1 "$log")" \
                 $((SECONDS - start)))")
  done
  start=$SECONDS
  log="$build/cross-wasi-$target.log"
  ctest --test-dir "$build" -R "^wasi\\.$target\\." -j2 >"$log" 2>&1 || status=1
  summary+=("$(printf '%-20s wasi %-9s %s (%ds)' "$target" "corpus" \
               "$(grep -E 'tests passed' "$log")" $((SECONDS - start)))")
done
printf '%s\n' "${summary[@]}"
echo "logs: $build/cross-*.log"
exit $status
