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
if [ ! -f "$build_dir/build.ninja" ] \
    || { [ ${#launcher[@]} -gt 0 ] && ! grep -q '^CMAKE_CXX_COMPILER_LAUNCHER' "$build_dir/CMakeCache.txt" 2>/dev/null; }; then
    cmake -S "$src" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJABBERWOCK_WERROR=ON "${launcher[@]}" >/dev/null
fi
if [ -t 2 ]; then
    ninja -C "$build_dir" "${@:2}" >&2
else
    # A shell loop, not awk: mawk reads a pipe in large blocks, so its lines
    # would come only at the end.
    NINJA_STATUS='[%f/%t] ' ninja -C "$build_dir" "${@:2}" | {
        next_pct=0
        while IFS= read -r line; do
            if [[ $line =~ ^\[([0-9]+)/([0-9]+)\]\  ]]; then
                done_edges=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
                pct=$(( 100 * done_edges / total ))
                if [ "$pct" -ge "$next_pct" ]; then
                    echo "[jabberwock] building: $pct % ($done_edges of $total)"
                    next_pct=$(( pct - pct % 10 + 10 ))
                fi
            elif [[ $line != "ninja: no work to do." && $line != "ninja: Entering directory"* ]]; then
                printf '%s\n' "$line"
            fi
        done
    } >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
fi
echo "[jabberwock] build finished in $(( $(date +%s) - start )) s" >&2
