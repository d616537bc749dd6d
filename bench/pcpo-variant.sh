#!/usr/bin/env bash
# A PCPO setting tried on the pipeline runs of bench/seeds.sh: for each seed, fine-tune again from that run's
# pre-trained policy and reward model with the overrides, evaluate it, and tabulate it against that run's own arms.
# Usage: bench/pcpo-variant.sh CONFIG TAG PATH=VALUE [PATH=VALUE ...]   e.g. bench/pcpo-variant.sh samples/local/paper.yaml lr1e-3 pcpo.learningRate=0.001
# Needs the runs of bench/seeds.sh for CONFIG in STORE (default /tmp/caig-bench/store-<config name>).
# Env: SEEDS (default "11 23 37"; the config's own seed is the run s3://caig/<name>, others s3://caig/<name>-seed-<S>),
# SUMMARY_ONLY (set: run nothing, tabulate what is there), RESULTS (default bench/results), METHOD (default pcpo; dpo or
# best-of-n fine-tune the variant with that method instead, `caig finetune --method`; the table still calls it PCPO's arm).
# Writes s3://caig/<run>/pcpo-<TAG> and evaluate-<TAG>, and <RESULTS>/pcpo-<TAG>-<name>.json and .md. The best-of-N
# baseline is the config's own run's arm (same market and reward model; its CTR is compared, another draw of clicks).
# Overrides of reward.* train the reward model again first (s3://caig/<run>/reward-<TAG>, on that run's market and
# split), and the variant's fine-tuning and evaluation use it: its reranked arms, pretrained-reranked included.
# REWARD_TAG=T uses the reward model an earlier variant T trained (s3://caig/<run>/reward-T) instead; pass T's reward.*
# overrides too, so the table's overrides say what ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 3 ] || { echo "usage: bench/pcpo-variant.sh CONFIG TAG PATH=VALUE [PATH=VALUE ...]" >&2; exit 2; }
config_arg="$1"; tag="$2"; shift 2
. "$root/bench/lib/seed-runs.sh"
seed_runs_init "$config_arg" "$@"
cd "$root"
pairs=()
for s in ${SEEDS:-11 23 37}; do
  seed_run "$s"
  uri="s3://caig/$run"
  reward="$uri/reward"
  if [ -n "${REWARD_TAG:-}" ]; then
    reward="$uri/reward-$REWARD_TAG"
  elif printf '%s\n' "$@" | grep -q '^reward\.'; then
    reward="$uri/reward-$tag"
    if [ -z "${SUMMARY_ONLY:-}" ]; then
      ./caig reward train --config "$cfg" --catalog "$uri/market/catalog.json" --click-log "$uri/market/clicks.json" \
        "${sets[@]}" --out "$reward" || continue
    fi
  fi
  if [ -z "${SUMMARY_ONLY:-}" ]; then
    # a fine-tuning the divergence guard stops (the policy collapsed) leaves no report: the table says so
    ./caig finetune --method "${METHOD:-pcpo}" --config "$cfg" --catalog "$uri/market/catalog.json" --policy "$uri/pretrain" --reward "$reward" \
      "${sets[@]}" --out "$uri/pcpo-$tag" || continue
    ./caig evaluate --config "$cfg" "${sets[@]}" --policy "$uri/pcpo-$tag" --reference "$uri/pretrain" --reward "$reward" \
      --market "$uri/market" --out "$uri/evaluate-$tag" --export "out/$run-$tag"
  fi
  pairs+=("$s:$store/caig/$run/evaluate/report.json:$store/caig/$run/evaluate-$tag/report.json")
done
mkdir -p "$results"
overrides="$*"; [ "${METHOD:-pcpo}" = pcpo ] || overrides="method=$METHOD $overrides"
/usr/bin/python3 - "$name" "$tag" "$results" "$overrides" "${pairs[@]}" <<'PY'
import datetime, json, statistics, sys
name, tag, results, overrides, entries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows, per_seed = [], []
import os
stopped = []
for e in entries:
    seed, base, variant = e.split(":")
    if not os.path.exists(variant):
        stopped.append(int(seed))
        continue
    b = {a["name"]: a for a in json.load(open(base))["ab"]["arms"]}
    v = {a["name"]: a for a in json.load(open(variant))["ab"]["arms"]}
    figures = lambda arms, names: {n: {k: arms[n].get(k) for k in ("ctr", "meanTrueCtr", "liftVsPretrained", "pValueVs", "wellFormedRate",
                                                                     "distinctPerProduct", "topDescriptionShare")} for n in names if n in arms}
    per_seed.append({"seed": int(seed),
        "config": figures(b, ("pcpo", "pcpo-reranked", "pretrained-reranked", "universal", "best-of-n", "pretrained")),
        "variant": figures(v, ("pcpo", "pcpo-reranked", "pretrained-reranked", "universal", "pretrained"))})
pct = lambda x: f"{x * 100:+.1f} %"
pv = lambda p: "p < 1e-15" if p < 1e-15 else f"p {p:.2g}"
lines = [f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}, {name}: PCPO with {overrides} ({tag}) against the config's"
         " own PCPO, same pre-trained policy, reward model and market per seed (bench/pcpo-variant.sh). Lift over the pre-trained arm;"
         " p-values click noise only.", "",
         "| seed | PCPO (config) | PCPO (" + tag + ") | pcpo-reranked (config) | pcpo-reranked (" + tag + "), p vs pretrained-reranked | pretrained-reranked | universal | best-of-n (config's run) | " + tag + " well-formed, distinct per product, top description's share |",
         "|---|---|---|---|---|---|---|---|---|"]
for r in per_seed:
    c, v = r["config"], r["variant"]
    lines.append(f"| {r['seed']} | {pct(c['pcpo']['liftVsPretrained'])} | {pct(v['pcpo']['liftVsPretrained'])} | {pct(c['pcpo-reranked']['liftVsPretrained'])} | "
                 f"{pct(v['pcpo-reranked']['liftVsPretrained'])}, {pv(v['pcpo-reranked']['pValueVs']['pretrained-reranked'])} | {pct(v['pretrained-reranked']['liftVsPretrained'])} | "
                 f"{pct(v['universal']['liftVsPretrained'])} | {pct(c['best-of-n']['liftVsPretrained']) if 'best-of-n' in c else 'not run'} | "
                 f"{v['pcpo']['wellFormedRate'] * 100:.1f} %, {v['pcpo']['distinctPerProduct']:.2f}, "
                 f"{'n/a' if v['pcpo'].get('topDescriptionShare') is None else format(v['pcpo']['topDescriptionShare'] * 100, '.0f') + ' %'} |")
lines += [f"| {s} | | stopped: the policy collapsed (the divergence guard ended fine-tuning; no report) | | | | | | |" for s in stopped]
lifts = [r["variant"]["pcpo"]["liftVsPretrained"] for r in per_seed]
lines += ["", f"Finished {len(per_seed)} of {len(per_seed) + len(stopped)} seeds. PCPO ({tag}) mean lift "
          f"{pct(statistics.mean(lifts)) + ' (SD ' + format(statistics.stdev(lifts) * 100 if len(lifts) > 1 else 0, '.1f') + ')' if lifts else 'none (no seed finished)'}; goals, runs that meet them: "
          f"above universal {sum(r['variant']['pcpo']['ctr'] > r['variant']['universal']['ctr'] for r in per_seed)} of {len(per_seed)}; "
          f">= +20 % {sum(r['variant']['pcpo']['liftVsPretrained'] >= 0.2 for r in per_seed)} of {len(per_seed)}; "
          f"pcpo-reranked above pretrained-reranked at p < 0.01 {sum(r['variant']['pcpo-reranked']['ctr'] > r['variant']['pretrained-reranked']['ctr'] and r['variant']['pcpo-reranked']['pValueVs']['pretrained-reranked'] < 0.01 for r in per_seed)} of {len(per_seed)}; "
          f"well-formed >= 95 % {sum(r['variant']['pcpo']['wellFormedRate'] >= 0.95 for r in per_seed)} of {len(per_seed)}; "
          # best-of-n comes from the config's own run on the same market (another draw of clicks): CTRs compare
          f"above the config run's best-of-n {sum(r['variant']['pcpo']['ctr'] > r['config']['best-of-n']['ctr'] for r in per_seed if 'best-of-n' in r['config'])}"
          f" of {sum('best-of-n' in r['config'] for r in per_seed)} with a best-of-n arm."]
# the same in mean true CTR (noise-free: the market's own CTR of every creative shown), over the pre-trained arm's
true = lambda arms, n: arms[n]["meanTrueCtr"] / arms["pretrained"]["meanTrueCtr"] - 1
if per_seed:
    lines += ["", "In mean true CTR over the pre-trained arm (no click noise), per seed " + ", ".join(str(r["seed"]) for r in per_seed) + ":",
              "PCPO (config) " + ", ".join(pct(true(r["config"], "pcpo")) for r in per_seed)
              + "; PCPO (" + tag + ") " + ", ".join(pct(true(r["variant"], "pcpo")) for r in per_seed)
              + "; universal " + ", ".join(pct(true(r["variant"], "universal")) for r in per_seed)
              + f"; PCPO ({tag}) above universal in {sum(true(r['variant'], 'pcpo') > true(r['variant'], 'universal') for r in per_seed)} of {len(per_seed)}."]
json.dump({"config": name, "tag": tag, "overrides": overrides, "runs": per_seed, "stoppedSeeds": stopped}, open(f"{results}/pcpo-{tag}-{name}.json", "w"), indent=2)
open(f"{results}/pcpo-{tag}-{name}.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
