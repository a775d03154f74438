#!/usr/bin/env bash
# Inside the build environment: Xvfb, the demo, a scripted Alice, a capture.
set -euo pipefail
build_dir=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1000x640x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
rm -rf "$src/build/demo-profile"
cat >"$src/build/screenshot-drive.sh" <<DRIVE
set -e
win=\$(xdotool search --sync --name 'Jabberwock' | head -1)
xdotool windowsize "\$win" 1000 640 windowmove "\$win" 0 0
sleep 4                       # Bob greets Alice when she comes online
xdotool windowfocus --sync "\$win"
xdotool type --delay 40 'Hi Bob! 안녕하세요 — is the demo working?'
xdotool key Return
sleep 6                       # Bob types, then answers
import -window root "$src/docs/screenshot.png"
DRIVE
mkdir -p "$src/docs"
JABBERWOCK_DEMO_SCRIPT="$src/build/screenshot-drive.sh" "$src/scripts/lib/demo.sh" "$build_dir"
echo "[jabberwock] wrote docs/screenshot.png" >&2
