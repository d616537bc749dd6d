#!/usr/bin/env bash
# Training step time of the prompt model: DJL (our runtime) vs PyTorch eager on the same architecture, batch and
# threads. Usage: bench/steptime.sh [PIPELINE_CONFIG]   (default samples/local/quickstart.yaml)
# Env: THREADS (space-separated, default "1"), BATCH (default: the config's pretrain.batchSize), WARMUP (5), STEPS (30).
# Installs Debian's python3-torch first when missing (bench/steptime/setup.sh, needs root and apt).
# Writes bench/results/steptime.json: per config and thread count, both medians and the ratio DJL / PyTorch.
# Fails when the two models' parameter counts or shapes differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$(realpath "${1:-$root/samples/local/quickstart.yaml}")"
out="${OUT:-$root/bench/results/steptime.json}"
threads_list="${THREADS:-1}"
warmup="${WARMUP:-5}"
steps="${STEPS:-30}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$root/bench/steptime/setup.sh"
"$root/caig" --version >/dev/null   # builds the runtime when needed
load_before="$(cat /proc/loadavg)"
for t in $threads_list; do
  echo "steptime: $(basename "$config"), $t thread(s), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  java -Xmx1g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$t" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$root/runtime/target/caig-runtime.jar:$root/runtime/target/lib/*" \
    dev.caig.runtime.bench.PromptModelStepBenchmark --config "$config" ${BATCH:+--batch "$BATCH"} \
    --warmup "$warmup" --steps "$steps" --out "$tmp/djl-$t.json" --batch-out "$tmp/batch.json"
  /usr/bin/python3 "$root/bench/steptime/prompt_model.py" "$tmp/batch.json" "$tmp/torch-$t.json" "$t" "$warmup" "$steps"
done
/usr/bin/python3 - "$config" "$out" "$tmp" "$load_before" "$threads_list" <<'EOF'
import datetime, json, os, sys
config, out, tmp, load_before, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split()
runs = []
for t in threads:
    djl = json.load(open(f"{tmp}/djl-{t}.json"))
    torch = json.load(open(f"{tmp}/torch-{t}.json"))
    if djl["parameters"] != torch["parameters"] or not torch["sameParameterShapes"]:
        sys.exit(f"steptime: the models differ: DJL {djl['parameters']} parameters, PyTorch {torch['parameters']}"
                 f" (same shapes: {torch['sameParameterShapes']})")
    ratio = round(djl["medianStepMs"] / torch["medianStepMs"], 3)
    runs.append({"threads": int(t), "ratioDjlToPytorch": ratio, "djl": djl, "pytorch": torch})
    print(f"steptime: {t} thread(s): DJL {djl['medianStepMs']} ms, PyTorch {torch['medianStepMs']} ms, ratio {ratio}"
          f" (goal <= 1.2)")
name = os.path.splitext(os.path.basename(config))[0]
results = json.load(open(out)) if os.path.exists(out) else {}
results[name] = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "config": os.path.relpath(config),
    "cores": os.cpu_count(),
    "loadAverageBefore": load_before.strip(),
    "loadAverageAfter": open("/proc/loadavg").read().strip(),
    "runs": runs,
}
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(results, f, indent=2)
print(f"steptime: written to {out}")
EOF
