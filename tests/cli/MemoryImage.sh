#!/bin/sh
# A module with 200 KB of data, which gets a memory image (compiler/lowering/
# MemoryImage.h): `run` maps it from the cached artifact, an executable from
# its own file, and explicit checks (a memory that moves as it grows) copy it. Both must see every segment applied in order; _start
# exits with a checksum of the memory that the script computes too, and the
# warm run must not hash the module again (the cache remembers its digest).
# Usage: MemoryImage.sh WASMAOT WASMAOT-WAT2WASM
set -u
wasmaot=$1
wat2wasm=$2
dir=$(mktemp -d /tmp/wasmaot-image-XXXXXX)
trap 'rm -rf "$dir"' EXIT
failed=0

expected=$(python3 - "$dir/image.wat" <<'PY'
import sys
memory = bytearray(8 * 65536)
segments = [(4096, bytes((k * 13 + 5) & 255 for k in range(150000))),
            (100000, bytes((k * 3) & 255 for k in range(60000))),  # over the first
            (300001, b"tail" * 1000)]
out = ['(module',
       '  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))',
       '  (memory (export "memory") 8)']
for offset, data in segments:
    memory[offset:offset + len(data)] = data
    out.append('  (data (i32.const %d) "%s")' % (offset, ''.join('\\%02x' % b for b in data)))
# _start: sum of every 97th byte, weighted, over the whole memory.
out.append('''  (func (export "_start") (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31))
                             (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 97)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 524288))))
    (call $exit (i32.and (local.get $s) (i32.const 127)))))''')
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
s = 0
for i in range(0, 524288, 97):
    s = (s * 31 + memory[i]) & 0xffffffff
print(s & 127)
PY
)
"$wat2wasm" "$dir/image.wat" -o "$dir/image.wasm" || exit 1

"$wasmaot" run --cache-dir "$dir/cache" "$dir/image.wasm"; status=$?
[ $status -eq "$expected" ] || { echo "cold run exits with $status, expected $expected"; failed=1; }
"$wasmaot" -v run --cache-dir "$dir/cache" "$dir/image.wasm" 2> "$dir/log"; status=$?
[ $status -eq "$expected" ] || { echo "warm run exits with $status, expected $expected"; failed=1; }
grep -q "cache hit" "$dir/log" || { echo "the warm run was no cache hit:"; cat "$dir/log"; failed=1; }
ls "$dir/cache/v1/modules" | grep -q . ||
  { echo "the cache remembers no module digest"; failed=1; }
"$wasmaot" compile -q --no-cache "$dir/image.wasm" -o "$dir/image"
"$dir/image"; status=$?
[ $status -eq "$expected" ] || { echo "the executable exits with $status, expected $expected"; failed=1; }
"$wasmaot" run --bounds-checks explicit --no-cache "$dir/image.wasm"; status=$?
[ $status -eq "$expected" ] || { echo "explicit checks: exits with $status, expected $expected"; failed=1; }

# A module rewritten in place (same file, same size) is a new module: its
# identity (its change time) differs, so it is hashed, not taken for the old one.
python3 -c 'import sys; p = sys.argv[1]; b = open(p, "rb").read()
open(p, "r+b").write(b.replace(b"tailtail", b"tailtbil", 1))' "$dir/image.wasm"
"$wasmaot" -v run --cache-dir "$dir/cache" "$dir/image.wasm" 2> "$dir/log"
grep -q "cache miss" "$dir/log" || { echo "a changed module hit the old entry:"; cat "$dir/log"; failed=1; }
if [ $failed -eq 0 ]; then
  echo "run and the executable (mapped image) and explicit checks (copied) all exit with $expected"
fi
exit $failed
