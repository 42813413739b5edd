#!/bin/sh
# Where `wasmaot compile -o` writes, as compilers do: stdout for -, a FIFO (or
# device) in place, through a symlink to the file it names (the link stays a
# link), never half a file; an unwritable place is refused before compiling.
# Usage: OutputPaths.sh WASMAOT MODULE
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-output-XXXXXX)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
failed=0
fail() { echo "$*"; failed=1; }
compile() { "$wasmaot" compile --cache-dir "$dir/cache" --emit llvm-ir "$module" "$@"; }

# -o -: the IR on stdout.
compile -o - > "$dir/stdout.ll" || fail "-o - failed"
grep -q "^define" "$dir/stdout.ll" || fail "-o - wrote no IR to stdout"

# A symlink: the file it points to gets the output, the link stays a link.
: > "$dir/real.ll"
ln -s real.ll "$dir/link.ll"
compile -o "$dir/link.ll" || fail "-o through a symlink failed"
[ -L "$dir/link.ll" ] || fail "the symlink was replaced"
grep -q "^define" "$dir/real.ll" || fail "the symlink's target did not get the output"

# A FIFO is written in place, not replaced by a regular file.
mkfifo "$dir/fifo"
cat "$dir/fifo" > "$dir/from-fifo.ll" &
reader=$!
compile -o "$dir/fifo" || fail "-o FIFO failed"
wait $reader
[ -p "$dir/fifo" ] || fail "the FIFO was replaced"
grep -q "^define" "$dir/from-fifo.ll" || fail "nothing came through the FIFO"

# Refused before compiling, with the reason: a directory, a directory it
# cannot write to (not as root: root writes anyway), a missing directory.
out=$(compile -o "$dir" 2>&1) && fail "-o DIRECTORY succeeded"
echo "$out" | grep -q "is a directory" || fail "-o DIRECTORY: $out"
out=$(compile -o "$dir/missing/out.ll" 2>&1) && fail "-o in a missing directory succeeded"
echo "$out" | grep -q "No such file or directory" || fail "missing directory: $out"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$dir/readonly" && chmod a-w "$dir/readonly"
  out=$(compile -o "$dir/readonly/out.ll" 2>&1) && fail "-o in a read-only directory succeeded"
  echo "$out" | grep -q "Permission denied" || fail "read-only directory: $out"
fi
leftovers=$(find "$dir" -name '*.tmp-*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
[ $failed -eq 0 ] && echo "compile -o: stdout, symlink, FIFO and refusals as expected"
exit $failed
