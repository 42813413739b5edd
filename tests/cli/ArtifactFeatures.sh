#!/bin/sh
# An artifact records the WebAssembly features its module uses: Wasm 2.0's,
# then those past it, and only those (a Wasm 2.0 module records no more).
# Usage: ArtifactFeatures.sh WASMAOT WASM3-MODULE WASM2-MODULE
set -u
wasmaot=$1 wasm3=$2 wasm2=$3
dir=$(mktemp -d /tmp/wasmaot-features-XXXXXX)
trap 'rm -rf "$dir"' EXIT
failed=0
check() { # MODULE EXPECTED-SUFFIX
  "$wasmaot" compile --no-cache --emit obj "$1" -o "$dir/out.o" || exit 1
  recorded=$(strings "$dir/out.o" | grep '^wasm-features=') || {
    echo "$1: no wasm-features line"; failed=1; return; }
  case "$recorded" in
    *",simd$2") echo "$1: $recorded" ;;
    *) echo "$1: expected wasm-features=...,simd$2, got $recorded"; failed=1 ;;
  esac
}
check "$wasm3" ",multi-memory,memory64,tail-call"
check "$wasm2" ""
exit $failed
