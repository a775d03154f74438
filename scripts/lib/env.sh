# shellcheck shell=bash
# Shared by scripts/run and scripts/test: decide where Jabberwock is built
# (natively, or inside a Debian 13 build root), install what is missing, and
# run commands there.
#
# JABBERWOCK_ENV=native|root forces one of the two.
# JABBERWOCK_ROOT_DIR is where the build root lives (default below); it is made
# once and reused by every checkout on the machine, and made anew when
# scripts/packages.txt changes.

set -euo pipefail

JW_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JW_PACKAGES_FILE="$JW_SRC/scripts/packages.txt"
JW_ROOT_DIR=${JABBERWOCK_ROOT_DIR:-/var/cache/jabberwock/buildroot-trixie}
JW_SUITE=trixie

jw_log() { printf '[jabberwock] %s\n' "$*" >&2; }
jw_die() { printf '[jabberwock] error: %s\n' "$*" >&2; exit 1; }

jw_packages() { grep -v '^\s*#' "$JW_PACKAGES_FILE" | grep -v '^\s*$'; }
jw_packages_hash() { jw_packages | sha256sum | cut -d' ' -f1; }

jw_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else jw_die "this step needs root (or sudo): $*"; fi
}

# All packages installed on this host?
jw_native_complete() {
    local p missing=0
    for p in $(jw_packages); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || { missing=1; break; }
    done
    return $missing
}

# Does this host's package archive offer a Qt 6 QXmpp?
jw_native_possible() {
    command -v apt-cache >/dev/null || return 1
    local cand
    cand=$(apt-cache policy libqxmppqt6-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
        jw_as_root apt-get update -qq >/dev/null 2>&1 || true
        cand=$(apt-cache policy libqxmppqt6-dev 2>/dev/null | awk '/Candidate:/ {print $2}')
    fi
    [ -n "$cand" ] && [ "$cand" != "(none)" ]
}

jw_mirror() {
    local m=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
        m=$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    [ -n "$m" ] || jw_die "cannot find a Debian mirror in /etc/apt; set JABBERWOCK_MIRROR"
    echo "${JABBERWOCK_MIRROR:-$m}"
}

# Make (or refresh) the Debian 13 build root.
jw_make_root() {
    local want have=""
    want=$(jw_packages_hash)
    [ -f "$JW_ROOT_DIR/.jabberwock-packages" ] && have=$(cat "$JW_ROOT_DIR/.jabberwock-packages")
    [ "$want" = "$have" ] && return 0
    [ "$(id -u)" -eq 0 ] || jw_die "making the Debian 13 build root needs root; run as root or install the packages in scripts/packages.txt natively"
    command -v debootstrap >/dev/null || { jw_log "installing debootstrap"; apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }
    local mirror start
    mirror=$(jw_mirror)
    start=$(date +%s)
    if [ ! -x "$JW_ROOT_DIR/usr/bin/apt-get" ]; then
        jw_log "making a Debian 13 build root in $JW_ROOT_DIR (once; about a minute)"
        rm -rf "$JW_ROOT_DIR.tmp"
        mkdir -p "$(dirname "$JW_ROOT_DIR")"
        debootstrap --variant=minbase "$JW_SUITE" "$JW_ROOT_DIR.tmp" "$mirror" >"$(dirname "$JW_ROOT_DIR")/debootstrap.log" 2>&1 \
            || jw_die "debootstrap failed; see $(dirname "$JW_ROOT_DIR")/debootstrap.log"
        rm -rf "$JW_ROOT_DIR"
        mv "$JW_ROOT_DIR.tmp" "$JW_ROOT_DIR"
    fi
    jw_log "installing packages into the build root"
    cp /etc/resolv.conf "$JW_ROOT_DIR/etc/resolv.conf" 2>/dev/null || true
    # No package may start a system-wide service in the root (Prosody and
    # ejabberd would take port 5222): the tests start private servers.
    printf '#!/bin/sh\nexit 101\n' >"$JW_ROOT_DIR/usr/sbin/policy-rc.d"
    chmod 755 "$JW_ROOT_DIR/usr/sbin/policy-rc.d"
    # shellcheck disable=SC2046
    jw_chroot_raw "export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends $(jw_packages | tr '\n' ' ') >/var/log/jabberwock-apt.log 2>&1 || { tail -30 /var/log/jabberwock-apt.log; exit 1; }" \
        || jw_die "installing packages into the build root failed"
    echo "$want" >"$JW_ROOT_DIR/.jabberwock-packages"
    jw_log "build root ready in $(( $(date +%s) - start )) s"
}

# Run a shell command line inside the build root, in a private mount
# namespace: /proc, /dev, /sys and the checkout are mounted only for the
# lifetime of this process and vanish with it.
jw_chroot_raw() {
    local cmd=$1
    local extra_binds=${JW_EXTRA_BINDS:-}
    unshare --mount --propagation private --fork /bin/bash -c '
        set -e
        R=$1; SRC=$2; CMD=$3; EXTRA=$4
        mount -t proc proc "$R/proc"
        mount --rbind /dev "$R/dev"
        mount --make-rslave "$R/dev"
        mount --bind /sys "$R/sys"
        mkdir -p "$R$SRC"
        mount --bind "$SRC" "$R$SRC"
        for d in $EXTRA; do mkdir -p "$R$d"; mount --bind "$d" "$R$d"; done
        mkdir -p "$R/tmp"; chmod 1777 "$R/tmp"
        # Qt wants a private runtime folder (and warns on every start without one).
        mkdir -p "$R/tmp/jabberwock-runtime-$(id -u)"; chmod 700 "$R/tmp/jabberwock-runtime-$(id -u)"
        exec chroot "$R" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
            XDG_RUNTIME_DIR="/tmp/jabberwock-runtime-$(id -u)" \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            CI="${CI:-}" JABBERWOCK_IN_ROOT=1 DISPLAY="${DISPLAY:-}" XAUTHORITY="${JW_XAUTHORITY:-}" \
            QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-}" JABBERWOCK_DEMO_SCRIPT="${JABBERWOCK_DEMO_SCRIPT:-}" \
            /bin/bash -c "cd \"$SRC\" && $CMD"
    ' jw-root "$JW_ROOT_DIR" "$JW_SRC" "$cmd" "$extra_binds"
}

# Choose native or root, install what is missing. Sets JW_MODE.
jw_prepare() {
    if [ -n "${JABBERWOCK_IN_ROOT:-}" ]; then JW_MODE=native; return; fi
    case "${JABBERWOCK_ENV:-auto}" in
        native) JW_MODE=native ;;
        root) JW_MODE=root ;;
        auto)
            if jw_native_complete; then JW_MODE=native
            elif jw_native_possible; then JW_MODE=native
            else JW_MODE=root; fi ;;
        *) jw_die "JABBERWOCK_ENV must be native or root" ;;
    esac
    if [ "$JW_MODE" = native ]; then
        if ! jw_native_complete; then
            jw_log "installing the packages in scripts/packages.txt"
            # The servers among them (Prosody, ejabberd) are for private test
            # instances: keep their packages from starting system-wide ones.
            local own_policy=0
            if [ ! -e /usr/sbin/policy-rc.d ]; then
                jw_as_root sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
                own_policy=1
            fi
            # shellcheck disable=SC2046
            jw_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(jw_packages) >/dev/null
            [ "$own_policy" = 0 ] || jw_as_root rm -f /usr/sbin/policy-rc.d
        fi
    else
        jw_make_root
    fi
}

# Run a command (a shell command line) where Jabberwock builds.
jw_run() {
    if [ "$JW_MODE" = native ]; then
        if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
            # Qt wants a private runtime folder (and warns on every start without one).
            export XDG_RUNTIME_DIR="${TMPDIR:-/tmp}/jabberwock-runtime-$(id -u)"
            mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
        fi
        (cd "$JW_SRC" && /bin/bash -c "$1")
    else jw_chroot_raw "$1"; fi
}

jw_build_dir() {
    if [ "$JW_MODE" = native ] && [ -z "${JABBERWOCK_IN_ROOT:-}" ]; then echo "$JW_SRC/build/native"
    else echo "$JW_SRC/build/root"; fi
}
