#!/bin/sh
# A guest blocked in a host call (reading a stdin that never ends) sees no
# interrupt flag: --timeout still ends it, a grace period (1 s) after the
# deadline, with a message and the trap's exit status.
# Usage: TimeoutHostCall.sh WASMAOT SPIN.wasm
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-timeout-XXXXXX)
trap 'kill $writer 2> /dev/null; rm -rf "$dir"' EXIT
mkfifo "$dir/stdin"
sleep 30 > "$dir/stdin" &
writer=$!
start=$(date +%s%N)
"$wasmaot" run --cache-dir "$dir/cache" --timeout 300ms --invoke read "$module" \
  < "$dir/stdin" 2> "$dir/err"
status=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
failed=0
[ $status -eq 134 ] || { echo "exit status $status, expected 134"; failed=1; }
grep -q "interrupt (.*ran past its timeout of 300 ms and did not stop: it was in a host call" \
  "$dir/err" || { echo "no timeout message:"; cat "$dir/err"; failed=1; }
# Compiling takes part of it; the guest itself gets 0.3 s and 1 s of grace.
[ $elapsed -lt 20000 ] || { echo "took $elapsed ms"; failed=1; }
[ $failed -eq 0 ] && echo "a guest blocked in a read ended after $elapsed ms (timeout 300 ms)"
exit $failed
