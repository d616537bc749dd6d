#!/usr/bin/env bash
# Run-to-run spread of the evaluation: the pipeline again with other seeds for everything after the market (model
# initialisation, batches, sampling, the A/B's draws), on the same simulated market, and a table of each arm's lift
# and match rate per seed. One run's figures move with the last bits of the arithmetic; this shows by how much.
# Usage: bench/seeds.sh [PIPELINE_CONFIG]   (default samples/local/paper.yaml)
# Needs the pipeline's run with the config's own seed: run bench/pipeline-bench.sh with the same config first (its
# store is the default STORE here). Each seed's market is a copy of that run's (its seed is data.market.seed, not the
# top-level one), so only training and evaluation run again: about 4 minutes a seed for paper.yaml on 2 quiet cores.
# Env: SEEDS (default "23 37"; the config's own seed is skipped, its run is the first column), STORE (default /tmp/caig-bench/store-<config name>), RESULTS (default bench/results).
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
  echo "seeds: seed $s -> s3://caig/$run (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  ./caig pipeline --config "$tmp/$run.yaml" --out "s3://caig/$run" --export "out/$run"
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
    per_seed.append({"seed": int(seed),
                     "reward": {**{k: report["reward"][k] for k in ("accuracy", "accuracyTrueOrder", "pairs")},
                                **{"freshCandidates" + k[0].upper() + k[1:]: report["reward"]["freshCandidates"][k]
                                   for k in ("accuracyTrueOrder", "pickLift") if "freshCandidates" in report["reward"]}},
                     "arms": {n: {"ctr": a["ctr"], "liftVsPretrained": a.get("liftVsPretrained"), "ci95": a.get("ci95"),
                                  "pValue": a.get("pValue"), "matchRate": a["matchRate"]} for n, a in arms.items()}})
names = list(per_seed[0]["arms"])
summary = {}
for n in names:
    lifts = [r["arms"][n]["liftVsPretrained"] for r in per_seed]
    matches = [r["arms"][n]["matchRate"] for r in per_seed]
    summary[n] = {"liftVsPretrained": {"min": min(lifts), "mean": statistics.mean(lifts), "max": max(lifts)},
                  "matchRate": {"min": min(matches), "mean": statistics.mean(matches), "max": max(matches)}}
pcpo_over_dpo = sum(r["arms"]["pcpo"]["ctr"] > r["arms"]["dpo"]["ctr"] for r in per_seed if "dpo" in r["arms"])
pcpo_match_over_dpo = sum(r["arms"]["pcpo"]["matchRate"] > r["arms"]["dpo"]["matchRate"] for r in per_seed if "dpo" in r["arms"])
out = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "config": name,
       "seeds": [r["seed"] for r in per_seed], "pcpoCtrAboveDpo": f"{pcpo_over_dpo} of {len(per_seed)}",
       "pcpoMatchRateAboveDpo": f"{pcpo_match_over_dpo} of {len(per_seed)}",
       "summary": summary, "runs": per_seed}
json.dump(out, open(f"{results}/seeds-{name}.json", "w"), indent=2)
pct = lambda x: "" if x is None else f"{x * 100:+.1f} %"
pvalue = lambda p: "p < 1e-15" if p < 1e-15 else f"p {p:.2g}"   # the report's 0 is below double precision
lines = [f"{out['date']}, {name}: the same market, seeds {', '.join(str(s) for s in out['seeds'])} for everything after it", "",
         "| arm | " + " | ".join(f"seed {r['seed']}: lift, match" for r in per_seed) + " | mean lift | mean match |",
         "|---|" + "---|" * (len(per_seed) + 2)]
for n in names:
    cells = [("reference" if n == "pretrained" else f"{pct(r['arms'][n]['liftVsPretrained'])} ({pvalue(r['arms'][n]['pValue'])})")
             + f", {r['arms'][n]['matchRate'] * 100:.1f} %" for r in per_seed]
    s = summary[n]
    lines.append(f"| {n} | " + " | ".join(cells) + f" | {pct(s['liftVsPretrained']['mean'])} | {s['matchRate']['mean'] * 100:.1f} % |")
lines += ["", f"PCPO's CTR above DPO's in {out['pcpoCtrAboveDpo']} runs, its match rate in {pcpo_match_over_dpo} of {len(per_seed)}. Reward-model held-out accuracy per seed: "
          + ", ".join(f"{r['reward']['accuracy']:.3f}" for r in per_seed) + "; its pick among fresh candidates: "
          + ", ".join(pct(r['reward'].get('freshCandidatesPickLift')) for r in per_seed) + " true CTR."]
open(f"{results}/seeds-{name}.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
print(f"seeds: written to {results}/seeds-{name}.json and .md")
EOF
