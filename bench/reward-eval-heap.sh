#!/usr/bin/env bash
# `caig reward eval` on 2,668 side-by-side pairs of 512x256 with the launcher's default heap (-Xmx1g): the case that
# failed when every pair image was decoded before scoring. Wall time, peak RSS and the result go to
# bench/results/reward-eval-heap.json. Pairs are made here (16 PNGs, named by 2,668 entries; each entry is decoded
# on its own, as in a real test set). Env: REWARD (default /tmp/batch-bench-run/reward, left by
# bench/batch-bench.sh), RESULTS (default bench/results).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${RESULTS:-$root/bench/results}"
reward="${REWARD:-/tmp/batch-bench-run/reward}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$reward/manifest.json" ] || { echo "reward-eval-heap: no reward model at $reward (run bench/batch-bench.sh or set REWARD)" >&2; exit 1; }
python3 - "$work" <<'PY'
import json, random, struct, sys, zlib
work = sys.argv[1]
random.seed(3)
def png(path, w, h, left, right):
    rows = b"".join(b"\0" + b"".join(bytes((min(255, (left if x < w // 2 else right)[0] + (x * 7 + y * 3) % 40),
                                              (left if x < w // 2 else right)[1], (left if x < w // 2 else right)[2]))
                                       for x in range(w)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
colours = [(random.randrange(200), random.randrange(256), random.randrange(256)) for _ in range(16)]
for i in range(16):
    png(f"{work}/pair-{i}.png", 512, 256, colours[i], colours[(i * 5 + 3) % 16])
json.dump([{"image": f"pair-{i % 16}.png", "target": random.choice(["left", "right"])} for i in range(2668)],
          open(f"{work}/testset.json", "w"))
PY
/usr/bin/time -v "$root/caig" reward eval --model "$reward" --test-set "$work/testset.json" --out "$work/result.json" \
  >"$work/out.txt" 2>"$work/err.txt" || { tail -5 "$work/err.txt" >&2; exit 1; }
python3 - "$work" "$results/reward-eval-heap.json" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, re, sys
work, out, load = sys.argv[1:4]
err = open(f"{work}/err.txt").read()
wall = err.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
result = json.load(open(f"{work}/result.json"))
json.dump({"pairs": result["pairs"], "pairSize": "512x256", "heap": "launcher default (-Xmx1g)",
           "wallSeconds": round(sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall))), 2),
           "peakRssMiB": round(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024, 1),
           "accuracy": result["accuracy"], "loadAverage": load,
           "note": "random targets: the accuracy is not a quality figure; the run finishing is the point"},
          open(out, "w"), indent=2)
print(open(out).read())
PY
