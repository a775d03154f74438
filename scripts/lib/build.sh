#!/usr/bin/env bash
# Configures (once) and builds. Runs where the packages are (natively or in the build root).
set -euo pipefail
build_dir=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
start=$(date +%s)
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJABBERWOCK_WERROR=ON >/dev/null
fi
ninja -C "$build_dir" --quiet "${@:2}"
echo "[jabberwock] build finished in $(( $(date +%s) - start )) s" >&2
