#!/usr/bin/env bash
# Builds the base image of the CAIG images without Docker: a Debian bookworm root filesystem with a headless Java 17
# runtime, made by debootstrap from Debian's packages, packed as a `docker save` tar that Jib reads as `tar://` base.
#
#   sudo runtime-image/build-base.sh [--force]      # writes runtime-image/target/base/caig-base.tar
#
# Needs root (debootstrap and chroot) and a Debian package mirror: DEBIAN_MIRROR, else the one this machine's apt
# sources use for bookworm (/etc/apt/sources.list and sources.list.d, one-line or deb822 format).
# An existing base tar is kept unless --force is given.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${CAIG_BASE_DIR:-$here/target/base}"
base_tar="$out_dir/caig-base.tar"
suite=bookworm
# The image's one user: the operator runs every pod as this numeric UID/GID (RuntimePod.UID) with this work dir.
uid=1000
work_dir=/var/lib/caig
java_home=/usr/lib/jvm/java-17-openjdk-amd64

fail() { echo "build-base: $*" >&2; exit 1; }

# The first enabled `deb` source of $suite itself (not -security or -updates) in the machine's apt sources.
apt_mirror() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] && awk -v s="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
      if ($(i + 1) == s) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    # deb822 stanzas, separated by blank lines: Types, URIs and Suites in any order.
    [ -r "$f" ] && awk -v s="$suite" 'function flush() { if (deb && suites ~ (" " s " ") && uri != "") print uri; deb = 0; uri = ""; suites = "" }
      /^[ \t]*$/ { flush(); next } /^#/ { next }
      tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      tolower($1) == "uris:" { uri = $2 } tolower($1) == "suites:" { suites = " " substr($0, index($0, ":") + 1) " " }
      tolower($1) == "enabled:" && tolower($2) == "no" { deb = 0; uri = "" }
      END { flush() }' "$f"
  done
  return 0
}
mirror="${DEBIAN_MIRROR:-$(apt_mirror | head -n 1 || true)}"
[ -n "$mirror" ] || fail "no Debian mirror for $suite in this machine's apt sources; set DEBIAN_MIRROR to one"

if [ "${1:-}" != "--force" ] && [ -s "$base_tar" ]; then
  echo "build-base: $base_tar exists (use --force to rebuild)"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot); run it with sudo"
if ! command -v debootstrap >/dev/null; then
  echo "build-base: installing debootstrap" >&2
  apt-get install -y -q debootstrap >/dev/null || fail "debootstrap is missing and 'apt-get install debootstrap' failed"
fi

start=$(date +%s)
rootfs="$out_dir/rootfs"
umount "$rootfs/proc" 2>/dev/null || true   # left mounted by an interrupted run
rm -rf "$rootfs" "$out_dir/layer" && mkdir -p "$rootfs" "$out_dir/layer"
echo "build-base: debootstrap $suite (minbase + openjdk-17-jre-headless) from $mirror ..." >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless "$suite" "$rootfs" "$mirror" >"$out_dir/debootstrap.log" 2>&1 \
  || fail "debootstrap failed; see $out_dir/debootstrap.log"

# The java launcher finds its libraries through /proc/self/exe: mount /proc while running commands inside.
mount -t proc proc "$rootfs/proc"
trap 'umount "$rootfs/proc" 2>/dev/null || true' EXIT
chroot "$rootfs" /bin/sh -ec "
  groupadd --gid $uid caig
  useradd --uid $uid --gid $uid --home-dir $work_dir --no-create-home --shell /usr/sbin/nologin caig
  mkdir -p $work_dir && chown $uid:$uid $work_dir && chmod 0750 $work_dir
  $java_home/bin/java -version
" 2>&1 | sed 's/^/build-base: /' >&2
umount "$rootfs/proc"

# What a container never needs: package caches and lists, docs (but each package's copyright), man pages,
# translations, logs.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/debconf/*-old \
       "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
       "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/root/.bash_history
find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
# Devices, /proc and /sys come from the container runtime; device nodes in a layer break rootless runtimes.
find "$rootfs/dev" "$rootfs/proc" "$rootfs/sys" -mindepth 1 -delete 2>/dev/null || true

# One layer, in a stable order with numeric owners, then the `docker save` layout: config, manifest, layer.
layer="$out_dir/layer/layer.tar"
tar --create --file "$layer" --directory "$rootfs" --sort=name --numeric-owner --xattrs .
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat >"$out_dir/layer/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "User":"$uid:$uid","WorkingDir":"$work_dir"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"debootstrap --variant=minbase --include=openjdk-17-jre-headless $suite"}]}
JSON
cat >"$out_dir/layer/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["caig-base:$suite-jre17"],"Layers":["layer.tar"]}]
JSON
tar --create --file "$base_tar.tmp" --directory "$out_dir/layer" manifest.json config.json layer.tar
mv "$base_tar.tmp" "$base_tar"
rm -rf "$rootfs" "$out_dir/layer"
echo "build-base: wrote $base_tar ($(du -m "$base_tar" | cut -f1) MB) in $(( $(date +%s) - start )) s"
