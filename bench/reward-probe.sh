#!/usr/bin/env bash
# The reward model alone, against the market's true CTRs: trains it with the config's settings plus overrides on the
# market of an earlier run, then scores it on the held-out products (RewardProbe: the report's reward section without
# training any policy). For comparing reward-model settings in minutes instead of a whole pipeline.
# Usage: bench/reward-probe.sh CONFIG TAG [PATH=VALUE ...]    e.g.  bench/reward-probe.sh samples/local/paper.yaml scenes reward.sceneExamples=8
# Needs the market of CONFIG's run in STORE (default /tmp/caig-bench/store-<config name>, left by bench/pipeline-bench.sh
# or `./caig pipeline --config CONFIG --stage market` with CAIG_LOCAL_STORE set to it). Env: SEED (default: the config's
# own; trains and evaluates with top-level seed SEED on the same market), RESULTS (default bench/results), UNIVERSAL
# (default 64: universal's random descriptions the reward model and the oracle choose among; 0 skips it).
# Writes s3://caig/<name>-probe/<TAG>-seed-<S> (the model), <RESULTS>/reward-probe-<name>/<TAG>-seed-<S>.json and its
# .history.json (the training curve), then
# rewrites <RESULTS>/reward-probe-<name>.md, a table of every probe of that config.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: bench/reward-probe.sh CONFIG TAG [PATH=VALUE ...]" >&2; exit 2; }
config="$(realpath "$1")"; tag="$2"; shift 2
name="$(basename "$config")"; name="${name%.*}"
store="${STORE:-/tmp/caig-bench/store-$name}"
results="${RESULTS:-$root/bench/results}"
seed="${SEED:-$(sed -n 's/^seed: *\([0-9][0-9]*\).*/\1/p' "$config")}"
market="$store/caig/$name/market"
[ -f "$market/catalog.json" ] || { echo "reward-probe: no market of $name in $store; run its market stage first" >&2; exit 1; }
export CAIG_LOCAL_STORE="$store"
unset CAIG_S3_ENDPOINT
sets=(--set "seed=$seed")
for s in "$@"; do sets+=(--set "$s"); done
run="$tag-seed-$seed"
mkdir -p "$results/reward-probe-$name"
cd "$root"
./caig --version >/dev/null   # builds the runtime when needed, outside the measurement
start=$(date +%s)
CAIG_PROGRESS=quiet ./caig reward train --config "$config" --catalog "s3://caig/$name/market/catalog.json" \
  --click-log "s3://caig/$name/market/clicks.json" "${sets[@]}" --out "s3://caig/$name-probe/$run" >/dev/null
seconds=$(( $(date +%s) - start ))
java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "runtime/target/caig-runtime.jar:runtime/target/lib/*" dev.caig.runtime.eval.RewardProbe --config "$config" \
  "${sets[@]}" --market "$market" --reward "$store/caig/$name-probe/$run" --universal-candidates "${UNIVERSAL:-64}" \
  --out "$results/reward-probe-$name/$run.json" >/dev/null
# the training curve beside the figures (per epoch: losses, the scene head's loss with reward.sceneExamples, accuracies)
cp "$store/caig/$name-probe/$run/history.json" "$results/reward-probe-$name/$run.history.json"
/usr/bin/python3 - "$results" "$name" "$run" "$seconds" "$(cut -d' ' -f1-3 /proc/loadavg)" "$@" <<'PY'
import glob, json, os, sys
results, name, run, seconds, load, overrides = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6:]
path = f"{results}/reward-probe-{name}/{run}.json"
r = json.load(open(path))
r["probe"] = {"run": run, "overrides": overrides, "trainSeconds": seconds, "loadAverageAfter": load}
json.dump(r, open(path, "w"), indent=2)
rows = []
for p in sorted(glob.glob(f"{results}/reward-probe-{name}/*.json")):
    if p.endswith(".history.json"):
        continue
    x = json.load(open(p))
    if "probe" not in x:
        continue  # another probe still running: its row comes when it finishes
    h, f, pr = x["heldOutPairs"], x["freshCandidates"], x["probe"]
    u = x.get("productCentricHeadroom")
    # universal's candidates chosen by the reward model, per product, against the oracle's one best for all
    choice = (f"{100 * (u['rewardModelPickMeanTrueCtr'] / u['universalMeanTrueCtr'] - 1):+.1f} % | "
              f"{100 * (u['rewardModelUniversalMeanTrueCtr'] / u['universalMeanTrueCtr'] - 1):+.1f} % | "
              f"{100 * (u['perProductBestMeanTrueCtr'] / u['universalMeanTrueCtr'] - 1):+.1f} %") if u else "n/a | n/a | n/a"
    rows.append(f"| {pr['run']} | {' '.join(pr['overrides']) or '(config as is)'} | {h['pairs']} | {h['accuracy']:.3f} | "
                f"{h.get('accuracyTrueOrder', float('nan')):.3f} | {f['accuracyTrueOrder']:.3f} | {100 * f['pickLift']:+.1f} % | "
                f"{100 * f['oraclePickLift']:+.1f} % | {choice} | {pr['trainSeconds']} s (load {pr['loadAverageAfter']}) |")
with open(f"{results}/reward-probe-{name}.md", "w") as out:
    out.write(f"Reward model on {name}'s market, held-out products (bench/reward-probe.sh). Held-out pairs: built like the"
              " training pairs; accuracy against the observed labels and against the true CTR order. Fresh candidates:"
              " random descriptions of each held-out product, rendered; accuracy against the true order (pairs whose true"
              " CTRs differ by 5 % or more), and the true-CTR lift of the model's pick over an average candidate, next to"
              " the oracle's pick. Universal's candidates (64 random descriptions, rendered for every held-out product),"
              " in mean true CTR against universal (the oracle's best description for all): the reward model's pick per"
              " product (what a policy that learnt the reward model perfectly would show), its one best description"
              " for all, and the oracle's pick per product (the headroom). Train time is wall time on a shared machine.\n\n"
              "| run | overrides | held-out pairs | accuracy | vs true order | fresh: vs true order | fresh: pick lift | oracle pick |"
              " universal's candidates: RM pick per product | RM's one best | oracle pick per product | train time |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
print(rows[[r.split(" | ")[0][2:] for r in rows].index(run)])
PY
