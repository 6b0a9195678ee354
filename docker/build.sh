#!/usr/bin/env bash
# Builds Berth's container image with docker/Dockerfile, the same file a user with a registry
# builds with `docker build -f docker/Dockerfile .`.
#
#   bash docker/build.sh [--binary PATH] [--tag TAG]
#
#   --binary PATH   put this already built berth (e.g. build/berth, as CI built it) into the
#                   image instead of compiling Berth inside the build: no compiler stage runs,
#                   the build takes seconds. The binary must have been built on Debian bookworm
#                   (the runtime stage's shared libraries are bookworm's).
#   --tag TAG       the image's name [berth:latest]
#
# The Dockerfile starts FROM debian:bookworm-slim. When the engine has no such image and
# cannot pull one (no registry reachable, as on Berth's CI machines), this script makes it:
# debootstrap --variant=minbase from Debian's packages into a folder, trimmed as the slim image
# is, then `docker import`. The engine keeps it, so a second run skips this step. Needs root
# (debootstrap, and apt-get to install debootstrap when it is missing).
#
# Environment:
#   BERTH_BASE_IMAGE   the base image [debian:bookworm-slim]
#   BERTH_DEBIAN_MIRROR  where debootstrap gets the packages [http://deb.debian.org/debian]
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${BERTH_BASE_IMAGE:-debian:bookworm-slim}
mirror=${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
tag=berth:latest
binary=""

say() { echo "build.sh: $*" >&2; }
die() { say "$*"; exit 1; }

while [[ $# -gt 0 ]]; do
    case $1 in
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --tag) tag=${2:?--tag needs a name}; shift 2 ;;
        -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# The root filesystem of debian:bookworm-slim, made from Debian's packages: minbase, then the
# slim image's trimming (no docs, man pages or locales; apt keeps no package lists or .debs).
make_base() {
    [[ $(id -u) == 0 ]] || die "no image $base and no registry: run as root to make it (debootstrap)"
    if ! command -v debootstrap >/dev/null; then
        say "installing debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2 ||
            { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                --no-install-recommends debootstrap >&2; }
    fi
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/berth-base.XXXXXX")
    # shellcheck disable=SC2064 # expand $work now
    trap "rm -rf '$work'" EXIT
    say "making $base: debootstrap --variant=minbase bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
    local root=$work/root
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
    rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/*
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
APT
    cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
    # The same package sources as the official image; the security suite too.
    cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
    tar -C "$root" --numeric-owner -c . |
        docker import --change 'CMD ["bash"]' --change 'LABEL org.berth.base=debootstrap' \
            - "$base" >/dev/null
    rm -rf "$work"
    trap - EXIT
    say "made $base ($(docker image inspect -f '{{.Size}}' "$base") bytes)"
}

command -v docker >/dev/null || die "docker is missing (docker/engine.sh installs and starts it)"
if ! have_image "$base"; then
    say "the engine has no $base; trying to pull it"
    docker pull "$base" >/dev/null 2>&1 || make_base
fi

revision=$(git -C "$source_dir" describe --always --dirty --tags 2>/dev/null || echo unknown)
args=(--file "$source_dir/docker/Dockerfile" --tag "$tag" --build-arg "BERTH_GIT_REVISION=$revision")
if [[ -n $binary ]]; then
    [[ -x $binary ]] || die "--binary $binary: no such executable"
    # A context of its own: the binary and docker/, not the whole source tree.
    context=$(mktemp -d "${TMPDIR:-/tmp}/berth-context.XXXXXX")
    # shellcheck disable=SC2064 # expand $context now
    trap "rm -rf '$context'" EXIT
    cp -r "$source_dir/docker" "$context/docker"
    cp "$binary" "$context/berth"
    args+=(--build-arg BERTH_PREBUILT=berth "$context")
    say "building $tag from $binary"
else
    args+=("$source_dir")
    say "building $tag from source (compiles Berth inside the build)"
fi
docker build "${args[@]}" >&2
say "built $tag ($(docker image inspect -f '{{.Size}}' "$tag") bytes)"
