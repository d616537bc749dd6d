#!/usr/bin/env python3
"""Does the reward model's verdict over many products rank whole policies the way true CTR does?

For every evaluate report of a config's runs in a store (bench/seeds.sh and bench/pcpo-variant.sh leave them:
s3://caig/<run>/evaluate and evaluate-<TAG>), takes each fine-tuned policy arm (pcpo, dpo, best-of-n; the plain arm,
not the reranked one) with its reward-model win rate over the pre-trained arm on the held-out products
(report.json rewardWinRate) and its true-CTR lift over pre-trained (ab.arms[].liftVsPretrained). Within each seed
(one reward model) it ranks the policies both ways and reports Spearman's rank correlation; a policy evaluated in
several reports (the config's own pcpo, dpo, best-of-n appear once) counts once per report.
Usage: bench/winrate-vs-lift.py STORE CONFIG_NAME OUT_PREFIX   e.g. bench/winrate-vs-lift.py /tmp/caig-bench/store-paper7 paper bench/results/winrate-vs-lift-paper
Writes OUT_PREFIX.json and OUT_PREFIX.md.
"""
import glob, json, os, statistics, sys

store, name, out = sys.argv[1], sys.argv[2], sys.argv[3]


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.mean(rx), statistics.mean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return num / den if den else float("nan")


seeds = {}
for run_dir in sorted(glob.glob(f"{store}/caig/{name}") + glob.glob(f"{store}/caig/{name}-seed-*")):
    run = os.path.basename(run_dir)
    policies = []
    for report_path in sorted(glob.glob(f"{run_dir}/evaluate*/report.json")):
        report = json.load(open(report_path))
        tag = os.path.basename(os.path.dirname(report_path))[len("evaluate"):].lstrip("-") or "(config)"
        wins = report.get("rewardWinRate", {})
        for arm in report["ab"]["arms"]:
            key = arm["name"] + "VsPretrained"
            if arm["name"] in ("pcpo", "dpo", "best-of-n") and key in wins:
                if tag != "(config)" and arm["name"] != "pcpo":
                    continue  # a variant's report repeats nothing but its own pcpo
                policies.append({"report": tag, "arm": arm["name"], "rewardWinRate": wins[key],
                                 "lift": arm["liftVsPretrained"]})
    if len(policies) >= 3:
        seeds[run] = {"policies": policies,
                      "spearman": spearman([p["rewardWinRate"] for p in policies], [p["lift"] for p in policies])}

rhos = [s["spearman"] for s in seeds.values()]
summary = {"store": store, "config": name, "seeds": seeds,
           "meanSpearman": statistics.mean(rhos) if rhos else None}
json.dump(summary, open(out + ".json", "w"), indent=2)
lines = [f"Reward-model win rate over pre-trained (held-out products) against true-CTR lift, per seed's policies "
         f"(bench/winrate-vs-lift.py {store} {name}).", "",
         "| run | policies | Spearman | (win rate, lift) best to worst by win rate |", "|---|---|---|---|"]
for run, s in seeds.items():
    ps = sorted(s["policies"], key=lambda p: -p["rewardWinRate"])
    cells = ", ".join(f"{p['arm'] if p['report'] == '(config)' else 'pcpo-' + p['report']} "
                      f"({p['rewardWinRate']:.3f}, {p['lift'] * 100:+.1f} %)" for p in ps)
    lines.append(f"| {run} | {len(ps)} | {s['spearman']:+.2f} | {cells} |")
lines += ["", f"Mean Spearman over {len(rhos)} seeds: {summary['meanSpearman']:+.2f}."]
open(out + ".md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
