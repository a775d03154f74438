#!/usr/bin/env bash
# Inside the build environment: runs COMMAND ARGS... under a private Xvfb on
# a display number Xvfb picks itself (-displayfd), then stops it.
set -euo pipefail
numberFile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$numberFile" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -f "$numberFile"' EXIT
for _ in $(seq 100); do
    [[ -s $numberFile ]] && break
    sleep 0.05
done
if [[ ! -s $numberFile ]]; then
    echo "xvfb-run.sh: Xvfb did not start" >&2
    exit 1
fi
DISPLAY=:$(head -n 1 "$numberFile") "$@"
