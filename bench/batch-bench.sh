#!/usr/bin/env bash
# Catalog-scale generation: products per second per `caig generate` process at 256 px (procedural renderer, 4
# candidates), with 1 process and with 2 processes (shards 0/2 and 1/2 at once), peak RSS of each; and a
# 1,000,000-entry synthetic catalog validated and sharded in bounded memory (`caig data validate --shard 0/64` under
# a 256 MB heap). Writes bench/results/batch.json; bench/results/batch-plan.md turns the figures into pods and hours.
# Usage: bench/batch-bench.sh
# Env: POLICY, REWARD (default $RUN_DIR/pcpo and $RUN_DIR/reward; when missing, the quickstart pipeline is run into
#      RUN_DIR, default /tmp/batch-bench-run, about 5 minutes), PRODUCTS (default 48), BIG (default 1000000),
#      RESULTS (default bench/results).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${RESULTS:-$root/bench/results}"
run_dir="${RUN_DIR:-/tmp/batch-bench-run}"
policy="${POLICY:-$run_dir/pcpo}"
reward="${REWARD:-$run_dir/reward}"
products="${PRODUCTS:-48}"
big="${BIG:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"
export CAIG_PROGRESS=json CAIG_LOCAL_STORE="${CAIG_LOCAL_STORE:-$work/store}"

if [ ! -f "$policy/manifest.json" ] || [ ! -f "$reward/manifest.json" ]; then
  echo "batch-bench: no models at $policy and $reward; running the quickstart pipeline into $run_dir" >&2
  "$root/caig" pipeline --config "$root/samples/local/quickstart.yaml" --out "$run_dir" >&2
fi
"$root/caig" --version >/dev/null   # builds the runtime when needed

# A catalog of $products products: the 8 caig-tiny photos under distinct ids, with the brand/price fields real
# catalogs carry. And the big one: $big entries naming 8 small (64 px) photos, so that validating it measures the
# reader, not the PNG decoder.
python3 - "$root/../shared/data/caig-tiny" "$work" "$products" "$big" <<'PY'
import json, os, struct, sys, zlib
tiny, work, n, big = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = json.load(open(os.path.join(tiny, "tiny.json")))
entries = [{"id": "p%05d" % i, "image": os.path.join(os.path.abspath(tiny), base[i % len(base)]["image"]),
            "new_caption": base[i % len(base)]["new_caption"], "brand": "Acme", "price": 9.5} for i in range(n)]
json.dump(entries, open(os.path.join(work, "catalog.json"), "w"))
def png(path, shade):
    side = 64
    rows = b"".join(b"\0" + b"".join(bytes((shade, 40, 40, 255 if 16 <= x < 48 and 16 <= y < 48 else 0))
                                       for x in range(side)) for y in range(side))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
os.makedirs(os.path.join(work, "big"), exist_ok=True)
for k in range(8):
    png(os.path.join(work, "big", "p%d.png" % k), 30 * k)
with open(os.path.join(work, "big", "catalog.json"), "w") as f:
    f.write("[")
    for i in range(big):
        f.write(("," if i else "") + json.dumps({"id": "sku-%07d" % i, "image": "p%d.png" % (i % 8),
                                                 "new_caption": "product %d" % i, "category": "home", "price": 1.5}))
    f.write("]")
PY

# gen NAME SHARD: one timed `caig generate` process; its stderr (progress lines, /usr/bin/time -v) goes to NAME.err
gen() {
  /usr/bin/time -v "$root/caig" generate --policy "$policy" --reward "$reward" --catalog "$work/catalog.json" \
    --candidates 4 --size 256 --seed 0 --shard "$2" --out "$work/$1" >/dev/null 2>"$work/$1.err"
}
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
gen one 0/1
gen two-0 0/2 & a=$!
gen two-1 1/2 & b=$!
wait $a; wait $b
CAIG_JAVA_OPTS="-Xmx256m -XX:MaxDirectMemorySize=64m" /usr/bin/time -v "$root/caig" data validate \
  --catalog "$work/big/catalog.json" --shard 0/64 >"$work/big.out" 2>"$work/big.err"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$results/batch.json" "$products" "$big" "$load_before" "$load_after" "$(nproc)" <<'PY'
import json, re, sys
work, out, n, big, load_before, load_after, cores = sys.argv[1:8]
def timed(name):
    text = open(f"{work}/{name}.err").read()
    wall = text.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    steps = [json.loads(l) for l in text.splitlines() if l.startswith('{"task":"generate"')]
    done = len(steps)
    # steady state: from the first product to the last (model loading and the JVM's start left out)
    steady = (done - 1) / (steps[-1]["elapsedSeconds"] - steps[0]["elapsedSeconds"]) if done > 1 else None
    return {"products": done, "wallSeconds": round(seconds, 2), "productsPerSecondWall": round(done / seconds, 3),
            "productsPerSecondSteady": round(steady, 3) if steady else None, "peakRssMiB": round(rss_kb / 1024, 1)}
one, a, b = timed("one"), timed("two-0"), timed("two-1")
big_err = open(f"{work}/big.err").read()
big_wall = big_err.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
result = {
    "machine": {"cores": int(cores), "loadAverageBefore": load_before, "loadAverageAfter": load_after,
                "note": "shared machine: other engineers' builds ran at the same time; compare figures of this run only"},
    "settings": {"renderer": "procedural", "size": 256, "candidates": 4, "catalogProducts": int(n)},
    "oneProcess": one,
    "twoProcesses": {"shards": [a, b],
                     "productsPerSecondSteadyTotal": round((a["productsPerSecondSteady"] or 0) + (b["productsPerSecondSteady"] or 0), 3),
                     "wallSeconds": max(a["wallSeconds"], b["wallSeconds"])},
    "bigCatalog": {"entries": int(big), "command": "caig data validate --shard 0/64 (all ids checked, shard 0's photos decoded)",
                   "heap": "-Xmx256m",
                   "wallSeconds": round(sum(float(p) * 60 ** i for i, p in enumerate(reversed(big_wall))), 2),
                   "peakRssMiB": round(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", big_err).group(1)) / 1024, 1),
                   "output": open(f"{work}/big.out").read().strip().splitlines()[-1]},
}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(result, indent=2))
PY
