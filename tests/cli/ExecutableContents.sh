#!/bin/sh
# A compiled executable links only what its program can reach: MODULE uses no
# table, no memory.grow and no bulk memory operation, so none of the runtime's
# entry points for them may be in it (the runtime is built with a section per
# function, the link collects the unreachable ones). Prints the size.
# Usage: ExecutableContents.sh WASMAOT MODULE
set -u
wasmaot=$1 module=$2
dir=$(mktemp -d /tmp/wasmaot-exe-XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$wasmaot" compile --no-cache "$module" -o "$dir/program" || exit 1
"$dir/program" > /dev/null || { echo "the program does not run"; exit 1; }
failed=0
for unreachable in wasmaot_rt_memory_grow wasmaot_rt_table_grow wasmaot_rt_table_copy \
                   wasmaot_rt_memory_copy wasmaot_rt_memory_fill; do
  if nm "$dir/program" | grep -qw "$unreachable"; then
    echo "the program links $unreachable, which it cannot reach"
    failed=1
  fi
done
nm "$dir/program" | grep -qw wasmaot_rt_trap || { echo "the program lacks wasmaot_rt_trap"; failed=1; }
echo "program: $(wc -c < "$dir/program") bytes"
exit $failed
