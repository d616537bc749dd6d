#!/usr/bin/env bash
# Wall time and peak RSS of each pipeline stage, each run as its own process (what a Kubernetes Job does):
#   ./caig pipeline --config C --stage S   under /usr/bin/time -v, in a fresh embedded store.
# Usage: bench/pipeline-bench.sh [PIPELINE_CONFIG]   (default samples/local/quickstart.yaml)
# Writes bench/results/pipeline-<config name>.json and .md (a table), with the load average around each stage.
# The trained models stay in the store, s3://caig/<name>/... (bench/throughput-bench.sh scores with its reward model).
# Env: STORE (default /tmp/caig-bench/store-<config name>, emptied first; a given STORE must be empty),
#      RESULTS (default bench/results).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$(realpath "${1:-$root/samples/local/quickstart.yaml}")"
results="${RESULTS:-$root/bench/results}"
name="$(basename "$config")"; name="${name%.*}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${STORE:-}" ]; then
  store="$STORE"
  if [ -e "$store" ] && [ -n "$(ls -A "$store" 2>/dev/null)" ]; then
    echo "pipeline-bench: $store is not empty; the benchmark needs a fresh store" >&2
    exit 1
  fi
else
  store="/tmp/caig-bench/store-$name"
  rm -rf "$store"
fi
mkdir -p "$store"
export CAIG_LOCAL_STORE="$store" CAIG_PROGRESS=quiet
unset CAIG_S3_ENDPOINT

"$root/caig" --version >/dev/null   # builds the runtime when needed, outside the measurements
# The stages this config runs, as the runner plans them (its error message lists them).
plan="$("$root/caig" pipeline --config "$config" --stage '?' 2>&1 || true)"
stages="$(sed -n 's/.*its stages are \[\(.*\)\]$/\1/p' <<<"$plan" | tr -d ',')"
if [ -z "$stages" ]; then
  echo "pipeline-bench: cannot read the stage plan of $config: $plan" >&2
  exit 1
fi

rows="$work/rows.jsonl"
: >"$rows"
for stage in $stages; do
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pipeline-bench: $name: $stage (load average $load_before)" >&2
  /usr/bin/time -v -o "$work/time-$stage.txt" "$root/caig" pipeline --config "$config" --stage "$stage" \
    --export "$work/report" >"$work/out-$stage.txt" 2>"$work/err-$stage.txt" || {
      echo "pipeline-bench: stage $stage failed:" >&2; tail -5 "$work/err-$stage.txt" >&2; exit 1; }
  /usr/bin/python3 - "$stage" "$work/time-$stage.txt" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$rows" <<'EOF'
import json, sys
stage, time_file, before, after = sys.argv[1:5]
fields = dict(line.strip().split(": ", 1) for line in open(time_file) if ": " in line)
wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
print(json.dumps({
    "stage": stage,
    "wallSeconds": round(seconds, 1),
    "cpuSeconds": round(float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]), 1),
    "peakRssMiB": round(int(fields["Maximum resident set size (kbytes)"]) / 1024),
    "loadAverageBefore": before,
    "loadAverageAfter": after,
}))
EOF
done

mkdir -p "$results"
/usr/bin/python3 - "$rows" "$config" "$name" "$results" <<'EOF'
import datetime, json, os, sys
rows_file, config, name, results = sys.argv[1:5]
rows = [json.loads(line) for line in open(rows_file)]
summary = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "config": os.path.relpath(config),
    "command": "./caig pipeline --config %s --stage STAGE (one process per stage, fresh store)" % os.path.relpath(config),
    "cores": os.cpu_count(),
    "javaOptions": os.environ.get("CAIG_JAVA_OPTS", "-Xmx1g -XX:MaxDirectMemorySize=256m (launcher default)"),
    "totalWallSeconds": round(sum(r["wallSeconds"] for r in rows), 1),
    "maxPeakRssMiB": max(r["peakRssMiB"] for r in rows),
    "stages": rows,
}
with open(os.path.join(results, "pipeline-%s.json" % name), "w") as f:
    json.dump(summary, f, indent=2)
lines = ["| stage | wall | CPU | peak RSS | load average before |", "| --- | --- | --- | --- | --- |"]
for r in rows:
    lines.append("| %s | %.1f s | %.1f s | %d MiB | %s |" % (r["stage"], r["wallSeconds"], r["cpuSeconds"],
                                                          r["peakRssMiB"], r["loadAverageBefore"]))
lines.append("| **total** | **%.1f s** | %.1f s | max **%d MiB** | |" % (summary["totalWallSeconds"],
             sum(r["cpuSeconds"] for r in rows), summary["maxPeakRssMiB"]))
with open(os.path.join(results, "pipeline-%s.md" % name), "w") as f:
    f.write("%s, %s, %d cores: `%s`\n\n" % (summary["date"], summary["config"], summary["cores"], summary["command"]))
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
print("pipeline-bench: written to %s/pipeline-%s.{json,md}" % (results, name))
EOF
