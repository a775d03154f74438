#!/usr/bin/env bash
# Configures (once) and builds. Runs where the packages are (natively or in the build root).
# On a terminal ninja shows its own [n/N] status line; otherwise (CI, a log) a
# line is printed every 10 % so a long build is never silent.
set -euo pipefail
build_dir=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
start=$(date +%s)
launcher=()
if command -v ccache >/dev/null; then
    # Paths relative to the checkout, so that other checkouts and fresh clones
    # on this machine reuse the objects.
    export CCACHE_BASEDIR=$src CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJABBERWOCK_WERROR=ON "${launcher[@]}" >/dev/null
fi
if [ -t 2 ]; then
    ninja -C "$build_dir" "${@:2}" >&2
else
    NINJA_STATUS='[%f/%t] ' ninja -C "$build_dir" "${@:2}" | awk '
        /^\[[0-9]+\/[0-9]+\] / {
            split(substr($1, 2, length($1) - 2), n, "/")
            pct = int(100 * n[1] / n[2])
            if (pct >= next_pct) { printf "[jabberwock] building: %d %% (%d of %d)\n", pct, n[1], n[2]; fflush(); next_pct = pct - pct % 10 + 10 }
            next
        }
        /^ninja: no work to do/ { next }
        { print; fflush() }' >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
fi
echo "[jabberwock] build finished in $(( $(date +%s) - start )) s" >&2
