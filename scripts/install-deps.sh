#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that building and testing wasmaot need.
# Idempotent: when everything is installed it only says so, without touching
# apt (no `apt-get update`, so it works offline and costs nothing).
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache python3
  llvm-16-dev llvm-16-tools liblld-16-dev clang-16 lld-16
  libcli11-dev catch2 libssl-dev
  # The compiler program's allocator: LLVM on several threads allocates a lot.
  libjemalloc-dev
  # Examples and tests: C -> wasm32-wasi with clang-16; wabt's interpreter
  # (wasm-interp) is the differential test's reference (tests/differential).
  wabt wasi-libc libclang-rt-16-dev-wasm32
  # The WASI tests compare with Node.js's node:wasi as an independent reference.
  nodejs
  # libFuzzer (clang's), for the fuzz targets (tests/fuzz).
  libclang-rt-16-dev
  # Cross targets (docs/Targets.md): each one's C and C++ libraries, from
  # which the build makes its runtime, and qemu-user to test its executables.
  qemu-user
  libc6-dev-arm64-cross libstdc++-12-dev-arm64-cross
  libc6-dev-riscv64-cross libstdc++-12-dev-riscv64-cross
  libc6-dev-armhf-cross libstdc++-12-dev-armhf-cross
  libc6-dev-i386-cross libstdc++-12-dev-i386-cross
)

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: error: apt-get/dpkg not found; this script supports Debian 12" \
       "and Ubuntu. Install these packages by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

# `env` rather than an exported variable: sudo drops the caller's environment.
apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y)
if ((EUID != 0)); then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: error: not root and sudo not found; as root run:" \
         "apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt=(sudo "${apt[@]}")
fi

echo "install-deps: installing ${missing[*]}"
"${apt[@]}" update
"${apt[@]}" install --no-install-recommends "${missing[@]}"
