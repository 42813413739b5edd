#!/bin/sh
# `cmake --install` gives a wasmaot that runs and compiles modules on its
# own: the command finds the compiler program and the runtime archives in
# PREFIX/lib/wasmaot. Usage: Install.sh BUILD_DIR MODULE (exits with 7)
set -u
build=$1 module=$2
prefix=$(mktemp -d /tmp/wasmaot-install-XXXXXX)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "$*"; exit 1; }
unset WASMAOT_LIB_DIR

cmake --install "$build" --prefix "$prefix" --strip > "$prefix.log" 2>&1 ||
  { cat "$prefix.log"; rm -f "$prefix.log"; fail "cmake --install failed"; }
rm -f "$prefix.log"
for f in bin/wasmaot lib/wasmaot/wasmaot-compiler lib/wasmaot/libwasmaot_runtime.a; do
  [ -f "$prefix/$f" ] || fail "$f is not installed"
done
"$prefix/bin/wasmaot" run --cache-dir "$prefix/cache" "$module"
[ $? -eq 7 ] || fail "the installed wasmaot run did not exit with 7"
"$prefix/bin/wasmaot" compile --cache-dir "$prefix/cache" "$module" -o "$prefix/app" ||
  fail "the installed wasmaot compile failed"
"$prefix/app"
[ $? -eq 7 ] || fail "the executable compiled by the installed wasmaot did not exit with 7"
echo "installed to $prefix: run and compile work"
