#!/usr/bin/env bash
# One markdown table row per reconcile-benchmark JSON (backlog scenario), to compare runs side by side.
# Usage: operator/bench/table.sh bench/results/reconcile-ab/*.json
set -euo pipefail
echo "| run | first Jobs after (s) | JVM CPU s | reconciles | operator heap after GC (MiB) | plain replay CPU s (with the operator's watches) | CPUs | load 1 min start / end |"
echo "|---|---|---|---|---|---|---|---|"
for f in "$@"; do
  jq -r --arg run "$(basename "$f" .json)" '"| \($run) | \(.backlog.secondsFromOperatorStartUntilAllFirstJobsExist) | \(.backlog.processCpuSecondsUntilAllFirstJobsExist) | \(.backlog.controllerExecutions["adimagetrainingjob reconcile"]) | \(.backlog.operatorHeapAfterGcWithoutMockServerMiB) | \(.backlog.plainClientReplay.processCpuSeconds) (\(.backlog.plainClientReplayWithTheOperatorsWatches.processCpuSeconds)) | \(.cpus) | \(.loadAverage1mAtStart*10|round/10) / \(.loadAverage1mAtEnd*10|round/10) |"' "$f"
done
