#!/usr/bin/env bash
# Makes sure a Docker engine answers on the local socket, for Berth, its tests and CI.
#   - does nothing when an engine already answers;
#   - installs Debian's docker.io when dockerd is missing (apt-get, needs root);
#   - starts dockerd in the background when nothing answers (systemd when it runs the machine
#     and the default socket is wanted, otherwise dockerd directly, logging to a file);
#   - waits, bounded, until the engine answers, or fails saying why.
# Safe to run again and again, and from several processes at once.
#
# Environment (defaults in brackets):
#   BERTH_DOCKER_SOCKET   the socket to serve [/var/run/docker.sock]
#   BERTH_DOCKERD_PIDFILE dockerd's pid file [/var/run/docker.pid]
#   BERTH_DOCKERD_ARGS    extra dockerd arguments, e.g. "--data-root /tmp/d2/data
#                         --exec-root /tmp/d2/exec --iptables=false" for a second engine next
#                         to the main one. Never "--bridge=none" there: at start dockerd then
#                         deletes the docker0 interface that the main engine uses []
#   BERTH_DOCKERD_LOG     where a directly started dockerd logs [/var/log/berth-dockerd.log]
#   BERTH_ENGINE_WAIT     seconds to wait for the engine to answer [60]
set -euo pipefail

socket=${BERTH_DOCKER_SOCKET:-/var/run/docker.sock}
pidfile=${BERTH_DOCKERD_PIDFILE:-/var/run/docker.pid}
extra_args=${BERTH_DOCKERD_ARGS:-}
log=${BERTH_DOCKERD_LOG:-/var/log/berth-dockerd.log}
wait_seconds=${BERTH_ENGINE_WAIT:-60}

say() { echo "engine.sh: $*" >&2; }
die() { say "$*"; exit 1; }

engine_answers() {
    if command -v docker >/dev/null 2>&1; then
        DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1
    else
        curl -fsS --max-time 5 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1
    fi
}

install_engine() {
    [ "$(id -u)" -eq 0 ] || die "dockerd is not installed; run as root to install docker.io"
    command -v apt-get >/dev/null 2>&1 || die "dockerd is not installed and apt-get is not available"
    say "installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends docker.io ca-certificates
}

dockerd_running() {
    [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start_engine() {
    if dockerd_running; then
        say "dockerd (pid $(cat "$pidfile")) is running but not answering yet; waiting"
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "no Docker engine answers on $socket; run as root to start one"
    if [ -d /run/systemd/system ] && [ "$socket" = /var/run/docker.sock ] && [ -z "$extra_args" ] &&
        command -v systemctl >/dev/null 2>&1; then
        say "starting docker with systemctl"
        systemctl start docker && return
        say "systemctl start docker failed; starting dockerd directly"
    fi
    say "starting dockerd on unix://$socket (log: $log)"
    mkdir -p "$(dirname "$log")" "$(dirname "$socket")"
    # shellcheck disable=SC2086 # extra_args is a list of words on purpose
    nohup dockerd -H "unix://$socket" --pidfile "$pidfile" $extra_args >>"$log" 2>&1 </dev/null &
}

wait_for_engine() {
    local deadline=$((SECONDS + wait_seconds))
    until engine_answers; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            say "no Docker engine answered on $socket within ${wait_seconds}s"
            [ -f "$log" ] && { say "last lines of $log:"; tail -n 30 "$log" >&2; }
            exit 1
        fi
        sleep 0.5
    done
}

if engine_answers; then
    exit 0
fi

# One starter at a time: concurrent test runs must not start two engines on one socket.
exec 9>"/tmp/berth-engine.$(echo "$socket" | tr / _).lock"
flock 9
if engine_answers; then
    exit 0
fi
command -v dockerd >/dev/null 2>&1 || install_engine
command -v dockerd >/dev/null 2>&1 || die "dockerd is still missing after installing docker.io"
start_engine
wait_for_engine
say "Docker engine is up on $socket"
