#!/bin/sh
# A module big enough to be compiled in parts (driver/Partition.h) gives
# byte-identical executables whatever the number of threads, at -O0 and -O2,
# and the same program: every thread count and `run` exit with the same
# status. Usage: ParallelDeterminism.sh WASMAOT
set -u
wasmaot=$1
dir=$(mktemp -d /tmp/wasmaot-determinism-XXXXXX)
trap 'rm -rf "$dir"' EXIT
failed=0

# 320 functions of about 250 instructions each: straight-line mixing, a
# loop over memory, and calls to the previous function (which is often in
# another part). _start folds them all into the exit status.
python3 - "$dir/big.wat" <<'PY'
import sys
n = 320
out = ['(module',
       '  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))',
       '  (memory (export "memory") 1)',
       '  (data (i32.const 0) "determinism")']
for i in range(n):
    body = ['(local $a i32) (local $k i32)',
            f'(local.set $a (i32.mul (local.get $x) (i32.const {2 * i + 1})))']
    for j in range(40):
        c = (i * 7919 + j * 104729) % 65521
        body.append(f'(local.set $a (i32.add (i32.xor (local.get $a) '
                    f'(i32.shr_u (local.get $a) (i32.const {j % 13 + 1}))) (i32.const {c})))')
    body.append('(loop $l (local.set $a (i32.add (local.get $a) (i32.load8_u '
                '(i32.and (i32.add (local.get $k) (local.get $a)) (i32.const 1023)))))'
                ' (local.set $k (i32.add (local.get $k) (i32.const 1)))'
                ' (br_if $l (i32.lt_u (local.get $k) (i32.const 16))))')
    if i:
        body.append(f'(local.set $a (i32.add (local.get $a) (call $f{i - 1} (i32.and (local.get $a) (i32.const 3)))))')
    body.append('(local.get $a)')
    out.append(f'  (func $f{i} (param $x i32) (result i32) ' + ' '.join(body) + ')')
start = ['(local $s i32)']
for i in range(0, n, 7):
    start.append(f'(local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 5)) (call $f{i} (i32.const {i}))))')
start.append('(call $exit (i32.and (i32.add (local.get $s) (i32.shr_u (local.get $s) (i32.const 8))) (i32.const 127)))')
out.append('  (func (export "_start") ' + ' '.join(start) + ')')
out.append(')')
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
PY

for opt in 0 2; do
  for jobs in 1 2; do
    if ! "$wasmaot" -v compile --no-cache -O$opt -j $jobs "$dir/big.wat" -o "$dir/big-O$opt-j$jobs" \
         2> "$dir/log"; then
      cat "$dir/log"
      echo "-O$opt -j $jobs: compiling failed"
      failed=1
      continue
    fi
    if ! grep -q "parts on $jobs thread" "$dir/log"; then
      echo "-O$opt -j $jobs: the module was not compiled in parts on $jobs threads:"
      grep "compiled" "$dir/log"
      failed=1
    fi
  done
  if ! cmp "$dir/big-O$opt-j1" "$dir/big-O$opt-j2"; then
    echo "-O$opt: -j 1 and -j 2 gave different executables"
    failed=1
  fi
done

"$dir/big-O2-j1"; expected=$?
"$dir/big-O0-j2"; status=$?
[ $status -eq $expected ] || { echo "-O0 exits with $status, -O2 with $expected"; failed=1; }
WASMAOT_JOBS=2 "$wasmaot" run --no-cache "$dir/big.wat"; status=$?
[ $status -eq $expected ] || { echo "run exits with $status, the executable with $expected"; failed=1; }
if [ $failed -eq 0 ]; then
  echo "identical executables at -O0 and -O2 with 1 and 2 threads; all exit with $expected"
fi
exit $failed
