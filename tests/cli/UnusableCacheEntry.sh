#!/bin/sh
# A cache entry whose checksum holds but that cannot be loaded (here: the
# entry of a compiled executable put in place of a module's): `run` warns,
# replaces it and runs the module; the next run finds the good entry.
# Usage: UnusableCacheEntry.sh WASMAOT MODULE (a module exiting with 7)
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-unusable-XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "$*"; exit 1; }

"$wasmaot" run --cache-dir "$dir/run" "$module"
[ $? -eq 7 ] || fail "the first run did not exit with 7"
"$wasmaot" compile --cache-dir "$dir/exe" "$module" -o "$dir/app" || fail "compile failed"
set -- "$dir"/run/v1/objects/*.meta
[ $# -eq 1 ] || fail "expected one entry from run, found $#"
entry=${1%.meta}
set -- "$dir"/exe/v1/objects/*.meta
[ $# -eq 1 ] || fail "expected one entry from compile, found $#"
cp "${1%.meta}.so" "$entry.so" && cp "$1" "$entry.meta" || fail "cannot swap the entries"

"$wasmaot" run --cache-dir "$dir/run" "$module" 2> "$dir/err"
status=$?
cat "$dir/err"
[ $status -eq 7 ] || fail "the run after the swap exited with $status, expected 7"
grep -q "^wasmaot: warning: cache entry [0-9a-f]* is damaged (it cannot be used: .*); compiling again$" \
  "$dir/err" || fail "no warning naming the unusable entry"

"$wasmaot" run --cache-dir "$dir/run" "$module" 2> "$dir/err"
status=$?
[ $status -eq 7 ] || fail "the last run exited with $status, expected 7"
[ ! -s "$dir/err" ] || fail "the replaced entry was not stored: $(cat "$dir/err")"
echo "an unusable entry was replaced"
