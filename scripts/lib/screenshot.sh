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
sleep 3
import -window root "$src/build/screenshot-start.png"
# Open Bob from the contact list (Alt+O: the tabs move when Requests appears),
# write to him, wait for his answer.
xdotool key alt+o
sleep 1
xdotool mousemove --window "\$win" 120 96 click 1
sleep 1
xdotool mousemove --window "\$win" 600 600 click 1
xdotool type --delay 30 'Hi Bob! Is the demo working?'
xdotool key Return
sleep 5
xdotool type --delay 30 'Great, thanks!'
xdotool key Return
sleep 4
import -window root "$src/docs/screenshot.png"
# Carol, who is in nobody's contacts, wrote first: her chat waits in Requests.
xdotool key alt+q
sleep 1
xdotool mousemove --window "\$win" 120 96 click 1
sleep 2
import -window root "$src/docs/screenshot-requests.png"
DRIVE
mkdir -p "$src/docs"
JABBERWOCK_DEMO_SCRIPT="$src/build/screenshot-drive.sh" "$src/scripts/lib/demo.sh" "$build_dir"
echo "[jabberwock] wrote docs/screenshot.png and docs/screenshot-requests.png" >&2
