#!/usr/bin/env bash
# Benchmark of `caig serve`: p50/p95 latency for 4 candidates at 256 px and throughput at concurrency 1, 4 and 16.
# Starts the server on the quickstart models, sends requests with dev.caig.runtime.serve.ServeBenchmark, and
# writes bench/results/serve.json. Models: $POLICY and $REWARD, else /tmp/serve-run/{pcpo,reward}, else it runs
# the quickstart pipeline into /tmp/serve-run first (about 5 minutes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="${RUN_DIR:-/tmp/serve-run}"
policy="${POLICY:-$run_dir/pcpo}"
reward="${REWARD:-$run_dir/reward}"
port="${PORT:-18090}"
out="${OUT:-$root/bench/results/serve.json}"
if [ ! -f "$policy/manifest.json" ] || [ ! -f "$reward/manifest.json" ]; then
  echo "serve-bench: no models at $policy and $reward; running the quickstart pipeline into $run_dir" >&2
  CAIG_LOCAL_STORE="${CAIG_LOCAL_STORE:-/tmp/serve-store}" "$root/caig" pipeline \
    --config "$root/samples/local/quickstart.yaml" --out "$run_dir"
fi
image="${IMAGE:-$run_dir/market/products/p00000.png}"
title="${TITLE:-Pureleaf Sensitive Skin Body Lotion 30ml}"

"$root/caig" --version >/dev/null   # builds the runtime when needed
"$root/caig" serve --policy "$policy" --reward "$reward" --port "$port" --bind 127.0.0.1 \
  --render-size 256 --queue 32 ${SERVE_ARGS:-} &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "serve-bench: server not ready" >&2; exit 1; }
# ./caig execs java, so $server is the server JVM: the benchmark reads its CPU time from /proc.
java -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.requests="${REQUESTS:-48}" \
  dev.caig.runtime.serve.ServeBenchmark "http://127.0.0.1:$port" "$image" "$title" 4 "$out" "$server"
