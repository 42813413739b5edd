#!/bin/sh
# Compiling outside the cache (--no-cache, or a cache that cannot be written)
# goes through temporary files: none may be left behind, whether the program
# runs to its end, traps (run ends the process without unwinding), or does not
# compile. Usage: NoTemporaryFiles.sh WASMAOT HELLO.wasm TRAP.wasm
set -u
wasmaot=$1 hello=$2 trap=$3
dir=$(mktemp -d /tmp/wasmaot-notmp-XXXXXX)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
mkdir "$dir/tmp" "$dir/readonly-cache"
chmod a-w "$dir/readonly-cache"
export TMPDIR="$dir/tmp"
failed=0

check() { # check STATUS EXPECTED WHAT
  if [ "$1" -ne "$2" ]; then
    echo "$3: exit status $1, expected $2"
    failed=1
  fi
  if [ -n "$(ls -A "$TMPDIR")" ]; then
    echo "$3 left files behind in \$TMPDIR:"
    ls -A "$TMPDIR"
    rm -rf "${TMPDIR:?}"/*
    failed=1
  fi
}

"$wasmaot" run --no-cache "$hello" > /dev/null; check $? 0 "run --no-cache (returns)"
"$wasmaot" run --no-cache "$trap" 2> /dev/null; check $? 134 "run --no-cache (traps)"
"$wasmaot" run --cache-dir "$dir/readonly-cache" "$hello" > /dev/null 2>&1
check $? 0 "run with a cache it cannot write"
"$wasmaot" compile --no-cache "$hello" -o "$dir/hello"; check $? 0 "compile --no-cache"
printf 'not wasm' > "$dir/bad.wasm"
"$wasmaot" run --no-cache "$dir/bad.wasm" 2> /dev/null; check $? 1 "run of a module that does not compile"
if [ $failed -eq 0 ]; then
  echo "no temporary files left behind"
fi
exit $failed
