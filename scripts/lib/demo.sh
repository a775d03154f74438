#!/usr/bin/env bash
# Starts Jabberwock from a build dir: with the given arguments, or (none) the
# demo on a private Prosody. Runs where the packages are.
set -euo pipefail
build_dir=$1
shift
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
app="$build_dir/app/jabberwock"
[ -n "${XAUTHORITY:-}" ] || unset XAUTHORITY
[ -n "${QT_QPA_PLATFORM:-}" ] || unset QT_QPA_PLATFORM

if [ $# -gt 0 ]; then
    exec "$app" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "[jabberwock] no display: run scripts/run from a desktop session (DISPLAY is not set)" >&2
    exit 1
fi

demo=$(mktemp -d /tmp/jabberwock-demo.XXXXXX)
chmod 755 "$demo"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$demo"
}
trap cleanup EXIT INT TERM

echo "[jabberwock] starting a private Prosody on loopback" >&2
"$src/tests/support/prosody-server" --dir "$demo/server" --domain localhost \
    --user alice:alice-demo --user bob:bob-demo --user carol:carol-demo --roster alice:bob --http-upload 50000000 >"$demo/server.out" &
pids+=($!)
line=""
for _ in $(seq 1 300); do
    line=$(grep -m1 '^READY ' "$demo/server.out" 2>/dev/null || true)
    [ -n "$line" ] && break
    kill -0 "${pids[0]}" 2>/dev/null || break
    sleep 0.1
done
[ -n "$line" ] || { echo "[jabberwock] Prosody did not start" >&2; exit 1; }
port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$line")
cert=$(sed -n 's/.*cert=\([^ ]*\).*/\1/p' <<<"$line")

# Bob and Carol talked in the room "팀 Team" (a private group Alice is a member
# of, kept as her autojoin bookmark): it is in the Chats list at sign-in, its
# messages read from the room's archive.
timeout 60 python3 "$src/scripts/demo/room.py" --domain localhost --host 127.0.0.1 --port "$port" \
    --cafile "$cert" --bob bob-demo --carol carol-demo --alice alice-demo >"$demo/room.log" 2>&1 \
    || echo "[jabberwock] Bob and Carol could not set up their room (see $demo/room.log)" >&2
# Then Bob wrote to Alice while she was offline (after the room, so his chat
# is the newest, first in Chats): the demo opens on it with
# "New messages · 2 arrived while you were offline".
timeout 30 python3 "$src/scripts/demo/bob.py" --jid bob@localhost --password bob-demo \
    --host 127.0.0.1 --port "$port" --cafile "$cert" --leave-for alice@localhost >"$demo/bob-left.log" 2>&1 \
    || echo "[jabberwock] Bob could not leave his messages (see $demo/bob-left.log)" >&2
python3 "$src/scripts/demo/bob.py" --jid bob@localhost --password bob-demo \
    --host 127.0.0.1 --port "$port" --cafile "$cert" >"$demo/bob.log" 2>&1 &
pids+=($!)
# Carol is in nobody's roster: her first message shows what a message request looks like.
(sleep 4; exec python3 "$src/scripts/demo/bob.py" --jid carol@localhost --password carol-demo \
    --host 127.0.0.1 --port "$port" --cafile "$cert" --greet alice@localhost) >"$demo/carol.log" 2>&1 &
pids+=($!)

printf 'alice-demo\n' >"$demo/alice.password"
profile="$src/build/demo-profile"
echo "[jabberwock] signed in as alice@localhost; bob@localhost answers (a picture with a picture); carol@localhost, a stranger, writes first (see Requests); Bob and Carol talked in the room 팀 Team. Close the window to stop." >&2
"$app" --profile "$profile" --jid alice@localhost --password-file "$demo/alice.password" \
    --server "127.0.0.1:$port" --trust-certificate "$cert" &
app_pid=$!
pids+=($app_pid)
if [ -n "${JABBERWOCK_DEMO_SCRIPT:-}" ]; then
    # Used by scripts/screenshot: drives the demo while it runs.
    JABBERWOCK_APP_PID=$app_pid bash "$JABBERWOCK_DEMO_SCRIPT" || true
    kill "$app_pid" 2>/dev/null || true
fi
wait "$app_pid" || true
