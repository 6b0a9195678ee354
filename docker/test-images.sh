#!/usr/bin/env bash
# Builds the images Berth's tests and docs run, without any registry: a root filesystem made
# of Debian's busybox-static, imported with `docker import`.
#
#   berth-test/busybox:latest                   sh, httpd, nc, wget, sleep, ... on PATH
#   public.ecr.aws/docker/library/httpd:latest  the same root filesystem, started as
#                                               httpd-foreground: serves /usr/local/apache2/htdocs
#                                               on port 80, so the ECS Fargate tutorial's task
#                                               definition runs verbatim
#
# Each image carries a label holding a hash of this script and of the busybox binary; an image
# whose label matches is left alone, so running this again costs a `docker image inspect`.
# Needs a running engine (docker/engine.sh) and, when busybox-static is missing, root for apt.
#
# Note for test authors: this busybox's `wget -T` crashes; use wget without -T, or nc.
set -euo pipefail

busybox=/bin/busybox
label=org.berth.test-images.hash
busybox_image=berth-test/busybox:latest
httpd_image=public.ecr.aws/docker/library/httpd:latest
path_env=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "test-images.sh: $*" >&2; }
die() { say "$*"; exit 1; }

ensure_busybox_static() {
    # The image has no libc, so the binary must be the static build.
    if dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed'; then
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "busybox-static is not installed; run as root to install it"
    say "installing busybox-static"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends busybox-static
}

image_hash() {
    docker image inspect -f "{{ index .Config.Labels \"$label\" }}" "$1" 2>/dev/null || true
}

write_rootfs() {
    local root=$1
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,root,home,proc,sys,dev,var/log,var/www}
    mkdir -p "$root"/tmp "$root"/usr/local/apache2/{htdocs,bin,logs}
    chmod 1777 "$root/tmp"
    cp "$busybox" "$root/bin/busybox"
    local applet
    # `--list-full` names busybox itself too; linking it would replace the binary with a loop.
    for applet in $("$busybox" --list-full); do
        [ "$(basename "$applet")" = busybox ] && continue
        [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
    done
    cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
    cat >"$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
GROUP
    echo '<html><body><h1>It works!</h1></body></html>' >"$root/usr/local/apache2/htdocs/index.html"
    cat >"$root/usr/local/bin/httpd-foreground" <<'HTTPD'
#!/bin/sh
# Serves /usr/local/apache2/htdocs on port 80 in the foreground, like the httpd image's script.
# busybox httpd ignores SIGTERM when it is PID 1, so it runs as a child and the shell turns
# SIGTERM/SIGINT into a prompt exit instead of a wait for SIGKILL.
busybox httpd -f -p 80 -h /usr/local/apache2/htdocs &
pid=$!
trap 'kill "$pid" 2>/dev/null; exit 0' TERM INT
wait "$pid"
HTTPD
    chmod 755 "$root/usr/local/bin/httpd-foreground"
}

# import <rootfs> <image> <docker import --change lines...>
import_image() {
    local root=$1 image=$2
    shift 2
    local changes=(--change "ENV PATH=$path_env" --change "LABEL $label=$hash")
    local change
    for change in "$@"; do changes+=(--change "$change"); done
    tar -C "$root" --numeric-owner --owner=0 --group=0 -cf - . | docker import "${changes[@]}" - "$image" >/dev/null
    say "built $image"
}

ensure_busybox_static
docker version >/dev/null 2>&1 || die "no Docker engine answers; run docker/engine.sh first"
hash=$(cat "$0" "$busybox" | sha256sum | cut -c1-16)

# One builder at a time; the second finds the images made by the first.
exec 9>/tmp/berth-test-images.lock
flock 9
if [ "$(image_hash "$busybox_image")" = "$hash" ] && [ "$(image_hash "$httpd_image")" = "$hash" ]; then
    exit 0
fi
work=$(mktemp -d /tmp/berth-test-images.XXXXXX)
trap 'rm -rf "$work"' EXIT
write_rootfs "$work/rootfs"
import_image "$work/rootfs" "$busybox_image" 'CMD ["sh"]'
import_image "$work/rootfs" "$httpd_image" 'WORKDIR /usr/local/apache2' 'EXPOSE 80' \
    'CMD ["httpd-foreground"]'
