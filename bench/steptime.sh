#!/usr/bin/env bash
# Training step time of the prompt model: DJL (our runtime) vs PyTorch eager on the same architecture, batch and
# threads. Usage: bench/steptime.sh [PIPELINE_CONFIG]   (default samples/local/quickstart.yaml)
# Env: THREADS (space-separated, default "1"), BATCH (default: the config's pretrain.batchSize),
#      WARMUP (500 steps before the timed ones, for both: the JVM compiles the hot code meanwhile; their times are
#      reported as a warm-up curve), STEPS (60 timed steps), ROUNDS (2: DJL then PyTorch, repeated; this VM's speed
#      drifts by tens of percent within minutes, so each round's ratio compares two runs made back to back),
#      MALLOC_TUNING (1: both run with the caig launcher's glibc malloc settings, as the runtime does; 0: glibc defaults;
#      DJL runs with the launcher's JVM settings: ParallelGC, 1 GiB heap),
#      PROFILE=1 (then 10 more steps of each under PyTorch's profiler: ATen ops per step, time inside libtorch, top
#      ops; the profiler slows DJL's steps several times, so compare op counts and shares, not times).
# Installs Debian's python3-torch and OpenBLAS first when missing (bench/steptime/setup.sh, needs root and apt).
# Writes bench/results/steptime.json: per config and thread count, each round's medians and ratio, the median ratio,
# and both warm-up curves. Fails when the two models' parameter counts or shapes differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$(realpath "${1:-$root/samples/local/quickstart.yaml}")"
out="${OUT:-$root/bench/results/steptime.json}"
threads_list="${THREADS:-1}"
warmup="${WARMUP:-500}"
steps="${STEPS:-60}"
rounds="${ROUNDS:-2}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$root/bench/steptime/setup.sh"
"$root/caig" --version >/dev/null   # builds the runtime when needed
load_before="$(cat /proc/loadavg)"
malloc_env=()
if [ "${MALLOC_TUNING:-1}" = 1 ]; then   # the same defaults as ./caig
  malloc_env=(MALLOC_ARENA_MAX=1 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_MMAP_THRESHOLD_=33554432)
fi

djl() {   # threads, then the benchmark's own options
  local t="$1"; shift
  env "${malloc_env[@]}" java -XX:+UseParallelGC -Xmx1g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$t" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
    dev.caig.runtime.bench.PromptModelStepBenchmark --config "$config" ${BATCH:+--batch "$BATCH"} "$@"
}

pytorch() {   # batch json, out json, threads, warmup, steps [, trace]
  env "${malloc_env[@]}" LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    /usr/bin/python3 "$root/bench/steptime/prompt_model.py" "$@"
}

for t in $threads_list; do
  for r in $(seq 1 "$rounds"); do
    echo "steptime: $(basename "$config"), $t thread(s), round $r of $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    djl "$t" --warmup "$warmup" --steps "$steps" --out "$tmp/djl-$t-$r.json" --batch-out "$tmp/batch.json"
    pytorch "$tmp/batch.json" "$tmp/torch-$t-$r.json" "$t" "$warmup" "$steps"
  done
  if [ "${PROFILE:-0}" = 1 ]; then
    djl "$t" --warmup "$warmup" --steps 10 --out "$tmp/djl-profiled-$t.json" --profile "$tmp/djl-trace-$t.json" >/dev/null
    pytorch "$tmp/batch.json" "$tmp/torch-profiled-$t.json" "$t" "$warmup" 10 "$tmp/torch-trace-$t.json" >/dev/null
    for side in djl torch; do
      /usr/bin/python3 "$root/bench/steptime/profile_summary.py" "$tmp/$side-trace-$t.json" 10 >"$tmp/$side-profile-$t.json"
    done
  fi
done
/usr/bin/python3 - "$config" "$out" "$tmp" "$load_before" "$threads_list" "${MALLOC_TUNING:-1}" "$rounds" <<'EOF'
import datetime, json, os, statistics, sys
config, out, tmp, load_before, threads, malloc = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(), sys.argv[6]
rounds = int(sys.argv[7])
runs = []
for t in threads:
    per_round = []
    for r in range(1, rounds + 1):
        djl = json.load(open(f"{tmp}/djl-{t}-{r}.json"))
        torch = json.load(open(f"{tmp}/torch-{t}-{r}.json"))
        if djl["parameters"] != torch["parameters"] or not torch["sameParameterShapes"]:
            sys.exit(f"steptime: the models differ: DJL {djl['parameters']} parameters, PyTorch {torch['parameters']}"
                     f" (same shapes: {torch['sameParameterShapes']})")
        per_round.append({
            "round": r,
            "ratioDjlToPytorch": round(djl["medianStepMs"] / torch["medianStepMs"], 3),
            # CPU time per step is less disturbed than wall time by other jobs on a shared machine.
            "cpuRatioDjlToPytorch": round(djl["meanCpuMsPerStep"] / torch["meanCpuMsPerStep"], 3),
            "djl": djl,
            "pytorch": torch,
        })
    ratios = [r["ratioDjlToPytorch"] for r in per_round]
    run = {
        "threads": int(t),
        "ratioDjlToPytorch": round(statistics.median(ratios), 3),
        "ratioRange": [min(ratios), max(ratios)],
        "goal": 1.2,
        "rounds": per_round,
    }
    if os.path.exists(f"{tmp}/djl-profile-{t}.json"):
        run["profile"] = {"djl": json.load(open(f"{tmp}/djl-profile-{t}.json")),
                          "pytorch": json.load(open(f"{tmp}/torch-profile-{t}.json"))}
    runs.append(run)
    for r in per_round:
        d, p = r["djl"], r["pytorch"]
        print(f"steptime: {t} thread(s), round {r['round']}: median step DJL {d['medianStepMs']} ms, PyTorch"
              f" {p['medianStepMs']} ms, ratio {r['ratioDjlToPytorch']}; CPU per step {d['meanCpuMsPerStep']} /"
              f" {p['meanCpuMsPerStep']} ms, ratio {r['cpuRatioDjlToPytorch']}")
    first = per_round[0]
    curve = lambda side: ", ".join(f"{w['firstStep']}-{w['lastStep']}: {w['medianStepMs']}"
                                   for w in first[side].get("warmupCurve", []))
    print(f"steptime: warm-up, median ms by steps: DJL {curve('djl')}; PyTorch {curve('pytorch')}")
    print(f"steptime: {t} thread(s): ratio DJL / PyTorch {run['ratioDjlToPytorch']} (median of {rounds} rounds,"
          f" range {min(ratios)}-{max(ratios)}; goal <= 1.2)")
name = os.path.splitext(os.path.basename(config))[0] + ("" if malloc == "1" else "-glibc-malloc-defaults")
results = json.load(open(out)) if os.path.exists(out) else {}
results[name] = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "config": os.path.relpath(config),
    "cores": os.cpu_count(),
    "loadAverageBefore": load_before.strip(),
    "loadAverageAfter": open("/proc/loadavg").read().strip(),
    "mallocTuning": malloc == "1",
    "runs": runs,
}
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(results, f, indent=2)
print(f"steptime: written to {out}")
EOF
