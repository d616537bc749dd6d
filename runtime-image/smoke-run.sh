#!/usr/bin/env bash
# Runs an image tar the way the operator's pods run it, without a container engine (needs root):
#   - the image's file system mounted read-only (the pods set readOnlyRootFilesystem)
#   - a fresh, empty, writable /var/lib/caig for every run (the pod's emptyDir), HOME, CAIG_WORK_DIR and
#     DJL_CACHE_DIR set as the operator sets them
#   - UID/GID 1000, no network but loopback (so nothing can be downloaded)
#   - the image's own entrypoint, environment and working dir
#
#   sudo runtime-image/smoke-run.sh [--config DIR] [--store DIR] [--env NAME=VALUE]... [--timeout S] \
#        [--probe SCRIPT] IMAGE.tar -- "ARGS" ["ARGS" ...]
#
# Each "ARGS" (split at spaces) is one run, like one pod; runs share only --store, mounted at /store (the object
# store). --config is mounted read-only at /etc/caig (the pipeline ConfigMap). Output goes to stdout and stderr; the
# exit code is the first failed run's, after which no more runs start (124 when one ran past --timeout, default 600 s).
# With --probe, each run is a server: SCRIPT runs beside it in the pod's network (loopback only) with the store's
# host path and the server's process id as arguments, as the kubelet's probes and a client would; then the server gets SIGTERM, as at a
# rollout. The run's exit code is the probe's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
config="" store="" limit=600 image="" probe="" extra_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$(realpath "$2")"; shift 2 ;;
    --store) store="$(realpath "$2")"; shift 2 ;;
    --env) extra_env+=("$2"); shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    --probe) probe="$(realpath "$2")"; shift 2 ;;
    --) shift; break ;;
    *) image="$(realpath "$1")"; shift ;;
  esac
done
[ -n "$image" ] && [ $# -gt 0 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "smoke-run: needs root (mount namespaces and chroot); run it with sudo" >&2; exit 2; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/caig-smoke.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
fs="$scratch/fs"
python3 "$here/image_tar.py" unpack "$image" "$fs"
mkdir -p "$fs/etc/caig" "$fs/store"
# The pod's view: what RuntimePod.workDirEnv adds to every runtime container.
work=/var/lib/caig
mapfile -d '' launch < <(python3 "$here/image_tar.py" launch "$image" \
  "CAIG_WORK_DIR=$work" "HOME=$work" "DJL_CACHE_DIR=$work/djl" "${extra_env[@]}")

status=0
for args in "$@"; do
  echo "smoke-run: $(basename "$image") $args" >&2
  # shellcheck disable=SC2086 # each ARGS string is split at spaces on purpose
  unshare --mount --net --pid --fork --kill-child -- /bin/bash -ec '
    fs=$1 config=$2 store=$3 work=$4 limit=$5 probe=$6; shift 6
    ip link set lo up
    mount --bind "$fs" "$fs" && mount -o remount,bind,ro "$fs"
    mount -t proc proc "$fs/proc"
    mount --bind /dev "$fs/dev"
    mount -t tmpfs -o mode=0750,uid=1000,gid=1000,size=2g work "$fs$work"
    [ -z "$config" ] || mount --bind -o ro "$config" "$fs/etc/caig"
    [ -z "$store" ] || mount --bind "$store" "$fs/store"
    if [ -z "$probe" ]; then
      exec timeout "$limit" chroot --userspec=1000:1000 --groups=1000 "$fs" /usr/bin/env "$@"
    fi
    timeout "$limit" chroot --userspec=1000:1000 --groups=1000 "$fs" /usr/bin/env "$@" &
    server=$!
    probed=0
    timeout "$limit" bash "$probe" "$store" "$server" || probed=$?
    kill -TERM "$server" 2>/dev/null || true
    # 143: the JVM ends on SIGTERM as 128 + 15, as in a pod.
    wait "$server" || { code=$?; [ "$code" = 143 ] || echo "smoke-run: the server exited with $code after SIGTERM" >&2; }
    exit $probed
  ' smoke "$fs" "$config" "$store" "$work" "$limit" "$probe" "${launch[@]}" $args || { status=$?; break; }
done
exit $status
