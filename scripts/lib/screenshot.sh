#!/usr/bin/env bash
# Inside the build environment: Xvfb, the demo, a scripted Alice, a capture.
# Each capture is of the window itself (no strip of empty screen) and is
# checked: the chat pane must show messages, not an empty window.
set -euo pipefail
build_dir=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
display=:$(( 90 + RANDOM % 9 ))
Xvfb "$display" -screen 0 1100x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
rm -rf "$src/build/demo-profile"
cat >"$src/build/screenshot-drive.sh" <<DRIVE
set -e
win=\$(xdotool search --sync --onlyvisible --name 'Jabberwock' | head -1)
xdotool windowsize "\$win" 1000 640 windowmove "\$win" 0 0
sleep 3
import -window "\$win" "$src/build/screenshot-start.png"
# Bob wrote while Alice was offline: his chat is opened by its link, handed
# to the running instance (the room's catch-up may put the room above him).
xdotool key alt+h
sleep 1
"$build_dir/app/jabberwock" --profile "$src/build/demo-profile" 'xmpp:bob@localhost'
sleep 2
import -window "\$win" "$src/build/screenshot-offline.png"
xdotool mousemove --window "\$win" 600 600 click 1
xdotool type --delay 30 'Hi Bob! Is the demo working?'
xdotool key Return
sleep 5
xdotool type --delay 30 '고마워요, 잘 받았어요!'
xdotool key Return
sleep 4
import -window "\$win" "$src/build/screenshot.png"
# Carol, who is in nobody's contacts, wrote first: her chat waits in Requests.
xdotool key alt+q
sleep 1
xdotool mousemove --window "\$win" 120 96 click 1
sleep 2
import -window "\$win" "$src/build/screenshot-requests.png"
# The room 팀 Team, where Bob and Carol talked while Alice was away (her
# autojoin bookmark): opened by its link, handed to the running instance.
xdotool key alt+h
"$build_dir/app/jabberwock" --profile "$src/build/demo-profile" 'xmpp:팀-team@conference.localhost?join'
sleep 3
import -window "\$win" "$src/build/screenshot-room.png"
DRIVE
JABBERWOCK_DEMO_SCRIPT="$src/build/screenshot-drive.sh" "$src/scripts/lib/demo.sh" "$build_dir"

# What was captured: the window's size, and a chat pane (right of the lists)
# that is not one flat colour (an empty pane is; one with messages is not).
check() {
    local file=$1 size deviation
    [ -f "$file" ] || { echo "[jabberwock] screenshot: $file was not captured" >&2; return 1; }
    size=$(identify -format '%wx%h' "$file")
    [ "$size" = 1000x640 ] || { echo "[jabberwock] screenshot: $file is $size, not the window's 1000x640" >&2; return 1; }
    deviation=$(convert "$file" -crop 600x400+380+120 +repage -colorspace Gray -format '%[fx:int(1000*standard_deviation)]' info:)
    [ "$deviation" -ge 20 ] || { echo "[jabberwock] screenshot: the chat pane in $file looks empty (deviation $deviation)" >&2; return 1; }
}
check "$src/build/screenshot.png"
check "$src/build/screenshot-requests.png"
check "$src/build/screenshot-room.png"
mkdir -p "$src/docs"
cp "$src/build/screenshot.png" "$src/build/screenshot-requests.png" "$src/build/screenshot-room.png" "$src/docs/"
echo "[jabberwock] wrote docs/screenshot.png, docs/screenshot-requests.png and docs/screenshot-room.png (checked: window size, messages in the chat pane)" >&2
