#!/usr/bin/env bash
# Did the reward model choose well among PCPO restarts? For the runs of bench/pcpo-variant.sh with pcpo.restarts=R,
# or with TAG "pipeline" for the pipeline runs bench/seeds.sh made (a config with pcpo.restarts, as paper.yaml),
# evaluates every restart that was not chosen, from its last checkpoint, as evaluate chose the chosen one's, and
# tabulates per seed each restart's win rate on the selection products (restarts.json) next to its true-CTR lift.
# Usage: bench/restarts-eval.sh CONFIG TAG PATH=VALUE ...   (the variant's tag and overrides, e.g. restarts3 pcpo.restarts=3)
#        bench/restarts-eval.sh CONFIG pipeline
# Env: SEEDS (default "11 23 37"), STORE (default /tmp/caig-bench/store-<config name>), RESULTS (default bench/results),
# SUMMARY_ONLY (set: evaluate nothing, tabulate what is there).
# Writes s3://caig/<run>/evaluate-<TAG>-r<k> and <RESULTS>/restarts-<TAG>-<name>.json and .md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: bench/restarts-eval.sh CONFIG TAG [PATH=VALUE ...]" >&2; exit 2; }
config_arg="$1"; tag="$2"; shift 2
. "$root/bench/lib/seed-runs.sh"
seed_runs_init "$config_arg" "$@"
cd "$root"
runs=()
for s in ${SEEDS:-11 23 37}; do
  seed_run "$s"
  if [ "$tag" = pipeline ]; then   # the pipeline's own stage: restarts' checkpoints under checkpoints/pcpo[-part-k]
    dir="$store/caig/$run/pcpo"; parts="$store/caig/$run/checkpoints"; first=pcpo; key="$run/checkpoints"
  else                             # bench/pcpo-variant.sh's: under pcpo-<TAG>/checkpoint[-part-k]
    dir="$store/caig/$run/pcpo-$tag"; parts="$dir"; first=checkpoint; key="$run/pcpo-$tag"
  fi
  [ -f "$dir/restarts.json" ] || { echo "restarts-eval: seed $s: no $dir/restarts.json" >&2; continue; }
  runs+=("$s:$run")
  [ -z "${SUMMARY_ONLY:-}" ] || continue
  for part in $(cd "$parts" && ls -d "$first" "$first"-part-* 2>/dev/null); do
    k=0; [ "$part" = "$first" ] || k="${part#"$first"-part-}"
    out="evaluate-$tag-r$k"
    if /usr/bin/python3 -c "import json,sys; sys.exit(0 if json.load(open('$dir/restarts.json'))[$k].get('chosen') else 1)"; then
      continue  # the chosen restart: evaluate-<TAG> already
    fi
    slot="$(ls "$parts/$part" | sort | tail -n 1)"
    last="$(/usr/bin/python3 -c "import json; print(json.load(open('$parts/$part/$slot/training-state.json'))['completed'])")"
    iterations="$(/usr/bin/python3 -c "import json; print(len(json.load(open('$dir/history.json'))))")"
    [ "$last" = "$iterations" ] || { echo "seed $s restart $k: left out (last checkpoint at iteration $last)"; continue; }
    [ -f "$store/caig/$run/$out/report.json" ] && continue
    ./caig evaluate --config "$cfg" "${sets[@]}" --policy "s3://caig/$key/$part/$slot" \
      --reference "s3://caig/$run/pretrain" --reward "s3://caig/$run/reward" --market "s3://caig/$run/market" \
      --out "s3://caig/$run/$out" >/dev/null
    echo "seed $s restart $k: evaluated"
  done
done
mkdir -p "$results"
/usr/bin/python3 - "$store" "$name" "$tag" "$results" "${runs[@]}" <<'PY'
import json, os, statistics, sys
store, name, tag, results, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def lift(report):   # in mean true CTR, as the header says: each evaluation draws its own clicks, true CTR does not
    arms = {a["name"]: a for a in json.load(open(report))["ab"]["arms"]}
    return arms["pcpo"]["meanTrueCtr"] / arms["pretrained"]["meanTrueCtr"] - 1
rows, out = [], []
for entry in runs:
    seed, run = entry.split(":")
    base = f"{store}/caig/{run}"
    own = tag == "pipeline"   # the pipeline's stage and its evaluate, or the variant's
    restarts = json.load(open(f"{base}/pcpo/restarts.json" if own else f"{base}/pcpo-{tag}/restarts.json"))
    cells = []
    for r in restarts:
        k = r["restart"]
        chosen = f"{base}/evaluate/report.json" if own else f"{base}/evaluate-{tag}/report.json"
        report = chosen if r["chosen"] else f"{base}/evaluate-{tag}-r{k}/report.json"
        r = dict(r, lift=lift(report) if os.path.exists(report) else None)
        cells.append(r)
    out.append({"seed": int(seed), "restarts": cells})
    fmt = lambda r: ("left out" if "leftOut" in r else f"{r['selectionWinRate']:.3f}") + ", " + \
        ("not evaluated" if r["lift"] is None else f"{r['lift'] * 100:+.1f} %") + (" (chosen)" if r["chosen"] else "")
    rows.append(f"| {seed} | " + " | ".join(fmt(r) for r in cells) + " |")
width = max(len(o["restarts"]) for o in out) if out else 0
json.dump({"config": name, "tag": tag, "seeds": out}, open(f"{results}/restarts-{tag}-{name}.json", "w"), indent=2)
stage = "the pipeline's PCPO" if tag == "pipeline" else f"pcpo-{tag}"
lines = [f"{name}: every restart of {stage}, its reward-model win rate over the pre-trained policy on the selection products"
         " and its true-CTR lift over pre-trained on the held-out products (bench/restarts-eval.sh).", "",
         "| seed | " + " | ".join(f"restart {k}: win rate, lift" for k in range(width)) + " |",
         "|---|" + "---|" * width] + rows
open(f"{results}/restarts-{tag}-{name}.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
