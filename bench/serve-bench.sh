#!/usr/bin/env bash
# Benchmark of `caig serve`: p50/p95 latency for 4 candidates at 256 px, throughput at concurrency 1, 4 and 16, time
# from start to ready, and the server's memory. Starts each server on the quickstart models, sends requests with
# dev.caig.runtime.serve.ServeBenchmark, stops it, and writes one JSON per run plus bench/results/serve.json.
#   ROUNDS    rounds, run back to back (default 1)
# The comparison with the JDK-HttpServer service that Quarkus replaced ran at commit 8139cde, where this script took
# SERVERS="jdk quarkus" and alternated the two in each round (bench/results/serve-jdk-*.json, serve-quarkus-*.json).
# Models: $POLICY and $REWARD, else /tmp/serve-run/{pcpo,reward}, else it runs the quickstart pipeline into
# /tmp/serve-run first (about 5 minutes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="${RUN_DIR:-/tmp/serve-run}"
policy="${POLICY:-$run_dir/pcpo}"
reward="${REWARD:-$run_dir/reward}"
port="${PORT:-18090}"
results="${RESULTS:-$root/bench/results}"
servers=quarkus
rounds="${ROUNDS:-1}"
if [ ! -f "$policy/manifest.json" ] || [ ! -f "$reward/manifest.json" ]; then
  echo "serve-bench: no models at $policy and $reward; running the quickstart pipeline into $run_dir" >&2
  CAIG_LOCAL_STORE="${CAIG_LOCAL_STORE:-/tmp/serve-store}" "$root/caig" pipeline \
    --config "$root/samples/local/quickstart.yaml" --out "$run_dir"
fi
image="${IMAGE:-$run_dir/market/products/p00000.png}"
title="${TITLE:-Pureleaf Sensitive Skin Body Lotion 30ml}"

"$root/caig" serve --help >/dev/null   # builds the runtime and the service when needed
# The JVM settings of ./caig, the same for every server.
export MALLOC_ARENA_MAX=1 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_MMAP_THRESHOLD_=33554432
jvm=(java -XX:+UseParallelGC -Xmx1g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)
args=(--policy "$policy" --reward "$reward" --port "$port" --bind 127.0.0.1 --render-size 256 --queue 32 ${SERVE_ARGS:-})

server=""
trap '[ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true' EXIT
mkdir -p "$results"
runs=()
for round in $(seq 1 "$rounds"); do
  for name in $servers; do
    case "$name" in
      quarkus) cmd=("${jvm[@]}" -jar "$root/serve/target/quarkus-app/quarkus-run.jar" "${args[@]}"); ready=/q/health/ready ;;
    esac
    echo "serve-bench: round $round, $name" >&2
    start=$(date +%s%N)
    "${cmd[@]}" >"$results/serve-$name-$round.log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do
      if curl -sf "http://127.0.0.1:$port$ready" >/dev/null; then break; fi
      sleep 0.1
    done
    curl -sf "http://127.0.0.1:$port$ready" >/dev/null || { echo "serve-bench: $name not ready" >&2; exit 1; }
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    out="$results/serve-$name-$round.json"
    java -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.requests="${REQUESTS:-48}" \
      dev.caig.runtime.serve.ServeBenchmark "http://127.0.0.1:$port" "$image" "$title" 4 "$out" "$server"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    jq --arg s "$name" --argjson r "$round" --argjson t "$ready_ms" '. + {server: $s, round: $r, startToReadyMs: $t}' \
      "$out" >"$out.tmp" && mv "$out.tmp" "$out"
    runs+=("$out")
  done
done
# Every run, and per server the median over rounds of each figure.
jq -s '{runs: ., summary: (group_by(.server) | map({server: .[0].server, rounds: length,
    startToReadyMs: ([.[].startToReadyMs] | sort | .[length/2|floor]),
    serverPeakRssMb: ([.[].serverPeakRssMb] | sort | .[length/2|floor]),
    levels: ([.[].levels[]] | group_by(.concurrency) | map({concurrency: .[0].concurrency,
      p50Ms: ([.[].p50Ms] | sort | .[length/2|floor]), p95Ms: ([.[].p95Ms] | sort | .[length/2|floor]),
      throughputPerSecond: ([.[].throughputPerSecond] | sort | .[length/2|floor]),
      serverCpuMsPerRequest: ([.[].serverCpuMsPerRequest] | sort | .[length/2|floor])}))}))}' \
  "${runs[@]}" >"$results/serve.json"
jq -c '.summary[]' "$results/serve.json"
echo "serve-bench: wrote $results/serve.json" >&2
