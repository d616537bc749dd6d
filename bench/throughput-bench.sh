#!/usr/bin/env bash
# Renderer and reward-model throughput at 256 px: ads rendered per second (one thread, all cores) and ads scored per
# second by a trained reward model (resize to its input size + batched forward pass, the serving path).
# Usage: bench/throughput-bench.sh [REWARD_MODEL_URI]
#   default: s3://caig/quickstart/reward in the store bench/pipeline-bench.sh leaves (/tmp/caig-bench/store-quickstart).
# Writes bench/results/throughput.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/bench/results/throughput.json}"
if [ -n "${1:-}" ]; then
  reward="$1"
else
  export CAIG_LOCAL_STORE="${CAIG_LOCAL_STORE:-/tmp/caig-bench/store-quickstart}"
  unset CAIG_S3_ENDPOINT
  reward="s3://caig/quickstart/reward"
  if [ -z "$(find "$CAIG_LOCAL_STORE" -path '*quickstart/reward/manifest.json' 2>/dev/null | head -1)" ]; then
    echo "throughput-bench: no reward model in $CAIG_LOCAL_STORE: run bench/pipeline-bench.sh first, or give a URI" >&2
    exit 1
  fi
fi
"$root/caig" --version >/dev/null   # builds the runtime when needed
cores=$(nproc 2>/dev/null || echo 2)
threads="${CAIG_THREADS:-$(( cores > 2 ? cores / 2 : 1 ))}"   # the launcher's default
java -XX:+UseParallelGC -Xmx1g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
  dev.caig.runtime.bench.RenderScoreBenchmark --reward "$reward" --size "${SIZE:-256}" --out "$out"
echo "throughput-bench: written to $out" >&2
