#!/bin/sh
# Unbounded recursion traps whatever the stack size limit: with ulimit -s
# unlimited (bounded by --max-wasm-stack, default 64M), and when an address
# space limit (ulimit -v) stops the stack from growing first. A deep but
# bounded recursion runs. Usage: StackLimits.sh WASMAOT RECURSE.wasm
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-stack-XXXXXX)
trap 'rm -rf "$dir"' EXIT
failed=0
expect() { # expect STATUS WHAT COMMAND...
  status=$1 what=$2
  shift 2
  "$@" > "$dir/out" 2> "$dir/err"
  got=$?
  if [ "$got" -ne "$status" ]; then
    echo "$what: exit status $got, expected $status"; head -3 "$dir/err"; failed=1
  elif [ "$status" -eq 134 ] && ! grep -q "^error: wasm trap: call stack exhausted" "$dir/err"; then
    echo "$what: no stack-exhaustion trap"; head -3 "$dir/err"; failed=1
  fi
}
cache="--cache-dir $dir/cache"
expect 0 "depth 100000" "$wasmaot" run $cache --invoke depth "$module" 100000
grep -qx 100000 "$dir/out" || { echo "depth 100000 printed $(cat "$dir/out")"; failed=1; }
expect 134 "depth 100000 in 1M of stack" "$wasmaot" run $cache --max-wasm-stack 1M --invoke depth "$module" 100000
"$wasmaot" compile $cache --max-wasm-stack 1M "$module" -o "$dir/recurse" || failed=1
expect 134 "executable with 1M of stack" "$dir/recurse"
if (ulimit -s unlimited) 2> /dev/null; then
  expect 134 "ulimit -s unlimited" sh -c "ulimit -s unlimited && exec \"\$0\" run $cache \"\$1\"" "$wasmaot" "$module"
  expect 134 "ulimit -s unlimited, -v 60000" \
    sh -c "ulimit -s unlimited && ulimit -v 60000 && exec \"\$0\" run $cache \"\$1\"" "$wasmaot" "$module"
else
  echo "skipped: the unlimited-stack cases (this user cannot raise ulimit -s to unlimited)"
fi
[ $failed -eq 0 ] && echo "unbounded recursion traps under every stack limit"
exit $failed
