#!/usr/bin/env bash
# Reproducibility of each stage: runs the market once, then each stage N times on the same inputs, every time in a
# fresh JVM (caig pipeline --stage S --force-stage S), and counts the distinct results: the sha256 of the artifact's
# files (manifest.json, which holds a timestamp, left out). The market is also made N times. 1 distinct result per
# stage is a reproducible stage; more says which stage is not.
# Usage: bench/repeat-stages.sh [N] [PIPELINE_CONFIG]   (default 3, samples/local/quickstart.yaml)
# Env: STAGES (default "market pretrain reward pcpo"), SCRATCH (default /tmp/caig-repeat-stages; deleted first),
# RESULTS (default bench/results), CAIG (the caig command, default ./caig), MARKET_FROM (a market folder, e.g.
# <store>/caig/paper/market, copied in instead of making it: leave market out of STAGES to repeat later stages of a
# large config without waiting for its market). A stage with a history.json (the reward model's per-epoch metrics)
# also records each run's held-out accuracy per epoch, to show the epoch where runs part.
# Writes <RESULTS>/repeat-stages.json: per stage the runs, the number of distinct results and each run's digest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-3}"
config="$(realpath "${2:-$root/samples/local/quickstart.yaml}")"
name="$(basename "$config")"; name="${name%.*}"
scratch="${SCRATCH:-/tmp/caig-repeat-stages}"
results="${RESULTS:-$root/bench/results}"
caig="${CAIG:-$root/caig}"
stages="${STAGES:-market pretrain reward pcpo}"
rm -rf "$scratch"
mkdir -p "$scratch" "$results"
unset CAIG_S3_ENDPOINT
export CAIG_LOCAL_STORE="$scratch/store" CAIG_WORK_DIR="$scratch/work" CAIG_PROGRESS=quiet
cd "$root"
if [ -n "${MARKET_FROM:-}" ]; then
  mkdir -p "$CAIG_LOCAL_STORE/caig/$name"
  cp -r "$MARKET_FROM" "$CAIG_LOCAL_STORE/caig/$name/market"
fi

digest() { # stage -> one sha256 over the artifact's files and their paths
  (cd "$CAIG_LOCAL_STORE/caig/$name/$1" && find . -type f ! -name manifest.json ! -name progress.json \
     ! -path './checkpoint*' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
}

lines="$scratch/digests.txt"
: >"$lines"
for stage in $stages; do
  for i in $(seq 1 "$n"); do
    echo "repeat-stages: $stage run $i of $n (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    "$caig" pipeline --config "$config" --stage "$stage" --force-stage "$stage" >"$scratch/$stage-$i.log" 2>&1 \
      || { echo "repeat-stages: $stage run $i failed, see $scratch/$stage-$i.log" >&2; exit 1; }
    echo "$stage $i $(digest "$stage")" >>"$lines"
    history="$CAIG_LOCAL_STORE/caig/$name/$stage/history.json"
    if [ -f "$history" ]; then mkdir -p "$scratch/histories"; cp "$history" "$scratch/histories/$stage-$i.json"; fi
  done
done

/usr/bin/python3 - "$lines" "$results/repeat-stages.json" "$name" "$n" "$scratch/histories" <<'EOF'
import collections, datetime, json, os, sys
lines, out, name, n, histories = sys.argv[1:]
by_stage = collections.OrderedDict()
for line in open(lines):
    stage, run, digest = line.split()
    by_stage.setdefault(stage, []).append(digest)
result = {
    "benchmark": "bench/repeat-stages.sh",
    "config": name,
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "loadAverage": open("/proc/loadavg").read().split()[:3],
    "runsPerStage": int(n),
    "note": "Each run is a fresh JVM on the same inputs (the stages before it ran once). distinct = number of "
            "different artifact contents (sha256 of every file but manifest.json).",
    "stages": {s: {"runs": len(d), "distinct": len(set(d)), "digests": d} for s, d in by_stage.items()},
}
for s in result["stages"]:
    runs = [os.path.join(histories, f"{s}-{i + 1}.json") for i in range(int(n))]
    if all(os.path.exists(r) for r in runs):
        result["stages"][s]["heldOutAccuracyPerEpoch"] = [
            [round(e["heldOutAccuracy"], 4) for e in json.load(open(r)) if "heldOutAccuracy" in e] for r in runs]
for k in ("MKL_CBWR", "MARKET_FROM"):
    if os.environ.get(k):
        result.setdefault("environment", {})[k] = os.environ[k]
json.dump(result, open(out, "w"), indent=2)
print(json.dumps({s: v["distinct"] for s, v in result["stages"].items()}))
EOF
