#!/usr/bin/env python3
"""How much tailoring a market's click log supports when the slot values and the products' traits are known exactly.

A diagnostic beside bench/reward-probe.sh: the reward model has to read a background's slot values and a product's
look from pixels; this fits a ridge regression on the *exact* ones (the descriptions behind the creatives, from the
market's hidden/creatives.json, crossed with each product's category, title trait, shape, colour family and
lightness from hidden/), on the training products' creatives with at least 1000 impressions (centred observed log
CTR per product, as the reward model's pointwise term). It then lets the fit choose among 64 descriptions drawn from
the click log for each of 50 products it never saw, and scores the choices with the market's own taste: the slot part
of the hidden CTR model, soft-bounded as the market bounds it. Pixel effects are left out of both, so its figures
are an upper bound for a model that sees slots perfectly, not a prediction of the reward model's.

Usage: bench/exact-features.py MARKET_DIR [SPLITS] > out.md     (SPLITS: how many random product splits, default 3)
Needs numpy and a JDK (jshell lists the description grammar from the runtime jar: build it first).
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURE_SETS = ("title and look", "title only", "look only")
LAMBDA = 10.0


def grammar():
    """phrase -> 'slot:value' of every value of the runtime's description grammar."""
    lib = os.path.join(ROOT, "runtime", "target", "lib")
    cp = ":".join([os.path.join(ROOT, "runtime", "target", "caig-runtime.jar")]
                  + [os.path.join(lib, f) for f in sorted(os.listdir(lib)) if f.endswith(".jar")])
    script = ('for (var v : dev.caig.runtime.text.DescriptionGrammar.allValues()) System.out.println("@" + v.phrase() '
              '+ "\\t" + v.slot().name().toLowerCase() + ":" + v.key());\n/exit\n')
    with tempfile.NamedTemporaryFile("w", suffix=".jsh", delete=False) as f:
        f.write(script)
    out = subprocess.run(["jshell", "--class-path", cp, f.name], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    return dict(line[1:].split("\t") for line in out.splitlines() if line.startswith("@"))


def main():
    market, splits = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    phrases = grammar()
    values = sorted(set(phrases.values()))
    index = {v: i for i, v in enumerate(values)}
    creatives = json.load(open(os.path.join(market, "hidden", "creatives.json")))
    clicks = json.load(open(os.path.join(market, "clicks.json")))
    products = {p["id"]: p for p in json.load(open(os.path.join(market, "hidden", "products.json")))}
    oracle = json.load(open(os.path.join(market, "hidden", "oracle.json")))
    descriptions = {c["creative_id"]: c["description"] for p in creatives for c in creatives[p]}
    coefficients = oracle["coefficients"]
    low, high = math.log(coefficients["min_ctr"]), math.log(coefficients["max_ctr"])

    def parse(description):
        return [phrases[p.strip()] for p in description.split(",") if p.strip() in phrases]

    def true_ctr(pid, spec):
        """The market's slot taste for this product, soft-bounded as CtrOracle bounds log CTR (no pixel effects)."""
        t = oracle["products"][pid]
        table = oracle["categories"][t["category"]]
        favoured = oracle["traits"].get(t["trait"], []) if t["trait"] else []
        score = sum(table.get(v, 0) + t["quirks"].get(v, 0) + (coefficients["trait_bonus"] if v in favoured else 0)
                    for v in spec)
        score += sum(coefficients["harmony_bonus"] for v in spec
                     if v.startswith("palette:") and v in oracle["harmony"][t["color_family"]])
        mid, half = (low + high) / 2, (high - low) / 2
        return math.exp(mid + half * math.tanh((t["base_log_ctr"] + score - mid) / half))

    kinds = {"category": sorted({p["category"] for p in products.values()}),
             "trait": sorted({str(p["trait"]) for p in products.values()}),
             "shape": sorted({p["look"]["shape"] for p in products.values()}),
             "family": sorted({oracle["products"][i]["color_family"] for i in products})}

    def product_features(pid, which):
        p = products[pid]
        own = {"category": p["category"], "trait": str(p["trait"]), "shape": p["look"]["shape"],
               "family": oracle["products"][pid]["color_family"]}
        body = p["look"]["body"]
        light = 0.3 * ((body >> 16) & 255) + 0.59 * ((body >> 8) & 255) + 0.11 * (body & 255) > 128
        names = (["category", "trait"] if which != "look only" else []) + \
                (["shape", "family"] if which != "title only" else [])
        f = [1.0 if own[k] == v else 0.0 for k in names for v in kinds[k]]
        return np.array(f + ([1.0 if light else 0.0] if which != "title only" else []))

    def features(pid, spec, which):
        s = np.zeros(len(values))
        for v in spec:
            s[index[v]] = 1
        return np.concatenate([s, np.outer(product_features(pid, which), s).ravel()])

    rows = ["| split | oracle's pick per product | fit's pick: " + " | fit's pick: ".join(FEATURE_SETS)
            + " | fit's one best (title and look) |", "|---" * 6 + "|"]
    ids = sorted(clicks)
    for split in range(1, splits + 1):
        shuffled = ids[:]
        random.Random(split).shuffle(shuffled)
        test, train = shuffled[:50], shuffled[50:]
        pool = [descriptions[k] for k in sorted(descriptions)]
        candidates = [parse(d) for d in random.Random(split + 5).sample(pool, 64)]
        truth = np.array([[true_ctr(pid, s) for s in candidates] for pid in test])
        universal = truth[:, truth.mean(0).argmax()].mean()
        cells = [f"{100 * (truth.max(1).mean() / universal - 1):+.1f} %"]
        one_best = None
        for which in FEATURE_SETS:
            x, y = [], []
            for pid in train:
                kept = [c for c in clicks[pid] if c["exp_impression_cnt"] >= 1000]
                if len(kept) < 2:
                    continue
                ys = [math.log((c["exp_click_cnt"] + 0.5) / (c["exp_impression_cnt"] + 1)) for c in kept]
                xs = [features(pid, parse(descriptions[c["creative_id"]]), which) for c in kept]
                mx, my = np.mean(xs, 0), np.mean(ys)
                x += [v - mx for v in xs]
                y += [v - my for v in ys]
            x, y = np.array(x), np.array(y)
            w = np.linalg.solve(x.T @ x + LAMBDA * np.eye(x.shape[1]), x.T @ y)
            predicted = np.array([[features(pid, s, which) @ w for s in candidates] for pid in test])
            pick = truth[np.arange(len(test)), predicted.argmax(1)].mean()
            cells.append(f"{100 * (pick / universal - 1):+.1f} %")
            if one_best is None:
                one_best = truth[:, predicted.mean(0).argmax()].mean()
        cells.append(f"{100 * (one_best / universal - 1):+.1f} %")
        rows.append(f"| {split} | " + " | ".join(cells) + " |")
    print(f"Exact slot values x product traits, ridge (lambda {LAMBDA:g}) on {market}: mean true CTR (slot taste only, "
          "no pixel effects) of each choice among 64 click-log descriptions for 50 unseen products, against the "
          "oracle's one best of the 64 (universal).\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
