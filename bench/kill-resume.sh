#!/usr/bin/env bash
# Crash safety of a pipeline run: one uninterrupted quickstart as the reference, then N runs each killed with SIGKILL
# at one point and rerun to completion on the same store and work root. Odd runs are killed at a random moment, even
# runs while a checkpoint other than a stage's first is being written (a slot whose files are there but whose
# manifest.json is not).
# Reports how many reruns end with every model file identical to the reference's and how much disk is left behind.
# Usage: bench/kill-resume.sh [N] [PIPELINE_CONFIG]   (default 4, samples/local/quickstart.yaml)
# Env: SCRATCH (default /tmp/caig-kill-resume; deleted first), RESULTS (default bench/results), CAIG (the caig command,
# default ./caig; point it at a copy to keep editing the sources while this runs), BUDGET_S (start no new run after
# this many seconds; the figures then cover the runs that finished, and "runs" says how many).
# CONTINUE=1 keeps SCRATCH, its reference and finished runs, and adds runs up to N; FINISH_ONLY=1 only writes the
# figures of the finished runs in SCRATCH.
# Writes <RESULTS>/kill-resume.json: runs, identical, leftoverBytes (work folders, temp files and cut-off checkpoint
# slots left after the reruns), checkpointBytes (each stage's last checkpoint, kept by design) and one entry per run.
# Each run costs about one quickstart (~2 min on 2 quiet cores), the reference one more.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-4}"
config="$(realpath "${2:-$root/samples/local/quickstart.yaml}")"
name="$(basename "$config")"; name="${name%.*}"
scratch="${SCRATCH:-/tmp/caig-kill-resume}"
results="${RESULTS:-$root/bench/results}"
caig="${CAIG:-$root/caig}"
budget="${BUDGET_S:-0}"
started=$(date +%s)
if [ "${FINISH_ONLY:-0}" != 1 ] && [ "${CONTINUE:-0}" != 1 ]; then
  rm -rf "$scratch"
fi
mkdir -p "$scratch/tmp" "$scratch/work" "$results"
unset CAIG_S3_ENDPOINT
# One work root for every run (a rerun must clean what the killed run left there); the JVM's temp folder is inside
# the scratch folder too, so anything left in it is counted.
export CAIG_WORK_DIR="$scratch/work"
export CAIG_JAVA_OPTS="-Xmx1g -XX:MaxDirectMemorySize=256m -Djava.io.tmpdir=$scratch/tmp"
export CAIG_PROGRESS=json
cd "$root"

entries="$scratch/entries.jsonl"

run_pipeline() { # store log: runs to completion
  CAIG_LOCAL_STORE="$1" "$caig" pipeline --config "$config" --export "$scratch/export" >>"$2" 2>&1
}

# The files of every model artifact (no manifest: it holds a timestamp), as "stage/file sha256" lines.
model_sums() {
  (cd "$1/caig/$name" && for stage in pretrain reward pcpo dpo; do
     [ -d "$stage" ] && find "$stage" -type f ! -name manifest.json ! -name progress.json ! -path '*/checkpoint*' | sort | xargs sha256sum
   done)
}

if [ "${FINISH_ONLY:-0}" != 1 ]; then
if [ "${CONTINUE:-0}" = 1 ] && [ -s "$scratch/ref.sums" ]; then
  ref_seconds=$(cat "$scratch/ref.seconds" 2>/dev/null || echo 600)
  touch "$entries"
else
  echo "kill-resume: reference run (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  start=$(date +%s.%N)
  run_pipeline "$scratch/store-ref" "$scratch/ref.log"
  ref_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  model_sums "$scratch/store-ref" >"$scratch/ref.sums"
  : >"$entries"
fi
echo "$ref_seconds" >"$scratch/ref.seconds"
for i in $(seq $(( $(wc -l <"$entries") + 1 )) "$n"); do
  if [ "$budget" -gt 0 ] && [ $(( $(date +%s) - started )) -gt "$budget" ]; then
    echo "kill-resume: BUDGET_S=$budget s spent; stopping after $((i - 1)) runs" >&2
    break
  fi
  store="$scratch/store-$i"
  log="$scratch/run-$i.log"
  CAIG_LOCAL_STORE="$store" "$caig" pipeline --config "$config" --export "$scratch/export" >"$log" 2>&1 &
  pid=$!
  begin=$(date +%s.%N)
  mode=random
  if [ $((i % 2)) -eq 0 ]; then
    mode=checkpoint-write
    # Kill the moment a checkpoint slot after a stage's first has files but no manifest yet (so there is a previous
    # checkpoint to keep); give up after the reference's time.
    deadline=$(echo "$(date +%s) + ${ref_seconds%.*}" | bc)
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
      slot=""
      for d in "$store/caig/$name/checkpoints"/*/0*/; do  # globs, no processes: the window is short
        [ -d "$d" ] && [ "$(basename "$d")" != 000001 ] && [ ! -e "$d/manifest.json" ] && { slot="$d"; break; }
      done || true
      [ -z "$slot" ] || break
      sleep 0.02
    done
  else
    sleep "$(/usr/bin/python3 -c "import random; print(round(random.uniform(5, $ref_seconds - 5), 1))")"
  fi
  killed_after=$(echo "$(date +%s.%N) - $begin" | bc)
  stage=$(grep -o 'caig: [a-z]*: starting' "$log" | tail -1 | cut -d' ' -f2 | tr -d : || true)
  killed=false
  kill -0 "$pid" 2>/dev/null && killed=true  # false: the run ended before the kill point came
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "kill-resume: run $i killed after ${killed_after} s ($mode, in stage ${stage:-none}); rerunning" >&2
  rerun_log="$scratch/rerun-$i.log"
  run_pipeline "$store" "$rerun_log"
  model_sums "$store" >"$scratch/run-$i.sums"
  identical=false
  cmp -s "$scratch/ref.sums" "$scratch/run-$i.sums" && identical=true
  resumed=$(grep -o 'resuming [a-z]* from [a-z]* [0-9]* of [0-9]*' "$rerun_log" | paste -sd ';' - || true)
  discarded=$(grep -c 'discarding broken checkpoint' "$rerun_log" || true)
  differing=$(diff "$scratch/ref.sums" "$scratch/run-$i.sums" | grep '^>' | awk '{print $3}' | cut -d/ -f1 | sort -u | paste -sd ',' - || true)
  printf '{"run":%d,"kill":"%s","killed":%s,"killedAfterSeconds":%.1f,"stageAtKill":"%s","resumed":"%s","discardedCheckpoints":%d,"identical":%s,"differingStages":"%s"}\n' \
    "$i" "$mode" "$killed" "$killed_after" "${stage:-none}" "$resumed" "${discarded:-0}" "$identical" "$differing" >>"$entries"
  echo "$ref_seconds" >"$scratch/ref.seconds"
done
fi
ref_seconds=$(cat "$scratch/ref.seconds" 2>/dev/null || echo 0)
n=$(wc -l <"$entries")

# Left behind: anything in the work root or the JVM temp folder, temporary files in the stores, and checkpoint slots
# beyond the newest complete one of each stage.
leftover_files="$scratch/leftovers.txt"
{
  find "$scratch/work" "$scratch/tmp" -mindepth 1 -type f 2>/dev/null
  find "$scratch"/store-[0-9]* -type f -name '.caig-tmp-*' 2>/dev/null
  for store in "$scratch"/store-[0-9]*; do
    for stage_dir in "$store/caig/$name/checkpoints"/*/; do
      [ -d "$stage_dir" ] || continue
      newest=$(ls -d "$stage_dir"*/manifest.json 2>/dev/null | sort | tail -1 | xargs -r dirname)
      for slot in "$stage_dir"*/; do
        [ "${slot%/}" = "$newest" ] || find "$slot" -type f
      done
    done
  done
} | sort -u >"$leftover_files"
leftover_bytes=$(xargs -r -d '\n' stat -c %s <"$leftover_files" | awk '{s+=$1} END {print s+0}')
checkpoint_bytes=$(du -sb "$scratch"/store-[0-9]*/caig/"$name"/checkpoints 2>/dev/null | awk '{s+=$1} END {print s+0}')

/usr/bin/python3 - "$entries" "$results/kill-resume.json" "$name" "$n" "$ref_seconds" "$leftover_bytes" "$checkpoint_bytes" "$leftover_files" <<'EOF'
import datetime, json, os, sys
entries, out, name, n, ref_seconds, leftover, checkpoints, leftover_files = sys.argv[1:]
runs = [json.loads(line) for line in open(entries)]
result = {
    "benchmark": "bench/kill-resume.sh",
    "config": name,
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "loadAverage": open("/proc/loadavg").read().split()[:3],
    "referenceSeconds": round(float(ref_seconds), 1),
    "runs": int(n),
    "identical": sum(1 for r in runs if r["identical"]),
    "killed": sum(1 for r in runs if r.get("killed", True)),
    "leftoverBytes": int(leftover),
    "leftoverFiles": [line.strip() for line in open(leftover_files) if line.strip()][:20],
    "checkpointBytes": int(checkpoints),
    "note": "identical: every file of the pretrain, reward, pcpo and dpo artifacts has the reference run's sha256. "
            "checkpointBytes: the last checkpoint of each stage in every store, kept by design (--force clears it).",
    "perRun": runs,
}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps({k: result[k] for k in ("runs", "identical", "leftoverBytes", "checkpointBytes")}))
EOF
