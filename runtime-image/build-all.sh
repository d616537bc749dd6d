#!/usr/bin/env bash
# Builds every CAIG image as a tar without Docker, checks each, and smoke-runs them (needs root):
#   1. the Debian + Java 17 base (build-base.sh; kept once made)
#   2. the runtime image, CPU   -> runtime/target/image/caig-runtime-cpu.tar
#      the operator image       -> operator/target/caig-operator-image.tar
#   3. the runtime image, CUDA  -> runtime/target/image-cuda/caig-runtime-cu124.tar (skipped with --no-cuda)
#   4. image_tar.py check on each: entrypoint, user, working dir, environment, the files that must be there
#   5. smoke runs (smoke-run.sh): the CPU runtime image runs three pipeline stages as three pods would (offline,
#      read-only root, UID 1000), then `caig serve` on their models answers readiness and one generation; the operator
#      image boots Quarkus and the operator
#
#   sudo runtime-image/build-all.sh [--no-cuda]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/runtime-image"
cuda=true
[ "${1:-}" != "--no-cuda" ] || cuda=false
cd "$root"
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT

step() {
  local name="$1" start
  shift
  start=$(date +%s)
  echo "build-all: $name ..." >&2
  "$@"
  echo "$name: $(( $(date +%s) - start )) s" >>"$summary"
}
mvn_quiet() { mvn -B -ntp -q "$@"; }

cpu_tar=runtime/target/image/caig-runtime-cpu.tar
cuda_tar=runtime/target/image-cuda/caig-runtime-cu124.tar
operator_tar=operator/target/caig-operator-image.tar

step "base image" "$here/build-base.sh"
# The generator service's fast-jar first: the runtime image carries it at /opt/caig/serve. Built with the image
# profile (no libtorch jar, serve/target/image); Jib and the libtorch unpacking wait for the image builds below.
step "generator service" mvn_quiet -Pimage -pl serve -am -DskipTests -Djib.skip -Dmdep.skip package
step "runtime (CPU) and operator images" mvn_quiet -Pimage -pl runtime,operator -am -DskipTests package
if $cuda; then
  # The service again, on the CUDA image's DJL and pytorch-jni (serve/target/cuda/quarkus-app); jib waits for it.
  step "generator service (CUDA)" mvn_quiet -Pimage,cuda -pl serve -am -DskipTests -Djib.skip -Dmdep.skip package
  step "runtime (CUDA) image" mvn_quiet -Pimage,cuda -pl runtime -DskipTests package
fi

step "check runtime (CPU)" python3 "$here/image_tar.py" check runtime-cpu "$cpu_tar"
step "check operator" python3 "$here/image_tar.py" check operator "$operator_tar"
if $cuda; then
  step "check runtime (CUDA)" python3 "$here/image_tar.py" check runtime-cuda "$cuda_tar"
fi

# Two stages as two pods: each run starts from an empty work volume and DJL cache; only the store is shared.
store="$(mktemp -d)"
chown 1000:1000 "$store"
smoke_log="$here/target/smoke-runtime.log"
mkdir -p "$here/target"
step "smoke run: runtime (CPU)" "$here/smoke-run.sh" --config "$here/smoke" --store "$store" "$cpu_tar" -- \
  "--version" \
  "pipeline --config /etc/caig/pipeline.yaml --out /store/smoke --stage market" \
  "pipeline --config /etc/caig/pipeline.yaml --out /store/smoke --stage pretrain" \
  "pipeline --config /etc/caig/pipeline.yaml --out /store/smoke --stage reward" 2>&1 | tee "$smoke_log"
for artifact in market pretrain reward; do
  [ -s "$store/smoke/$artifact/manifest.json" ] || { echo "build-all: no $artifact artifact from the smoke run" >&2; exit 1; }
done
# The generator pod: `caig serve` on those models, probed for readiness and one generation, then SIGTERM.
serve_log="$here/target/smoke-serve.log"
step "smoke run: caig serve (CPU)" bash -c "set -o pipefail; '$here/smoke-run.sh' --timeout 300 --store '$store' \
  --probe '$here/smoke/serve-probe.sh' '$cpu_tar' -- \
  'serve --policy /store/smoke/pretrain --reward /store/smoke/reward --port 8080 --render-size 64' 2>&1 | tee '$serve_log'"
rm -rf "$store"

# No API server here (and no network): the operator must start its controllers on the read-only root, then stop
# because kubernetes.default.svc cannot be reached, as a pod without a cluster would.
operator_log="$here/target/smoke-operator.log"
step "smoke run: operator" bash -c "'$here/smoke-run.sh' --timeout 120 '$operator_tar' -- '' >'$operator_log' 2>&1 || true"
grep -q "Starting operator" "$operator_log" && grep -q "UnknownHostException: kubernetes.default.svc" "$operator_log" \
  || { echo "build-all: the operator image did not start its controllers; see $operator_log" >&2; exit 1; }

echo "build-all: done" >&2
cat "$summary"
for tar in "$cpu_tar" "$operator_tar" $($cuda && echo "$cuda_tar"); do
  echo "$(basename "$tar"): $(( $(stat -c %s "$tar") / 1000000 )) MB"
done
