#!/usr/bin/env bash
# Benchmark of `caig serve`: p50/p95 latency for 4 candidates at 256 px, throughput at concurrency 1, 4 and 16, time
# from start to ready, and the server's memory. Starts each server on the quickstart models, sends requests with
# dev.caig.runtime.serve.ServeBenchmark, stops it, and writes one JSON per run (bench/results/serve-runs/) plus
# bench/results/serve.json: every run, the medians, and what the machine was doing (load average, commit, CPU).
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
# One JSON per run in serve-runs/ (server logs in $TMPDIR) (the JDK/Quarkus comparison's serve-jdk-*.json and
# serve-quarkus-*.json stay as they were); the summary of all runs in serve.json.
runs_dir="$results/serve-runs"
mkdir -p "$results" "$runs_dir"
runs=()
for round in $(seq 1 "$rounds"); do
  for name in $servers; do
    case "$name" in
      quarkus) cmd=("${jvm[@]}" -jar "$root/serve/target/quarkus-app/quarkus-run.jar" "${args[@]}"); ready=/q/health/ready ;;
    esac
    echo "serve-bench: round $round, $name" >&2
    start=$(date +%s%N)
    log="${TMPDIR:-/tmp}/serve-bench-$name-$round.log"
    echo "serve-bench: server log $log" >&2
    "${cmd[@]}" >"$log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do
      if curl -sf "http://127.0.0.1:$port$ready" >/dev/null; then break; fi
      sleep 0.1
    done
    curl -sf "http://127.0.0.1:$port$ready" >/dev/null || { echo "serve-bench: $name not ready" >&2; exit 1; }
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    out="$runs_dir/$name-$round.json"
    java -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.requests="${REQUESTS:-48}" \
      dev.caig.runtime.serve.ServeBenchmark "http://127.0.0.1:$port" "$image" "$title" 4 "$out" "$server"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    jq --arg s "$name" --argjson r "$round" --argjson t "$ready_ms" '. + {server: $s, round: $r, startToReadyMs: $t}' \
      "$out" >"$out.tmp" && mv "$out.tmp" "$out"
    runs+=("$out")
  done
done
# What was measured, on what, and under which load: the machine may be shared, so the file says so itself.
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$root" diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || commit="$commit (with uncommitted changes)"
about="$(jq -n --arg commit "$commit" --arg cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
  --argjson cores "$(nproc)" --arg loadAfter "$load_after" --arg policy "$policy" --arg reward "$reward" \
  --arg policyManifest "$(sha256sum "$policy/manifest.json" | cut -d' ' -f1)" \
  --arg rewardManifest "$(sha256sum "$reward/manifest.json" | cut -d' ' -f1)" --arg args "${args[*]}" '{
  what: "caig serve (Quarkus, serve/): one POST /v1/generate JSON request after another at each concurrency, 4 candidates at 256 px each",
  goal: "p50 at concurrency 1 at most 150 ms for 4 candidates at 256 px (issue 16)",
  commit: $commit, cpu: $cpu, cores: $cores, loadAverageAfter: $loadAfter,
  note: "the server and the client share the machine; loadAverageBefore (per run) and loadAverageAfter say how busy it was: figures taken under other jobs load are not the service'"'"'s own",
  serverArgs: $args, policy: {path: $policy, manifestSha256: $policyManifest}, reward: {path: $reward, manifestSha256: $rewardManifest},
  fields: {p50Ms: "median latency of a request, client side", throughputPerSecond: "requests answered per second",
    serverCpuMsPerRequest: "CPU time of the server process per request (least disturbed by other load)",
    startToReadyMs: "from starting the JVM to the first 200 of /q/health/ready (models loaded and verified)",
    serverPeakRssMb: "the server process peak resident memory (VmHWM)"}}')"
# Every run, and per server the median over rounds of each figure.
jq -s --argjson about "$about" '{about: $about, runs: ., summary: (group_by(.server) | map({server: .[0].server, rounds: length,
    startToReadyMs: ([.[].startToReadyMs] | sort | .[length/2|floor]),
    serverPeakRssMb: ([.[].serverPeakRssMb] | sort | .[length/2|floor]),
    levels: ([.[].levels[]] | group_by(.concurrency) | map({concurrency: .[0].concurrency,
      p50Ms: ([.[].p50Ms] | sort | .[length/2|floor]), p95Ms: ([.[].p95Ms] | sort | .[length/2|floor]),
      throughputPerSecond: ([.[].throughputPerSecond] | sort | .[length/2|floor]),
      serverCpuMsPerRequest: ([.[].serverCpuMsPerRequest] | sort | .[length/2|floor])}))}))}' \
  "${runs[@]}" >"$results/serve.json"
jq -r '.about as $a | "serve-bench: commit \($a.commit), \($a.cores) cores, load average after \($a.loadAverageAfter)",
  (.summary[] | "  \(.server) (median of \(.rounds) rounds): start to ready \(.startToReadyMs) ms, peak RSS \(.serverPeakRssMb) MB",
    (.levels[] | "    concurrency \(.concurrency): p50 \(.p50Ms) ms, p95 \(.p95Ms) ms, \(.throughputPerSecond) requests/s, server CPU \(.serverCpuMsPerRequest) ms/request"))' \
  "$results/serve.json"
echo "serve-bench: wrote $results/serve.json" >&2
