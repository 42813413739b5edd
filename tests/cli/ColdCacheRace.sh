#!/bin/sh
# Eight `wasmaot run` processes start the same module at once on an empty
# cache: every one must run it (exit status 7 from proc_exit), and only one
# may compile it, the others waiting on the entry's lock and then loading
# what it stored. Usage: ColdCacheRace.sh WASMAOT MODULE
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-race-XXXXXX)
trap 'rm -rf "$dir"' EXIT

pids=
for i in 1 2 3 4 5 6 7 8; do
  "$wasmaot" -v run --cache-dir "$dir/cache" "$module" > "$dir/out.$i" 2> "$dir/err.$i" &
  pids="$pids $!"
done
failed=0
i=0
for pid in $pids; do
  i=$((i + 1))
  wait "$pid"
  status=$?
  if [ "$status" -ne 7 ]; then
    echo "process $i exited with $status, expected 7; its stderr:"
    cat "$dir/err.$i"
    failed=1
  fi
done
compiles=$(cat "$dir"/err.* | grep -c "^debug: cache miss")
hits=$(cat "$dir"/err.* | grep -c "^debug: cache hit\|^debug: artifact .*(stored in the cache)")
echo "8 processes: $compiles compiled, $hits ran from the cache"
if [ "$compiles" -ne 1 ]; then
  echo "expected exactly one compile"
  failed=1
fi
if [ "$hits" -ne 8 ]; then
  echo "expected all eight to run the cached artifact"
  failed=1
fi
exit $failed
