#!/usr/bin/env bash
# Run-to-run spread of the evaluation: the pipeline again with other seeds for everything after the market (model
# initialisation, batches, sampling, the A/B's draws), on the same simulated market, and a table of each arm's lift
# and match rate per seed. One run's figures move with the last bits of the arithmetic; this shows by how much.
# Usage: bench/seeds.sh [PIPELINE_CONFIG]   (default samples/local/paper.yaml)
# Needs the pipeline's run with the config's own seed: run bench/pipeline-bench.sh with the same config first (its
# store is the default STORE here). Each seed's market is a copy of that run's (its seed is data.market.seed, not the
# top-level one), so only training and evaluation run again: about 4 minutes a seed for paper.yaml on 2 quiet cores.
# Reports each arm's mean and SD over the seeds, and in how many runs the issue's goals hold (PCPO above universal,
# pcpo-reranked above pretrained-reranked at p < 0.01, PCPO +20 %, well-formed >= 95 %).
# Env: SEEDS (default "23 37"; the config's own seed is skipped, its run is the first column), STORE (default /tmp/caig-bench/store-<config name>), RESULTS (default bench/results),
# SUMMARY_ONLY (set: run nothing, only tabulate the seeds' reports already in the store, e.g. runs made in parallel).
# Writes s3://caig/<name>-seed-<S>/..., the reports to out/<name>-seed-<S>, and <RESULTS>/seeds-<name>.json and .md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="$(realpath "${1:-$root/samples/local/paper.yaml}")"
name="$(basename "$config")"; name="${name%.*}"
store="${STORE:-/tmp/caig-bench/store-$name}"
results="${RESULTS:-$root/bench/results}"
seeds="${SEEDS:-23 37}"
export CAIG_LOCAL_STORE="$store"
unset CAIG_S3_ENDPOINT
base_seed="$(sed -n 's/^seed: *\([0-9][0-9]*\).*/\1/p' "$config")"
if [ -z "$base_seed" ]; then
  echo "seeds: $config has no top-level 'seed: N' line to vary" >&2; exit 1
fi
if [ ! -f "$store/caig/$name/evaluate/report.json" ]; then
  echo "seeds: no evaluated run of $name in $store; run bench/pipeline-bench.sh $config first" >&2; exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
runs=("$base_seed:$store/caig/$name/evaluate/report.json")
for s in $seeds; do
  [ "$s" != "$base_seed" ] || continue
  run="$name-seed-$s"
  sed "s/^seed: *[0-9][0-9]*/seed: $s/" "$config" >"$tmp/$run.yaml"
  if [ ! -d "$store/caig/$run/market" ]; then
    mkdir -p "$store/caig/$run"
    cp -r "$store/caig/$name/market" "$store/caig/$run/market"   # the embedded store keeps s3://caig/<key> at caig/<key>
  fi
  if [ -n "${SUMMARY_ONLY:-}" ]; then
    [ -f "$store/caig/$run/evaluate/report.json" ] || { echo "seeds: SUMMARY_ONLY, but s3://caig/$run has no report" >&2; exit 1; }
  else
    echo "seeds: seed $s -> s3://caig/$run (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    ./caig pipeline --config "$tmp/$run.yaml" --out "s3://caig/$run" --export "out/$run"
  fi
  runs+=("$s:$store/caig/$run/evaluate/report.json")
done
mkdir -p "$results"
/usr/bin/python3 - "$name" "$results" "${runs[@]}" <<'EOF'
import datetime, json, statistics, sys
name, results, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
per_seed = []
for entry in runs:
    seed, path = entry.split(":", 1)
    report = json.load(open(path))
    arms = {a["name"]: a for a in report["ab"]["arms"]}
    fresh = report["reward"].get("freshCandidates", {})
    per_seed.append({"seed": int(seed),
                     "reward": {**{k: report["reward"].get(k) for k in ("accuracy", "accuracyTrueOrder", "pairs", "aboveChance")},
                                **{"freshCandidates" + k[0].upper() + k[1:]: fresh[k]
                                   for k in ("accuracyTrueOrder", "pickLift") if k in fresh}},
                     "universalDescription": report.get("universalDescription"),
                     "productCentricHeadroom": report.get("productCentricHeadroom"),
                     "arms": {n: {k: a.get(k) for k in ("ctr", "meanTrueCtr", "liftVsPretrained", "ci95", "pValue",
                                                         "pValueVs", "matchRate", "wellFormedRate", "distinctPerProduct",
                                                         "topDescriptionShare")}
                              for n, a in arms.items()}})
names = list(dict.fromkeys(n for r in per_seed for n in r["arms"]))   # an arm missing from a run reads "not run" there
def spread(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"mean": statistics.mean(xs), "sd": statistics.stdev(xs) if len(xs) > 1 else 0.0, "min": min(xs), "max": max(xs)}
summary = {n: {k: spread([r["arms"][n][k] for r in per_seed if n in r["arms"]])
               for k in ("ctr", "meanTrueCtr", "liftVsPretrained", "matchRate", "wellFormedRate", "distinctPerProduct",
                         "topDescriptionShare")}
           for n in names}
def count(test, *needs):
    if any(n not in r["arms"] for r in per_seed for n in needs):
        return "not run"
    return f"{sum(1 for r in per_seed if test(r['arms']))} of {len(per_seed)}"
goals = {
    "pcpoCtrAboveUniversal": count(lambda a: a["pcpo"]["ctr"] > a["universal"]["ctr"], "universal"),
    "pcpoRerankedAbovePretrainedRerankedP01": count(lambda a: a["pcpo-reranked"]["ctr"] > a["pretrained-reranked"]["ctr"]
        and a["pcpo-reranked"]["pValueVs"]["pretrained-reranked"] < 0.01, "pcpo-reranked", "pretrained-reranked"),
    "pcpoLiftAtLeast20Percent": count(lambda a: a["pcpo"]["liftVsPretrained"] >= 0.20),
    "pcpoWellFormedAtLeast95Percent": count(lambda a: (a["pcpo"].get("wellFormedRate") or 0) >= 0.95),
    "dpoWellFormedAtLeast95Percent": count(lambda a: (a["dpo"].get("wellFormedRate") or 0) >= 0.95, "dpo"),
    "pcpoCtrAboveDpo": count(lambda a: a["pcpo"]["ctr"] > a["dpo"]["ctr"], "dpo"),
    "pcpoCtrAboveBestOfN": count(lambda a: a["pcpo"]["ctr"] > a["best-of-n"]["ctr"], "best-of-n"),
}
out = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "config": name,
       "seeds": [r["seed"] for r in per_seed], "goals": goals, "summary": summary, "runs": per_seed}
json.dump(out, open(f"{results}/seeds-{name}.json", "w"), indent=2)
pct = lambda x: "" if x is None else f"{x * 100:+.1f} %"
pvalue = lambda p: "n/a" if p is None else "p < 1e-15" if p < 1e-15 else f"p {p:.2g}"   # the report's 0 is below double precision
lines = [f"{out['date']}, {name}: the same market, seeds {', '.join(str(s) for s in out['seeds'])} for everything after it."
         " Per seed: lift over the pre-trained arm (p-value, click noise only), well-formed share. Mean and SD are over seeds.", "",
         "| arm | " + " | ".join(f"seed {r['seed']}" for r in per_seed) + " | mean lift (SD) | mean CTR | mean match | mean well-formed | distinct per product | top description's share |",
         "|---|" + "---|" * (len(per_seed) + 6)]
for n in names:
    cells = []
    for r in per_seed:
        if n not in r["arms"]:
            cells.append("not run")
            continue
        a = r["arms"][n]
        cell = "reference" if a["pValue"] is None else f"{pct(a['liftVsPretrained'])} ({pvalue(a['pValue'])})"
        if a.get("pValueVs"):
            cell += f", vs pretrained-reranked {pvalue(a['pValueVs'].get('pretrained-reranked'))}"
        cells.append(cell + (f", {a['wellFormedRate'] * 100:.0f} %" if a.get("wellFormedRate") is not None else ""))
    s = summary[n]
    wf = "" if s["wellFormedRate"] is None else f"{s['wellFormedRate']['mean'] * 100:.1f} %"
    dp = "" if s["distinctPerProduct"] is None else f"{s['distinctPerProduct']['mean']:.2f}"
    top = "" if s["topDescriptionShare"] is None else f"{s['topDescriptionShare']['mean'] * 100:.0f} %"   # reports before it: blank
    lines.append(f"| {n} | " + " | ".join(cells) + f" | {pct(s['liftVsPretrained']['mean'])} ({s['liftVsPretrained']['sd'] * 100:.1f}) | "
                 f"{s['ctr']['mean'] * 100:.3f} % | {s['matchRate']['mean'] * 100:.1f} % | {wf} | {dp} | {top} |")
lines += ["", "Goals, runs that meet them: " + "; ".join(f"{k} {v}" for k, v in goals.items()) + ".",
          "Reward-model held-out accuracy per seed: " + ", ".join(f"{r['reward']['accuracy']:.3f}" for r in per_seed)
          + "; against the true order: " + ", ".join(f"{r['reward'].get('accuracyTrueOrder') or float('nan'):.3f}" for r in per_seed)
          + "; on fresh candidates against the true order: "
          + ", ".join(f"{r['reward'].get('freshCandidatesAccuracyTrueOrder') or float('nan'):.3f}" for r in per_seed)
          + "; its pick among fresh candidates: " + ", ".join(pct(r['reward'].get('freshCandidatesPickLift')) for r in per_seed) + " true CTR."]
def headroom(r, key="perProductBestMeanTrueCtr"):   # a choice among universal's candidates, in mean true CTR over the pre-trained arm's
    h, pre = r.get("productCentricHeadroom"), r["arms"].get("pretrained", {}).get("meanTrueCtr")
    return None if not h or not pre or h.get(key) is None else h[key] / pre - 1
if any(headroom(r) is not None for r in per_seed):
    lines += ["Product-centric headroom (each held-out product's own best of universal's candidates, mean true CTR over the"
              " pre-trained arm's; reports before this figure: n/a): " + ", ".join(pct(headroom(r)) or "n/a" for r in per_seed) + "."]
if any(headroom(r, "rewardModelPickMeanTrueCtr") is not None for r in per_seed):
    lines += ["The reward model choosing among the same candidates (reports before this figure: n/a): its pick for each"
              " product " + ", ".join(pct(headroom(r, "rewardModelPickMeanTrueCtr")) or "n/a" for r in per_seed)
              + "; its one best description for all " + ", ".join(pct(headroom(r, "rewardModelUniversalMeanTrueCtr")) or "n/a"
                                                            for r in per_seed)
              + ". A policy that learnt the reward model perfectly would show about the first among these candidates;"
              " only a policy that finds better descriptions than these 64 can do better with this reward model."]
open(f"{results}/seeds-{name}.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
print(f"seeds: written to {results}/seeds-{name}.json and .md")
EOF
