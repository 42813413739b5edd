#!/bin/sh
# Runs a libFuzzer target for SECONDS: first over every regression input
# (crashes found earlier, kept in the repository), then fuzzing from a corpus
# that persists in CORPUS and is seeded with the files under SEEDS named like
# PATTERN (default *.wasm). Exits non-zero, with the fuzzer's report, on any
# crash, leak, timeout or sanitizer finding.
# Usage: RunFuzzer.sh FUZZER SECONDS CORPUS REGRESSIONS [SEEDS [PATTERN]]
set -u
fuzzer=$1 seconds=$2 corpus=$3 regressions=$4 seeds=${5:-} pattern=${6:-*.wasm}
mkdir -p "$corpus"
if [ -d "$regressions" ]; then
  # -runs=0 over a directory: each input once, no fuzzing.
  "$fuzzer" -runs=0 -timeout=10 "$regressions" || { echo "a regression input fails again"; exit 1; }
fi
if [ -n "$seeds" ] && [ -d "$seeds" ]; then
  # Seeds once: later runs start from the corpus the fuzzer kept.
  if [ -z "$(ls -A "$corpus")" ]; then
    find "$seeds" -name "$pattern" -size -64k | head -5000 | while read -r f; do
      cp "$f" "$corpus/$(cksum < "$f" | cut -d' ' -f1).wasm"
    done
  fi
else
  echo "no seed directory: fuzzing from an empty corpus"
fi
echo "fuzzing $(basename "$fuzzer") for $seconds s from $(ls "$corpus" | wc -l) corpus inputs"
# -timeout: one input taking a second is a hang; -rss_limit_mb bounds memory.
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$corpus/../" "$corpus"
