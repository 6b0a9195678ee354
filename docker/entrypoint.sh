#!/bin/sh
# Starts Berth in its container. The tasks Berth starts are siblings on the same engine, each
# labelled with Berth's instance id: this one names the instance after the container's own id,
# so a restarted container (same id) removes what its previous run left (a crash, a SIGKILL
# after `docker stop`'s timeout), and two Berth containers on one engine never touch each
# other's tasks. Set BERTH_INSTANCE_ID to choose another name.
set -eu
if [ -z "${BERTH_INSTANCE_ID:-}" ]; then
    # /etc/hostname is mounted from /var/lib/docker/containers/<id>/hostname, whatever the
    # network mode (with --network host the hostname is the host's, so it cannot serve).
    id=$(sed -n 's|.*/containers/\([0-9a-f]\{64\}\)/hostname /etc/hostname .*|\1|p' /proc/self/mountinfo | head -n 1)
    if [ -n "$id" ]; then
        BERTH_INSTANCE_ID="berth-container-$(echo "$id" | cut -c1-12)"
        export BERTH_INSTANCE_ID
    fi
fi
exec /usr/local/bin/berth "$@"
